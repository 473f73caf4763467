package dev.cronmon.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.hearing.Hearing;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.lifecycle.BrokenPolicy;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.service.CheckInCommand;
import dev.cronmon.domain.service.CheckInService;
import dev.cronmon.domain.service.Sweeper;
import dev.cronmon.domain.store.InMemoryStore;
import dev.cronmon.domain.tenant.Limits;
import dev.cronmon.domain.time.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Unit layer (no I/O): the lines {@link EmfMetrics} writes are CloudWatch Embedded Metric Format documents (AWS's
 * specification: a JSON object whose {@code _aws} holds {@code Timestamp} in epoch milliseconds and
 * {@code CloudWatchMetrics}, an array of directives each with {@code Namespace}, {@code Dimensions} (arrays of names of
 * root members holding strings) and {@code Metrics} (Name, Unit; each a root member holding a number)), with the
 * numbers of a sweep driven by a clock the test moves.
 */
class EmfMetricsTest {
  private static final MonitorConfig HOURLY = new MonitorConfig(new CrontabSchedule("0 * * * *"), ZoneOffset.UTC, 1, 30, 1, 1);

  private final MutableClock clock = MutableClock.at("2026-03-02T10:00:05Z");
  private final List<String> lines = new ArrayList<>();
  private final EmfMetrics metrics = new EmfMetrics("cronmon-test", "sweeper", clock, lines::add);

  @Test
  void aSweepTick_isOneEmfLine_carryingTheNumbersOfTheSweep() {
    // GIVEN four hourly jobs (1-minute margin) that ran at 10:00, one of which runs again at 11:00
    InMemoryStore store = new InMemoryStore();
    CheckInService checkIns = new CheckInService(store, clock, Limits.DEFAULT);
    List<Monitor> jobs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Monitor m = new Monitor(UUID.randomUUID().toString(), "acme", "p-1", "job-" + i, "job-" + i, MonitorStatus.ACTIVE,
          false, HOURLY, clock.instant(), null, 1);
      store.putMonitor(m);
      checkIns.checkIn(new CheckInCommand(m, "production", CheckInStatus.OK, null, null, null));
      jobs.add(m);
    }
    clock.set(Instant.parse("2026-03-02T11:00:10Z"));
    checkIns.checkIn(new CheckInCommand(jobs.get(0), "production", CheckInStatus.OK, null, null, null));
    Sweeper sweeper = new Sweeper(store, events -> events.stream().map(IncidentEvent::id).collect(Collectors.toSet()), clock,
        Hearing.ALWAYS, BrokenPolicy.DEFAULT, Sweeper.Scope.WHOLE, metrics);

    // WHEN the tick runs 12.5 s after the 11:01 deadline
    clock.set(Instant.parse("2026-03-02T11:01:12.500Z"));
    Sweeper.Result result = sweeper.sweep(Sweeper.Budget.of(100));

    // THEN it wrote one line: an EMF document whose metrics are the sweep's figures
    assertThat(lines).hasSize(1);
    JsonNode line = emf(lines.get(0));
    assertThat(line.get("message").asText()).isEqualTo("sweep finished");
    assertThat(line.at("/_aws/Timestamp").asLong()).isEqualTo(clock.millis());
    assertThat(line.get("Function").asText()).isEqualTo("sweeper");
    assertThat(line.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("cronmon-test");
    assertThat(line.get("MissedMarked").asInt()).isEqualTo(result.missed()).isEqualTo(3);
    assertThat(line.get("EnvironmentsSwept").asInt()).isEqualTo(result.environments()).isEqualTo(3);
    assertThat(line.get("TimeoutsMarked").asInt()).isEqualTo(result.timeouts()).isZero();
    assertThat(line.get("UnknownMarked").asInt()).isEqualTo(result.unknown()).isZero();
    assertThat(line.get("EventsPublished").asInt()).isEqualTo(result.eventsPublished()).isEqualTo(3);
    assertThat(line.get("DueBacklog").asInt()).isZero();
    assertThat(line.get("SweepLag").asDouble()).isEqualTo(12.5);
    assertThat(unitOf(line, "SweepLag")).isEqualTo("Seconds");
    assertThat(unitOf(line, "MissedMarked")).isEqualTo("Count");
  }

