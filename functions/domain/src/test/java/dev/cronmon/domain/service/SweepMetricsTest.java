package dev.cronmon.domain.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.hearing.Hearing;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.lifecycle.BrokenPolicy;
import dev.cronmon.domain.metrics.Metrics;
import dev.cronmon.domain.metrics.SweepTick;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.store.InMemoryStore;
import dev.cronmon.domain.tenant.Limits;
import dev.cronmon.domain.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Unit layer (no I/O): the figures a sweep tick reports to its metrics, on a clock the test moves. */
class SweepMetricsTest {
  /** Hourly, 1-minute margin: the 11:00 slot's deadline is 11:01. */
  private static final MonitorConfig HOURLY = new MonitorConfig(new CrontabSchedule("0 * * * *"), ZoneOffset.UTC, 1, 30, 1, 1);

  private final MutableClock clock = MutableClock.at("2026-03-02T10:00:05Z");
  private final InMemoryStore store = new InMemoryStore();
  private final CheckInService checkIns = new CheckInService(store, clock, Limits.DEFAULT);
  private final List<SweepTick> ticks = new ArrayList<>();
  private final Metrics metrics = new Metrics() {
    @Override
    public void tick(SweepTick tick) {
      ticks.add(tick);
    }
  };
  private final Sweeper sweeper = new Sweeper(store, events -> events.stream().map(IncidentEvent::id).collect(Collectors.toSet()),
      clock, Hearing.ALWAYS, BrokenPolicy.DEFAULT, Sweeper.Scope.WHOLE, metrics);

  private void hourlyJobsCheckIn(int count) {
    for (int i = 0; i < count; i++) {
      Monitor m = new Monitor(UUID.randomUUID().toString(), "acme", "p-1", "job-" + i, "job-" + i, MonitorStatus.ACTIVE, false,
          HOURLY, clock.instant(), null, 1);
      store.putMonitor(m);
      checkIns.checkIn(new CheckInCommand(m, "production", CheckInStatus.OK, null, null, null));
    }
  }

  @Test
  void aTick_reportsWhatItMarked_andHowLongAfterEachDeadline() {
    // GIVEN three hourly jobs that ran at 10:00 and not at 11:00
    hourlyJobsCheckIn(3);
    // WHEN the tick comes 40 s after the 11:01 deadline
    clock.set(Instant.parse("2026-03-02T11:01:40Z"));
    Sweeper.Result result = sweeper.sweep(Sweeper.Budget.of(100));

    // THEN one tick is reported, with the sweep's own figures and a lag of 40 s per missed slot
    assertThat(ticks).hasSize(1);
    SweepTick tick = ticks.get(0);
    assertThat(tick.at()).isEqualTo(Instant.parse("2026-03-02T11:01:40Z"));
    assertThat(tick.missed()).isEqualTo(result.missed()).isEqualTo(3);
    assertThat(tick.environments()).isEqualTo(result.environments()).isEqualTo(3);
    assertThat(tick.eventsPublished()).isEqualTo(result.eventsPublished()).isEqualTo(3);
    assertThat(tick.timeouts()).isZero();
    assertThat(tick.sweepLags()).containsExactly(Duration.ofSeconds(40), Duration.ofSeconds(40), Duration.ofSeconds(40));
    assertThat(tick.maxSweepLag()).isEqualTo(Duration.ofSeconds(40));
    assertThat(tick.dueBacklog()).isZero();
    assertThat(tick.complete()).isTrue();
  }

  @Test
  void aTickOutOfBudget_reportsTheDueEnvironmentsItLeft() {
    // GIVEN a page and three more jobs missing the same slot
    hourlyJobsCheckIn(Sweeper.PAGE + 3);
    clock.set(Instant.parse("2026-03-02T11:02:00Z"));

    // WHEN a tick may sweep one page only, and the next minute's tick all
    sweeper.sweep(Sweeper.Budget.of(Sweeper.PAGE));
    clock.set(Instant.parse("2026-03-02T11:03:00Z"));
    sweeper.sweep(Sweeper.Budget.of(1000));

    // THEN the first leaves three due; the second marks them two minutes after their deadline, and leaves none
    assertThat(ticks).extracting(SweepTick::missed).containsExactly(Sweeper.PAGE, 3);
    assertThat(ticks).extracting(SweepTick::dueBacklog).containsExactly(3, 0);
    assertThat(ticks).extracting(SweepTick::complete).containsExactly(false, true);
    assertThat(ticks.get(0).maxSweepLag()).isEqualTo(Duration.ofMinutes(1));
    assertThat(ticks.get(1).maxSweepLag()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void aTickThatMarksNothing_reportsNoLag() {
    hourlyJobsCheckIn(2);
    clock.set(Instant.parse("2026-03-02T10:30:00Z"));

    sweeper.sweep(Sweeper.Budget.of(100));

    assertThat(ticks).singleElement().satisfies(t -> {
      assertThat(t.missed()).isZero();
      assertThat(t.sweepLags()).isEmpty();
      assertThat(t.maxSweepLag()).isEqualTo(Duration.ZERO);
    });
  }
}
