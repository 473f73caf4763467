package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentry.CheckIn;
import io.sentry.CheckInStatus;
import io.sentry.ILogger;
import io.sentry.MonitorConfig;
import io.sentry.MonitorSchedule;
import io.sentry.MonitorScheduleUnit;
import io.sentry.Sentry;
import io.sentry.SentryLevel;
import io.sentry.protocol.SentryId;
import io.sentry.util.CheckInUtils;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official Sentry Java SDK, configured with nothing but the local stack's DSN, sends check-ins over real HTTP
 * (gzip envelopes with X-Sentry-Auth, plus whatever other items it adds); the monitor API then shows what it did.
 */
class SentryJavaSdkTest extends LocalStackTestBase {

  @BeforeEach
  void initSdk() {
    Sentry.init(options -> {
      options.setDsn(stack.dsn());
      options.setEnvironment("production");
      options.setShutdownTimeoutMillis(5_000);
      options.setFlushTimeoutMillis(5_000);
    });
  }

  @AfterEach
  void flushSdk() {
    Sentry.close(); // flushes the transport's queue: every check-in has reached the stack when this returns
  }

  @AfterAll
  void closeSdk() {
    Sentry.close();
  }

  private JsonNode monitor(String slug) {
    Response r = api("GET", orgPath("/monitors/" + slug + "/"), null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private JsonNode checkIns(String slug) {
    Response r = api("GET", orgPath("/monitors/" + slug + "/checkins/"), null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static void flush() {
    Sentry.flush(5_000);
  }

  @Test
  void checkInForAMonitorThatDoesNotExist_gets200_andIsListedAsAProcessingError() {
    // GIVEN the SDK, with a logger that keeps what it says (it logs the response code of an envelope it failed to send)
    Sentry.close();
    List<String> logged = new CopyOnWriteArrayList<>();
    Sentry.init(options -> {
      options.setDsn(stack.dsn());
      options.setDebug(true);
      options.setDiagnosticLevel(SentryLevel.DEBUG);
      options.setLogger(new ILogger() {
        @Override public void log(SentryLevel level, String message, Object... args) { logged.add(level + " " + String.format(message, args)); }
        @Override public void log(SentryLevel level, String message, Throwable throwable) { logged.add(level + " " + message); }
        @Override public void log(SentryLevel level, Throwable throwable, String message, Object... args) { logged.add(level + " " + String.format(message, args)); }
        @Override public boolean isEnabled(SentryLevel level) { return true; }
      });
      options.setShutdownTimeoutMillis(5_000);
      options.setFlushTimeoutMillis(5_000);
    });
    clock.set(Instant.parse("2026-03-02T08:00:00Z"));

    // WHEN it sends a check-in for a slug no monitor has, without a monitor_config
    Sentry.captureCheckIn(new CheckIn("sdk-never-configured", CheckInStatus.OK));
    flush();

    // THEN the envelope was taken (no failed send), and the project's processing errors say why it was dropped
    assertThat(logged).noneMatch(line -> line.contains("failed to send the envelope"));
    assertThat(logged).anyMatch(line -> line.contains("Envelope") || line.contains("envelope"));
    Response errors = api("GET", "/api/0/projects/" + org + "/" + stack.credentials().projectId() + "/processing-errors/", null);
    assertThat(errors.status()).as(errors.body()).isEqualTo(200);
    JsonNode error = errors.json().get(0);
    assertThat(error.get("errors").get(0).get("type").asInt()).isEqualTo(11);
    assertThat(error.get("errors").get(0).get("name").asText()).isEqualTo("MONITOR_NOT_FOUND");
    assertThat(error.get("checkin").get("payload").get("monitor_slug").asText()).isEqualTo("sdk-never-configured");
    assertThat(error.get("checkin").get("ts").asText()).isEqualTo("2026-03-02T08:00:00Z");
    assertThat(api("GET", orgPath("/monitors/sdk-never-configured/"), null).status()).isEqualTo(404);
  }

  @Test
  void captureCheckIn_inProgressThenOk_withTheSameId_upsertsTheMonitorAndClosesTheRun() {
    clock.set(Instant.parse("2026-03-02T07:00:10Z"));
    MonitorConfig config = new MonitorConfig(MonitorSchedule.crontab("0 2 * * *"));
    config.setTimezone("America/New_York");
    config.setCheckinMargin(5L);
    config.setMaxRuntime(45L);
    config.setFailureIssueThreshold(2L);
    config.setRecoveryThreshold(3L);
    CheckIn start = new CheckIn("sdk-nightly", CheckInStatus.IN_PROGRESS);
    start.setMonitorConfig(config);

    SentryId id = Sentry.captureCheckIn(start);
    flush();
    assertThat(checkIns("sdk-nightly").get(0).get("status").asText()).isEqualTo("in_progress");
    CheckIn done = new CheckIn(id, "sdk-nightly", CheckInStatus.OK);
    done.setDuration(12.5);
    done.setMonitorConfig(config);
    Sentry.captureCheckIn(done);
    flush();

    JsonNode m = monitor("sdk-nightly");
    assertThat(m.get("name").asText()).isEqualTo("sdk-nightly");
    JsonNode c = m.get("config");
    assertThat(c.get("schedule_type").asText()).isEqualTo("crontab");
    assertThat(c.get("schedule").asText()).isEqualTo("0 2 * * *");
    assertThat(c.get("timezone").asText()).isEqualTo("America/New_York");
    assertThat(c.get("checkin_margin").asInt()).isEqualTo(5);
    assertThat(c.get("max_runtime").asInt()).isEqualTo(45);
    assertThat(c.get("failure_issue_threshold").asInt()).isEqualTo(2);
    assertThat(c.get("recovery_threshold").asInt()).isEqualTo(3);
    assertThat(m.get("configError").isNull()).isTrue();
    JsonNode env = m.get("environments").get(0);
    assertThat(env.get("name").asText()).isEqualTo("production");
    assertThat(env.get("status").asText()).isEqualTo("ok");
    // 02:00 in New York (EST, UTC-5) is 07:00 UTC: the run at 07:00:10 fulfils today's slot, the next is tomorrow's.
    assertThat(env.get("nextCheckIn").asText()).isEqualTo("2026-03-03T07:00:00Z");
    assertThat(env.get("nextCheckInLatest").asText()).isEqualTo("2026-03-03T07:05:00Z");
    JsonNode history = checkIns("sdk-nightly");
    assertThat(history).hasSize(1);
    assertThat(history.get(0).get("id").asText().replace("-", "")).isEqualTo(id.toString());
    assertThat(history.get(0).get("status").asText()).isEqualTo("ok");
    assertThat(history.get(0).get("duration").asLong()).isEqualTo(12_500);
    assertThat(history.get(0).get("expectedTime").asText()).isEqualTo("2026-03-02T07:00:00Z");
  }

  @Test
  void withCheckIn_aroundAJobThatSucceeds_recordsOneOkRunWithItsDuration() throws Exception {
    clock.set(Instant.parse("2026-03-02T08:00:00Z"));
    MonitorConfig config = new MonitorConfig(MonitorSchedule.crontab("0 * * * *"));

    String result = CheckInUtils.withCheckIn("sdk-succeeds", config, () -> "done");
    flush();

    assertThat(result).isEqualTo("done");
    JsonNode history = checkIns("sdk-succeeds");
    assertThat(history).hasSize(1);
    assertThat(history.get(0).get("status").asText()).isEqualTo("ok");
    // The SDK measures the job itself and sends seconds; a job that returns at once took well under a minute.
    assertThat(history.get(0).get("duration").isIntegralNumber()).isTrue();
    assertThat(history.get(0).get("duration").asLong()).isBetween(0L, 60_000L);
    JsonNode env = monitor("sdk-succeeds").get("environments").get(0);
    assertThat(env.get("status").asText()).isEqualTo("ok");
    assertThat(env.get("nextCheckIn").asText()).isEqualTo("2026-03-02T09:00:00Z");
  }

  @Test
  void withCheckIn_aroundAJobThatThrows_recordsAnErrorRun_andRethrows() {
    clock.set(Instant.parse("2026-03-02T09:00:00Z"));
    MonitorConfig config = new MonitorConfig(MonitorSchedule.crontab("0 * * * *"));

    assertThatThrownBy(() -> CheckInUtils.withCheckIn("sdk-throws", config, () -> {
      throw new IllegalStateException("disk full");
    })).isInstanceOf(IllegalStateException.class).hasMessage("disk full");
    flush();

    JsonNode history = checkIns("sdk-throws");
    assertThat(history).hasSize(1);
    assertThat(history.get(0).get("status").asText()).isEqualTo("error");
    assertThat(history.get(0).get("duration").asLong()).isBetween(0L, 60_000L);
    assertThat(monitor("sdk-throws").get("environments").get(0).get("status").asText()).isEqualTo("error");
  }

  @Test
  void intervalSchedule_fromTheSdk_isStoredAsAnInterval_andStepsFromTheCheckIn() {
    clock.set(Instant.parse("2026-03-02T10:17:00Z"));
    MonitorConfig config = new MonitorConfig(MonitorSchedule.interval(2, MonitorScheduleUnit.HOUR));
    CheckIn heartbeat = new CheckIn("sdk-interval", CheckInStatus.OK);
    heartbeat.setMonitorConfig(config);

    Sentry.captureCheckIn(heartbeat);
    flush();

    JsonNode m = monitor("sdk-interval");
    assertThat(m.get("config").get("schedule_type").asText()).isEqualTo("interval");
    assertThat(m.get("config").get("schedule").get(0).asInt()).isEqualTo(2);
    assertThat(m.get("config").get("schedule").get(1).asText()).isEqualTo("hour");
    assertThat(m.get("environments").get(0).get("nextCheckIn").asText()).isEqualTo("2026-03-02T12:17:00Z");
    assertThat(checkIns("sdk-interval").get(0).get("status").asText()).isEqualTo("ok");
  }

  @Test
  void secondUpsert_withAnotherSchedule_changesTheMonitor_andKeepsItsHistory() {
    clock.set(Instant.parse("2026-03-02T11:00:00Z"));
    CheckIn first = new CheckIn("sdk-rescheduled", CheckInStatus.OK);
    first.setMonitorConfig(new MonitorConfig(MonitorSchedule.crontab("0 * * * *")));
    Sentry.captureCheckIn(first);
    flush();
    assertThat(monitor("sdk-rescheduled").get("config").get("schedule").asText()).isEqualTo("0 * * * *");

    clock.set(Instant.parse("2026-03-02T11:30:00Z"));
    MonitorConfig changed = new MonitorConfig(MonitorSchedule.crontab("*/15 * * * *"));
    changed.setTimezone("Europe/Berlin");
    CheckIn second = new CheckIn("sdk-rescheduled", CheckInStatus.OK);
    second.setMonitorConfig(changed);
    Sentry.captureCheckIn(second);
    flush();

    JsonNode m = monitor("sdk-rescheduled");
    assertThat(m.get("config").get("schedule").asText()).isEqualTo("*/15 * * * *");
    assertThat(m.get("config").get("timezone").asText()).isEqualTo("Europe/Berlin");
    assertThat(m.get("environments").get(0).get("nextCheckIn").asText()).isEqualTo("2026-03-02T11:45:00Z");
    assertThat(checkIns("sdk-rescheduled")).hasSize(2);
    assertThat(checkIns("sdk-rescheduled").get(0).get("monitorConfig").get("schedule").asText()).isEqualTo("*/15 * * * *");
  }

  @Test
  void environmentOfTheSdk_isItsOwnTrack_nextToProduction() {
    clock.set(Instant.parse("2026-03-02T12:00:00Z"));
    MonitorConfig config = new MonitorConfig(MonitorSchedule.crontab("0 * * * *"));
    CheckIn production = new CheckIn("sdk-envs", CheckInStatus.OK);
    production.setMonitorConfig(config);
    CheckIn staging = new CheckIn("sdk-envs", CheckInStatus.ERROR);
    staging.setEnvironment("staging");

    Sentry.captureCheckIn(production);
    flush();
    Sentry.captureCheckIn(staging);
    flush();

    JsonNode envs = monitor("sdk-envs").get("environments");
    assertThat(envs).hasSize(2);
    assertThat(envs.findValuesAsText("name")).containsExactlyInAnyOrder("production", "staging");
    for (JsonNode env : envs) {
      assertThat(env.get("status").asText()).isEqualTo(env.get("name").asText().equals("production") ? "ok" : "error");
    }
  }
}