  @Test
  void checkInsOfOneInvocation_areOneLine_withTheRefusalReasonAsADimension() {
    EmfMetrics ingest = new EmfMetrics("cronmon-test", "ingest", clock, lines::add);

    ingest.checkInRefused("monitor_environment_ratelimited");
    ingest.flush();
    ingest.flush(); // nothing counted since: nothing written

    assertThat(lines).hasSize(1);
    JsonNode line = emf(lines.get(0));
    assertThat(line.get("CheckInsAccepted").asInt()).isZero();
    assertThat(line.get("CheckInsRefused").asInt()).isEqualTo(1);
    assertThat(line.get("Reason").asText()).isEqualTo("monitor_environment_ratelimited");
    List<String> dimensionSets = new ArrayList<>();
    line.at("/_aws/CloudWatchMetrics").forEach(d -> d.get("Dimensions").forEach(set -> dimensionSets.add(set.toString())));
    assertThat(dimensionSets).containsExactly("[\"Function\"]", "[\"Function\",\"Reason\"]");
  }

  @Test
  void severalReasons_areOneLineEach_andTheTotalsOneMore() {
    EmfMetrics ingest = new EmfMetrics("cronmon-test", "ingest", clock, lines::add);
    ingest.checkInAccepted();
    ingest.checkInAccepted();
    ingest.checkInRefused("unauthorized");
    ingest.checkInRefused("checkin_validation_failed");
    ingest.checkInRefused("unauthorized");

    ingest.flush();

    assertThat(lines).hasSize(3);
    JsonNode totals = emf(lines.get(0));
    assertThat(totals.get("CheckInsAccepted").asInt()).isEqualTo(2);
    assertThat(totals.get("CheckInsRefused").asInt()).isEqualTo(3);
    assertThat(totals.has("Reason")).isFalse();
    assertThat(lines.subList(1, 3).stream().map(EmfMetricsTest::emf)
        .map(l -> l.get("Reason").asText() + "=" + l.get("CheckInsRefused").asInt()))
        .containsExactly("checkin_validation_failed=1", "unauthorized=2");
  }

  @Test
  void alertsOfOneInvocation_areOneLine_andPrimingIsNotCounted() {
    EmfMetrics alerts = new EmfMetrics("cronmon-test", "alerts", clock, lines::add);
    alerts.discarding(() -> {
      alerts.alertDelivered();
      return null;
    });
    alerts.alertDelivered();
    alerts.alertFailed();

    alerts.flush();

    assertThat(lines).hasSize(1);
    JsonNode line = emf(lines.get(0));
    assertThat(line.get("AlertsDelivered").asInt()).isEqualTo(1);
    assertThat(line.get("AlertsFailed").asInt()).isEqualTo(1);
    assertThat(line.get("AlertsRetried").asInt()).isZero();
  }

  /** Parses one line and checks it against the EMF specification's structure; returns it. */
  static JsonNode emf(String text) {
    assertThat(text).doesNotContain("\n");
    JsonNode line = Json.parse(text.getBytes(StandardCharsets.UTF_8));
    assertThat(line.isObject()).isTrue();
    JsonNode aws = line.get("_aws");
    assertThat(aws).as("_aws").isNotNull();
    assertThat(aws.get("Timestamp").isIntegralNumber()).as("Timestamp in epoch milliseconds").isTrue();
    JsonNode directives = aws.get("CloudWatchMetrics");
    assertThat(directives.isArray()).isTrue();
    assertThat(directives.size()).isPositive();
    for (JsonNode directive : directives) {
      assertThat(directive.get("Namespace").isTextual()).isTrue();
      assertThat(directive.get("Namespace").asText()).isNotBlank();
      assertThat(directive.get("Dimensions").isArray()).isTrue();
      for (JsonNode set : directive.get("Dimensions")) {
        assertThat(set.isArray()).isTrue();
        assertThat(set.size()).isBetween(1, 30);
        for (JsonNode name : set) assertThat(line.path(name.asText()).isTextual()).as("dimension " + name + " a string member").isTrue();
      }
      JsonNode defs = directive.get("Metrics");
      assertThat(defs.size()).isBetween(1, 100);
      Set<String> names = new HashSet<>();
      for (JsonNode def : defs) {
        String name = def.get("Name").asText();
        assertThat(names.add(name)).as("metric " + name + " once per directive").isTrue();
        assertThat(line.path(name).isNumber()).as("value of " + name + " a number member").isTrue();
        assertThat(def.get("Unit").asText()).isIn("Count", "Seconds");
      }
    }
    return line;
  }

  private static String unitOf(JsonNode line, String metric) {
    for (JsonNode directive : line.at("/_aws/CloudWatchMetrics")) {
      for (JsonNode def : directive.get("Metrics")) if (def.get("Name").asText().equals(metric)) return def.get("Unit").asText();
    }
    return null;
  }
}
