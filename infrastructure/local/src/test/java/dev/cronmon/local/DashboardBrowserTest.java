package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * End-to-end layer: the dashboard in Debian's Chromium (headless, driven by playwright-core from npm) against this
 * local stack, over real HTTP. Java seeds a day of check-ins by moving the stack's clock; the script
 * (src/test/browser/dashboard-e2e.mjs) signs in, creates a monitor through the form, sends check-ins, reads the
 * timeline, runs axe-core, walks the page with the keyboard and takes the README's screenshots. A normal session (every
 * step but the wrong token and the refused form, which provoke refusals on purpose) logs no console error and sees no
 * failed request.
 * Needs node, `npm ci` in infrastructure/local and /usr/bin/chromium (all from .ci/run); skipped without them.
 * Screenshots go to target/screenshots, or to -Ddashboard.screenshots=DIR (docs/screenshots for the README).
 */
class DashboardBrowserTest extends LocalStackTestBase {
  private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

  /** The webhook channel's receiver is the script's own server on 127.0.0.1. */
  @Override
  protected Map<String, String> stackEnvironment() {
    return Map.of("ALLOW_PRIVATE_ALERT_TARGETS", "true");
  }

  @Test
  void dashboard_signInCreateMonitorCheckInsTimelineMuteChannels_inChromium() throws Exception {
    NodeTool.assumeNodeAndPackages("playwright-core", "axe-core");
    assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: .ci/run installs it with apt-get install chromium");
    Path screenshots = Path.of(System.getProperty("dashboard.screenshots", "target/screenshots")).toAbsolutePath();
    Files.createDirectories(screenshots);
    seedADayOfCheckIns();

    NodeTool.Result run = NodeTool.run(Map.of(
        "CRONMON_URL", stack.baseUri().toString(),
        "CRONMON_ORG", org,
        "CRONMON_TOKEN", token,
        "CRONMON_DSN", stack.dsn(),
        "CRONMON_NOW", clock.instant().toString(),
        "CHROMIUM", CHROMIUM.toString(),
        "SCREENSHOT_DIR", screenshots.toString()), "node", NodeTool.SCRIPTS.resolve("dashboard-e2e.mjs").toString());

    JsonNode result = Json.parse(run.lastLine().getBytes(StandardCharsets.UTF_8));
    assertThat(result.path("failures")).as(run.output()).isEmpty();
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(names(result.path("passed"))).as(run.output()).contains(
        "signIn_keepsTheTokenInSessionStorageOnly",
        "form_showsTheApisFieldError_forASixFieldCron_andWritesNothing",
        "form_createsTheMonitor_withALivePreviewOfTheNextRuns",
        "timeline_showsTicksInTheirStatusColours_afterCheckInsOverHttp",
        "detail_showsThePingUrl_andExpandsACheckInsOutput_asTextNeverMarkup",
        "list_isKeyboardNavigable_fromSkipLinkToAMonitor",
        "droppedCheckIns_showABannerOnTheListAndTheMonitor_andDismissDeletesThem",
        "owner_isSetInTheForm_shownOnTheMonitor_andFiltersTheList",
        "maintenance_windowIsAddedOnItsPage_shownOnTheMonitorAndItsTimeline_andDeleted",
        "snooze_oneClickForAnHour_showsUntilWhen_andTheApiAgrees",
        "page_runsUnderTheContentSecurityPolicy_withoutErrors",
        "session_leavesNoConsoleErrors_andNoFailedRequests");
    assertThat(names(result.path("skipped"))).as("skipped steps").isEmpty();
    assertThat(names(result.path("unexpected"))).as("console errors and failed requests of a normal session").isEmpty();
    result.path("axe").forEach(violations -> assertThat(violations).as("axe-core violations").isEmpty());
    for (String shot : List.of("list.png", "timeline.png", "form.png", "form-error.png")) {
      assertThat(screenshots.resolve(shot)).isNotEmptyFile();
    }
  }

