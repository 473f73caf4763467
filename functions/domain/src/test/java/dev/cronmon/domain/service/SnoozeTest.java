package dev.cronmon.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.error.ValidationException;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.store.InMemoryStore;
import dev.cronmon.domain.tenant.Limits;
import dev.cronmon.domain.time.MutableClock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Unit layer (no I/O), clock-driven: a snooze (docs/semantics.md rules N1, N2) mutes until its time and lifts itself
 * when the clock passes it, with no job: an hourly job that stops at 10:00 misses its 11:00 slot at 11:01.
 */
class SnoozeTest {
  private static final MonitorConfig HOURLY = new MonitorConfig(new CrontabSchedule("0 * * * *"), ZoneOffset.UTC, 1, 30, 1, 1);

  private final MutableClock clock = MutableClock.at("2026-03-02T10:00:05Z");
  private final InMemoryStore store = new InMemoryStore();
  private final CheckInService checkIns = new CheckInService(store, clock, Limits.DEFAULT);
  private final MonitorService monitors = new MonitorService(store, clock, Limits.DEFAULT);
  private final List<IncidentEvent> published = new ArrayList<>();
  private final Sweeper sweeper = new Sweeper(store, events -> {
    published.addAll(events);
    return events.stream().map(IncidentEvent::id).collect(Collectors.toSet());
  }, clock);

  private Monitor job(String slug) {
    Monitor m = new Monitor(UUID.randomUUID().toString(), "acme", "p-1", slug, slug, MonitorStatus.ACTIVE, false, HOURLY,
        clock.instant(), null, 1);
    store.putMonitor(m);
    checkIns.checkIn(new CheckInCommand(m, "production", CheckInStatus.OK, null, null, null));
    return m;
  }

  private Monitor snooze(Monitor m, String untilIso) {
    return monitors.update("acme", m.slug(), new MonitorService.Changes(null, null, null, null, null, false, null,
        Instant.parse(untilIso))).orElseThrow().monitor();
  }

  private void sweepAt(String iso) {
    clock.set(Instant.parse(iso));
    sweeper.sweep(Sweeper.Budget.of(100));
  }

  @Test
  void aSnoozeThatEndedBeforeTheFailure_letsItAlert_andOneStillRunning_silencesIt_ruleN2() {
    // GIVEN one monitor snoozed until 10:50 and one until 11:30
    Monitor short_ = snooze(job("short"), "2026-03-02T10:50:00Z");
    Monitor long_ = snooze(job("long"), "2026-03-02T11:30:00Z");
    assertThat(short_.mutedAt(Instant.parse("2026-03-02T10:49:59Z"))).isTrue();
    assertThat(short_.mutedAt(Instant.parse("2026-03-02T10:50:00Z"))).as("lifted at its time, by the clock alone").isFalse();

    // WHEN both miss the 11:00 slot
    sweepAt("2026-03-02T11:01:00Z");

    // THEN only the one whose snooze has passed alerts; both have their incident
    assertThat(published).extracting(IncidentEvent::monitorSlug).containsExactly("short");
    assertThat(store.environment(long_.id(), "production").orElseThrow().activeIncident()).isNotNull();
    assertThat(store.monitor("acme", "long").orElseThrow().mutedUntil()).as("nothing rewrote it").isEqualTo(Instant.parse("2026-03-02T11:30:00Z"));
  }

  @Test
  void anEnvironmentsSnooze_silencesItsResolution_untilItsTime_thenTheNextIncidentAlerts_ruleN2() {
    Monitor m = job("env-snooze");
    sweepAt("2026-03-02T11:01:00Z");
    assertThat(published).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.OPENED);

    // WHEN the environment is snoozed until 11:40 and the job recovers at 11:30, then misses 12:00
    monitors.snoozeEnvironment(m, "production", Instant.parse("2026-03-02T11:40:00Z"));
    clock.set(Instant.parse("2026-03-02T11:30:00Z"));
    checkIns.checkIn(new CheckInCommand(m, "production", CheckInStatus.OK, null, null, null));
    sweepAt("2026-03-02T11:31:00Z");
    sweepAt("2026-03-02T12:01:00Z");

    // THEN the resolution at 11:30 was silent; the opening at 12:00, after the snooze, alerts
    assertThat(published).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.OPENED, IncidentEvent.Type.OPENED);
    assertThat(store.environment(m.id(), "production").orElseThrow().mutedAt(clock.instant())).isFalse();
  }

  @Test
  void aSnoozeInThePast_orTooFarAhead_orUntilResolvedWithoutAnIncident_isRefused_andNothingIsWritten_ruleN1() {
    Monitor m = job("bad");
    var before = store.environment(m.id(), "production").orElseThrow();

    assertThatThrownBy(() -> monitors.snoozeEnvironment(m, "production", Instant.parse("2026-03-02T10:00:00Z")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> monitors.snoozeEnvironment(m, "production", Instant.parse("2027-03-04T10:00:00Z")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> monitors.snoozeEnvironment(m, "production", null)).isInstanceOf(ValidationException.class);
    assertThat(store.environment(m.id(), "production")).contains(before);
    assertThat(monitors.update("acme", "bad", new MonitorService.Changes(null, null, null, null, null, false, null,
        Instant.parse("2026-03-01T00:00:00Z"))).orElseThrow().errors().asMap()).containsKey("mutedUntil");
    assertThat(store.monitor("acme", "bad").orElseThrow()).isEqualTo(m);
  }
}
