package dev.cronmon.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.service.Sweeper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md rules R2–R4 on DynamoDB Local with a moved clock: an open incident's reminders are found through the
 * due index (its sparse, sharded GSI) and decided by the environment's conditional write, so two sweepers running at
 * once make one reminder per period.
 */
class ReminderSweepTest extends SweepTestSupport {

  /** An hourly job whose 11:00 slot is missed, with a monitor rule reminding every 20 minutes. */
  private Monitor failingHourlyJob() {
    clock.set(at("2026-03-02T10:00:05Z"));
    Monitor m = monitor("hourly", cron("0 * * * *", "UTC", 1));
    checkIn(m, CheckInStatus.OK);
    store.saveAlertRule(AlertRule.Owner.monitor(m.id()), new AlertRule(List.of("c1"), Map.of(), Duration.ofMinutes(20), 1));
    return m;
  }

  private List<IncidentEvent> reminders() {
    return publisher.published.stream().filter(e -> e.type() == IncidentEvent.Type.REMINDER).toList();
  }

  @Test
  void twoSweepersAtOnce_everyMinute_makeOneReminderPerPeriod_foundThroughTheDueIndex() throws Exception {
    // GIVEN the failing job and a second sweeper on the same table
    Monitor m = failingHourlyJob();
    Sweeper other = new Sweeper(store, publisher, clock);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CyclicBarrier together = new CyclicBarrier(2);
    try {
      // WHEN both sweep at once every minute from 11:01 to 11:50
      for (Instant t = at("2026-03-02T11:01:00Z"); !t.isAfter(at("2026-03-02T11:50:00Z")); t = t.plus(Duration.ofMinutes(1))) {
        clock.set(t);
        Future<Sweeper.Result> a = pool.submit(() -> {
          together.await();
          return sweeper.sweep(Sweeper.Budget.of(100));
        });
        Future<Sweeper.Result> b = pool.submit(() -> {
          together.await();
          return other.sweep(Sweeper.Budget.of(100));
        });
        a.get();
        b.get();
      }
    } finally {
      pool.shutdownNow();
    }

    // THEN reminders 1 (due 11:20:30) and 2 (11:40:30) were each decided once; the third waits in the index for 12:00:30
    assertThat(reminders().stream().map(IncidentEvent::id).distinct().toList())
        .containsExactlyInAnyOrder(env(m).activeIncident().id() + ":reminder:1", env(m).activeIncident().id() + ":reminder:2");
    assertThat(env(m).activeIncident().reminders()).isEqualTo(2);
    assertThat(env(m).reminderDueAt()).isEqualTo(at("2026-03-02T12:00:30Z"));
    assertThat(store.due(at("2026-03-02T11:55:00Z"), 10)).as("nothing due before it").isEmpty();
    assertThat(store.due(at("2026-03-02T12:00:30Z"), 10)).extracting(e -> e.monitorId()).containsExactly(m.id());
  }

  @Test
  void theReminderStops_whenTheIncidentResolves() {
    Monitor m = failingHourlyJob();
    sweepAt("2026-03-02T11:01:00Z");
    sweepAt("2026-03-02T11:21:00Z");
    assertThat(reminders()).hasSize(1);

    clock.set(at("2026-03-02T11:30:00Z"));
    checkIn(m, CheckInStatus.OK);
    sweepAt("2026-03-02T11:41:00Z");
    sweepAt("2026-03-02T11:59:00Z");

    assertThat(reminders()).hasSize(1);
    assertThat(env(m).activeIncident()).isNull();
    assertThat(store.due(at("2026-03-02T11:59:30Z"), 10)).isEmpty();
  }
}