  private static List<String> names(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private record Event(Instant at, String method, String path, String body) {}

  /**
   * Four monitors over the 24 h before "now", sent in time order with the clock moved to each and the sweeper run
   * after each: an hourly job with two skipped hours (missed), a run that never finished (timeout) and one error, a
   * 15-minute job failing lately (an open incident), a nightly job in two environments, and an interval heartbeat. A
   * maintenance window covers the hourly job's second skipped hour, which is shown as in maintenance, not missed.
   */
  private void seedADayOfCheckIns() {
    Instant start = clock.instant();
    List<Event> events = new ArrayList<>();
    String hourly = "{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"},\"max_runtime\":30}";
    for (int h = 1; h <= 24; h++) {
      if (h == 7 || h == 15) continue;
      Instant slot = start.plus(Duration.ofHours(h));
      events.add(new Event(slot, "POST", "/monitors/hourly-report/checkins/", "{\"status\":\"in_progress\",\"monitor_config\":" + hourly + "}"));
      if (h == 11) continue;
      events.add(new Event(slot.plusSeconds(60 + (h * 37 % 180)), "PUT", "/monitors/hourly-report/checkins/latest/",
          "{\"status\":\"" + (h == 19 ? "error" : "ok") + "\"}"));
    }
    Instant patched = start.plus(Duration.ofHours(15));
    events.add(new Event(start.plus(Duration.ofHours(1)).plusSeconds(30), "POST", "/maintenance-windows/",
        "{\"name\":\"Seeded upgrade\",\"start\":\"" + patched.minus(Duration.ofMinutes(10)) + "\",\"duration\":20,"
            + "\"monitors\":[\"hourly-report\"]}"));
    String quarter = "{\"schedule\":{\"type\":\"crontab\",\"value\":\"*/15 * * * *\"},\"failure_issue_threshold\":2}";
    for (int q = 0; q <= 24; q++) {
      Instant slot = start.plus(Duration.ofHours(18)).plus(Duration.ofMinutes(15L * q));
      String status = q >= 21 ? "error" : "ok";
      events.add(new Event(slot.plusSeconds(5), "POST", "/monitors/billing-sync/checkins/",
          "{\"status\":\"" + status + "\",\"duration\":" + (8000 + q * 350) + ",\"monitor_config\":" + quarter + "}"));
    }
    String nightly = "{\"schedule\":{\"type\":\"crontab\",\"value\":\"30 2 * * *\"},\"timezone\":\"America/New_York\",\"checkin_margin\":10,\"max_runtime\":120}";
    Instant backup = Instant.parse("2026-03-03T07:30:00Z");
    for (String environment : List.of("production", "staging")) {
      events.add(new Event(backup, "POST", "/monitors/nightly-db-backup/checkins/",
          "{\"status\":\"in_progress\",\"environment\":\"" + environment + "\",\"monitor_config\":" + nightly + "}"));
      events.add(new Event(backup.plus(Duration.ofMinutes(environment.equals("production") ? 42 : 17)), "PUT",
          "/monitors/nightly-db-backup/checkins/latest/", "{\"status\":\"ok\",\"environment\":\"" + environment + "\"}"));
    }
    String drain = "{\"schedule\":{\"type\":\"interval\",\"value\":10,\"unit\":\"minute\"}}";
    for (int i = 0; i <= 12; i++) {
      events.add(new Event(start.plus(Duration.ofHours(22)).plus(Duration.ofMinutes(10L * i)), "POST", "/monitors/queue-drain/checkins/",
          "{\"status\":\"ok\",\"duration\":" + (400 + i * 90) + ",\"monitor_config\":" + drain + "}"));
    }
    events.sort(Comparator.comparing(Event::at));
    for (Event e : events) {
      clock.set(e.at());
      stack.sweep();
      Response r = api(e.method(), orgPath(e.path()), e.body());
      assertThat(r.status()).as(e + " → " + r.body()).isLessThan(300);
    }
    clock.set(start.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(5)));
    stack.sweep();
  }
}
