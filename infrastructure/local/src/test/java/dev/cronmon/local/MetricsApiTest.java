package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cronmon.domain.service.Bootstrap;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus scrape (docs/api.md "Metrics"): a real scrape over HTTP, checked by Prometheus' own parser and linter
 * ({@code promtool check metrics}, from Debian's prometheus package that .ci/run installs; skipped, saying why, where it
 * is missing) and read back sample by sample; a monitor name with quotes and a backslash stays one label value; the
 * token rules: none or an unknown one is 401, another organization's is 404, and a project's scrape holds only its monitors.
 */
class MetricsApiTest extends LocalStackTestBase {
  private static final String TRICKY_NAME = "Say \"hi\" \\ to <all> & 'co'";
  /** One sample line: name, labels, value. Label values are "…" with \\, \" and \n escaped. */
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)} (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");

  private String readToken;

  @BeforeAll
  void monitorsInEveryState() {
    readToken = api("POST", orgPath("/api-tokens/"), "{\"name\":\"prometheus\",\"scopes\":[\"org:read\"]}").json().get("token").asText();
    // 10:00: steady (hourly, next slot 11:00), every-20 (next slot 10:20, margin 10), broken (an error: an open incident).
    checkIn("steady", "ok", "{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"}}");
    checkIn("every-20", "ok", "{\"schedule\":{\"type\":\"crontab\",\"value\":\"*/20 * * * *\"},\"checkin_margin\":10}");
    checkIn("broken", "error", "{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"}}");
    Response created = api("POST", orgPath("/monitors/"), "{\"name\":" + jsonString(TRICKY_NAME)
        + ",\"slug\":\"tricky\",\"is_muted\":true,\"config\":{\"schedule_type\":\"crontab\",\"schedule\":\"0 * * * *\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    checkIn("tricky", "in_progress", null);
    Response window = api("POST", orgPath("/maintenance-windows/"), "{\"name\":\"patching\",\"start\":\"2026-03-02T10:00:00Z\","
        + "\"end\":\"2026-03-02T11:00:00Z\",\"monitors\":[\"tricky\"]}");
    assertThat(window.status()).as(window.body()).isEqualTo(201);
    clock.advance(Duration.ofSeconds(1)); // the default project stays the oldest: a token's check-ins create their monitors there
    api("POST", orgPath("/projects/"), "{\"name\":\"Other project\",\"slug\":\"other-project\"}");
    Response elsewhere = api("POST", orgPath("/monitors/"), "{\"name\":\"Elsewhere\",\"project\":\"other-project\","
        + "\"config\":{\"schedule_type\":\"crontab\",\"schedule\":\"0 * * * *\"}}");
    assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(201);
    checkIn("elsewhere", "ok", null);
    // timed: a check-in reporting its duration; closed: a run closed by cronmon 90 s after it started
    checkIn("timed", "ok", "{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"}}", ",\"duration\":1500");
    checkIn("closed", "in_progress", "{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"}}");
    clock.advance(Duration.ofSeconds(90));
    Response close = api("PUT", orgPath("/monitors/closed/checkins/latest/"), "{\"status\":\"ok\"}");
    assertThat(close.status()).as(close.body()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(25).minusSeconds(91)); // 10:25: every-20's 10:20 slot has passed, within its margin
  }

  private void checkIn(String slug, String status, String config) {
    checkIn(slug, status, config, "");
  }

  private void checkIn(String slug, String status, String config, String more) {
    Response r = api("POST", orgPath("/monitors/" + slug + "/checkins/"),
        "{\"status\":\"" + status + "\"" + (config == null ? "" : ",\"monitor_config\":" + config) + more + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  private static String jsonString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private Response scrape(String path) {
    return send("GET", path, null, "Authorization", "Bearer " + readToken);
  }

  @Test
  void aScrape_isPrometheusText_withEachMonitorEnvironmentsState() {
    Response r = scrape(orgPath("/metrics/"));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().get("content-type")).containsExactly("text/plain; version=0.0.4; charset=utf-8");
    Map<String, Double> samples = samples(r.body());
    assertThat(samples).containsEntry("cronmon_monitor_up{project=default,monitor=steady,environment=production}", 1.0)
        .containsEntry("cronmon_monitor_up{project=default,monitor=broken,environment=production}", 0.0)
        .containsEntry("cronmon_monitor_up{project=default,monitor=every-20,environment=production}", 1.0)
        .containsEntry("cronmon_monitor_late{project=default,monitor=every-20,environment=production}", 1.0)
        .containsEntry("cronmon_monitor_late{project=default,monitor=steady,environment=production}", 0.0)
        .containsEntry("cronmon_monitor_status{project=default,monitor=broken,environment=production,status=error}", 1.0)
        .containsEntry("cronmon_monitor_status{project=default,monitor=broken,environment=production,status=ok}", 0.0)
        .containsEntry("cronmon_monitor_status{project=default,monitor=steady,environment=production,status=ok}", 1.0)
        .containsEntry("cronmon_monitor_last_checkin_age_seconds{project=default,monitor=steady,environment=production}", 1500.0)
        .containsEntry("cronmon_monitor_last_checkin_timestamp_seconds{project=default,monitor=steady,environment=production}",
            (double) java.time.Instant.parse("2026-03-02T10:00:00Z").getEpochSecond())
        .containsEntry("cronmon_monitor_in_progress_runs{project=default,monitor=tricky,environment=production}", 1.0)
        .containsEntry("cronmon_monitor_in_progress_runs{project=default,monitor=steady,environment=production}", 0.0)
        .containsEntry("cronmon_monitor_muted{project=default,monitor=tricky,environment=production}", 1.0)
        .containsEntry("cronmon_monitor_muted{project=default,monitor=steady,environment=production}", 0.0)
        .containsEntry("cronmon_monitor_in_maintenance{project=default,monitor=steady,environment=production}", 0.0)
        .containsEntry("cronmon_monitor_in_maintenance{project=default,monitor=tricky,environment=production}", 1.0)
        .containsEntry("cronmon_monitor_last_duration_seconds{project=default,monitor=timed,environment=production}", 1.5)
        .containsEntry("cronmon_monitor_last_duration_seconds{project=default,monitor=closed,environment=production}", 90.0)
        .doesNotContainKey("cronmon_monitor_last_duration_seconds{project=default,monitor=tricky,environment=production}")
        .containsEntry("cronmon_monitor_up{project=other-project,monitor=elsewhere,environment=production}", 1.0);
    assertThat(samples).as("the name is one label value, unescaped back to what was given")
        .containsEntry("cronmon_monitor_info{project=default,monitor=tricky,environment=production,name=" + TRICKY_NAME + "}", 1.0);
  }

  @Test
  void aRealScrape_passesPromtoolCheckMetrics() throws Exception {
    Path promtool = promtool();
    assumeTrue(promtool != null, "promtool is not on the PATH (Debian package prometheus; .ci/run installs it): the format check is skipped");
    Response r = scrape(orgPath("/metrics/"));
    assertThat(r.body()).contains("tricky");

    Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(r.body().getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as("promtool check metrics: " + output + "\non:\n" + r.body()).isZero();
    assertThat(output).as("promtool's lint findings").isBlank();
  }

  @Test
  void promtool_refusesABrokenExposition_soItsPassIsMeaningful() throws Exception {
    Path promtool = promtool();
    assumeTrue(promtool != null, "promtool is not on the PATH (Debian package prometheus; .ci/run installs it): the format check is skipped");
    Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write("# HELP cronmon_x x\n# TYPE cronmon_x gauge\ncronmon_x{name=\"a\"b\"} 1\n".getBytes(StandardCharsets.UTF_8));
    }
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).isNotZero();
  }

  @Test
  void theReadmesScrapeConfigAndAlertRule_passPromtool(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path promtool = promtool();
    assumeTrue(promtool != null, "promtool is not on the PATH (Debian package prometheus; .ci/run installs it): the README check is skipped");
    String readme = Files.readString(Path.of("../../README.md"));
    Matcher blocks = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(readme);
    String config = null;
    String rules = null;
    while (blocks.find()) {
      if (blocks.group(1).startsWith("# prometheus.yml")) config = blocks.group(1);
      if (blocks.group(1).contains("cronmon_monitor_up")) rules = blocks.group(1);
    }
    assertThat(config).as("README's scrape config").isNotNull();
    assertThat(rules).as("README's alert rule").isNotNull();
    Files.writeString(dir.resolve("prometheus.yml"), config);
    Files.writeString(dir.resolve("rules.yml"), rules);

    assertThat(run(promtool, "check", "config", dir.resolve("prometheus.yml").toString())).startsWith("0:");
    assertThat(run(promtool, "check", "rules", dir.resolve("rules.yml").toString())).startsWith("0:").contains("1 rules found");
  }

  /** {@code exit status: output} of a command. */
  private static String run(Path command, String... args) throws Exception {
    List<String> line = new java.util.ArrayList<>(List.of(command.toString()));
    line.addAll(List.of(args));
    Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue() + ": " + output;
  }

  @Test
  void aProjectsScrape_holdsOnlyItsMonitors() {
    Response r = scrape("/api/0/projects/" + org + "/other-project/metrics/");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(samples(r.body()).keySet()).isNotEmpty().allSatisfy(k -> assertThat(k).contains("monitor=elsewhere,"));
    assertThat(scrape("/api/0/projects/" + org + "/no-such-project/metrics/").status()).isEqualTo(404);
  }

  @Test
  void withoutATokenOrWithAWrongOne_theScrapeIsRefused_andShowsNothing() {
    Bootstrap.Credentials other = Bootstrap.createOrganization(stack.services().store(), clock, "metrics-other", "Metrics other");
    Response none = send("GET", orgPath("/metrics/"), null);
    Response unknown = send("GET", orgPath("/metrics/"), null, "Authorization", "Bearer cronmon_" + "0".repeat(64));
    Response dsn = send("GET", orgPath("/metrics/"), null, "Authorization", "DSN http://" + stack.credentials().publicKey() + "@127.0.0.1/"
        + stack.credentials().projectId());
    Response otherOrg = send("GET", orgPath("/metrics/"), null, "Authorization", "Bearer " + other.token());
    Response otherOrgProject = send("GET", "/api/0/projects/" + org + "/default/metrics/", null, "Authorization", "Bearer " + other.token());

    assertThat(none.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(dsn.status()).as("a DSN key is no token").isIn(401, 403);
    assertThat(otherOrg.status()).as("another organization's token").isEqualTo(404);
    assertThat(otherOrgProject.status()).isEqualTo(404);
    for (Response r : List.of(none, unknown, dsn, otherOrg, otherOrgProject)) assertThat(r.body()).doesNotContain("steady", "cronmon_monitor");
    Response own = send("GET", "/api/0/organizations/metrics-other/metrics/", null, "Authorization", "Bearer " + other.token());
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.body()).doesNotContain("steady", "tricky", "broken");
  }

  /** Every sample as {@code name{label=value,…}} (values unescaped) → value; fails on a line that is no sample, HELP or TYPE. */
  private static Map<String, Double> samples(String body) {
    Map<String, Double> out = new HashMap<>();
    for (String line : body.split("\n", -1)) {
      if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) continue;
      Matcher m = SAMPLE.matcher(line);
      assertThat(m.matches()).as("a sample line: " + line).isTrue();
      StringBuilder key = new StringBuilder(m.group(1)).append('{');
      Matcher l = LABEL.matcher(m.group(2));
      boolean first = true;
      while (l.find()) {
        if (!first) key.append(',');
        first = false;
        key.append(l.group(1)).append('=').append(unescape(l.group(2)));
      }
      out.put(key.append('}').toString(), Double.parseDouble(m.group(3)));
    }
    return out;
  }

  /** The format's label value escapes undone: \\ → \, \" → ", \n → line feed. */
  private static String unescape(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        char next = value.charAt(++i);
        out.append(next == 'n' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static Path promtool() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "promtool");
      if (Files.isExecutable(candidate)) return candidate;
    }
    return null;
  }
}
