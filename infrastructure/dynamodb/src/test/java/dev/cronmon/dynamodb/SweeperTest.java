package dev.cronmon.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.monitor.EnvironmentStatus;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.schedule.IntervalSchedule;
import dev.cronmon.domain.schedule.IntervalUnit;
import dev.cronmon.domain.lifecycle.MissedSlots;
import dev.cronmon.domain.service.Sweeper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** docs/semantics.md rules W1–W8 (missed, timeout) and I1–I4 (incidents), swept on DynamoDB Local with a moved clock. */
class SweeperTest extends SweepTestSupport {

  @Test
  void sweep_marksOneMissed_whenSlotPassesWithoutCheckIn() {
    // GIVEN an hourly job (margin 1) that checked in at 10:20, so 11:00 is due by 11:01
    clock.set(at("2026-03-02T10:20:00Z"));
    Monitor m = monitor("hourly", cron("0 * * * *", "UTC", 1));
    checkIn(m, CheckInStatus.OK);

    // WHEN the sweeper ticks just before and at the deadline, and once more after
    Sweeper.Result before = sweepAt("2026-03-02T11:00:59Z");
    Sweeper.Result atDeadline = sweepAt("2026-03-02T11:01:00Z");
    Sweeper.Result again = sweepAt("2026-03-02T11:01:30Z");

    // THEN exactly one missed check-in for 11:00, dated at its slot, and the environment waits for 12:00
    assertThat(before.missed()).isZero();
    assertThat(atDeadline.missed()).isEqualTo(1);
    assertThat(again.missed()).isZero();
    List<CheckIn> missed = missed(m);
    assertThat(missed).hasSize(1);
    CheckIn c = missed.get(0);
    assertThat(c.expectedTime()).isEqualTo(at("2026-03-02T11:00:00Z"));
    assertThat(c.dateCreated()).isEqualTo(at("2026-03-02T11:00:00Z"));
    assertThat(c.id()).isEqualTo(MissedSlots.missedCheckInId(m.id(), ENV, at("2026-03-02T11:00:00Z")));
    MonitorEnvironment env = env(m);
    assertThat(env.nextCheckIn()).isEqualTo(at("2026-03-02T12:00:00Z"));
    assertThat(env.nextCheckInLatest()).isEqualTo(at("2026-03-02T12:01:00Z"));
    assertThat(env.status()).isEqualTo(EnvironmentStatus.ERROR);
    assertThat(env.activeIncident()).isNotNull();
  }

  @Test
  void sweep_waitsForTheMargin_beforeMarkingMissed() {
    clock.set(at("2026-03-02T10:20:00Z"));
    Monitor m = monitor("margin", cron("0 * * * *", "UTC", 5));
    checkIn(m, CheckInStatus.OK);

    assertThat(sweepAt("2026-03-02T11:04:59Z").missed()).isZero();
    assertThat(sweepAt("2026-03-02T11:05:00Z").missed()).isEqualTo(1);

    assertThat(expectedTimes(missed(m))).containsExactly(at("2026-03-02T11:00:00Z"));
  }

  @Test
  void sweep_stepsIntervalSchedulesFromTheMissedSlot() {
    // GIVEN every 2 hours, last check-in at 10:20:30, so 12:20 is due by 12:21
    clock.set(at("2026-03-02T10:20:30Z"));
    Monitor m = monitor("interval", config(new IntervalSchedule(2, IntervalUnit.HOUR), "UTC", 1, 30, 1, 1));
    checkIn(m, CheckInStatus.OK);

    // WHEN nothing arrives until 16:20:30
    sweepAt("2026-03-02T12:21:00Z");
    sweepAt("2026-03-02T16:20:30Z");

    // THEN 12:20 and 14:20 (slot + interval) are missed, and 16:20 waits for its margin (deadline 16:21)
    assertThat(expectedTimes(missed(m))).containsExactly(at("2026-03-02T12:20:00Z"), at("2026-03-02T14:20:00Z"));
    assertThat(env(m).nextCheckIn()).isEqualTo(at("2026-03-02T16:20:00Z"));
  }

  @Test
  void sweep_catchesUpAGap_slotBySlot_withoutDuplicates() {
    // GIVEN a job every minute whose last check-in was at 10:00:10, and no sweep for 130 minutes
    clock.set(at("2026-03-02T10:00:10Z"));
    Monitor m = monitor("every-minute", cron("* * * * *", "UTC", 1));
    checkIn(m, CheckInStatus.OK);

    // WHEN the sweeper comes back at 12:10:30 and ticks twice
    Sweeper.Result first = sweepAt("2026-03-02T12:10:30Z");
    Sweeper.Result second = sweepAt("2026-03-02T12:10:40Z");

    // THEN each slot 10:01 … 12:09 (deadline ≤ 12:10:30) has exactly one missed check-in
    assertThat(first.missed()).isEqualTo(129);
    assertThat(second.missed()).isZero();
    List<Instant> slots = expectedTimes(missed(m));
    assertThat(slots).hasSize(129).doesNotHaveDuplicates();
    assertThat(slots.get(0)).isEqualTo(at("2026-03-02T10:01:00Z"));
    assertThat(slots.get(128)).isEqualTo(at("2026-03-02T12:09:00Z"));
    assertThat(env(m).nextCheckIn()).isEqualTo(at("2026-03-02T12:10:00Z"));
  }

  @Test
  void checkIn_afterAnUnsweptDeadline_marksTheSlotMissed_andClaimsNoSlot() {
    // GIVEN an hourly job due at 11:00 (deadline 11:01) and no sweep yet
    clock.set(at("2026-03-02T10:20:00Z"));
    Monitor m = monitor("late", cron("0 * * * *", "UTC", 1));
    checkIn(m, CheckInStatus.OK);

    // WHEN it checks in late, at 11:02, before any sweep
    clock.set(at("2026-03-02T11:02:00Z"));
    UUID late = checkIn(m, CheckInStatus.OK).id();

    // THEN 11:00 is missed (its deadline passed first), the late run names no slot, and a sweep adds nothing
    assertThat(expectedTimes(missed(m))).containsExactly(at("2026-03-02T11:00:00Z"));
    assertThat(store.checkIn(late).orElseThrow().expectedTime()).isNull();
    assertThat(sweepAt("2026-03-02T11:03:00Z").missed()).isZero();
    assertThat(env(m).nextCheckIn()).isEqualTo(at("2026-03-02T12:00:00Z"));
  }

  @Test
  void checkIn_20sEarly_fulfilsItsSlot_noFalseMissed() {
    // GIVEN an hourly job (margin 5) waiting for 11:00
    clock.set(at("2026-03-02T10:20:00Z"));
    Monitor m = monitor("early", cron("0 * * * *", "UTC", 5));
    checkIn(m, CheckInStatus.OK);

    // WHEN its 11:00 run checks in 20 s early (the host's clock runs fast), and the sweeper ticks past both deadlines
    clock.set(at("2026-03-02T10:59:40Z"));
    UUID early = checkIn(m, CheckInStatus.OK).id();
    sweepAt("2026-03-02T11:06:00Z");
    clock.set(at("2026-03-02T11:59:50Z"));
    checkIn(m, CheckInStatus.OK);
    sweepAt("2026-03-02T12:06:00Z");

    // THEN the early check-in counts for 11:00 and nothing is missed
    assertThat(store.checkIn(early).orElseThrow().expectedTime()).isEqualTo(at("2026-03-02T11:00:00Z"));
    assertThat(missed(m)).isEmpty();
    assertThat(env(m).status()).isEqualTo(EnvironmentStatus.OK);
  }

  @Test
  void sweep_timesOutOverlappingRuns_eachAtItsOwnDeadline() {
    // GIVEN two overlapping runs (max_runtime 30) started at 10:00:10 and 10:10:10, and a margin that keeps missed out
    clock.set(at("2026-03-02T10:00:10Z"));
    Monitor m = monitor("overlap", config(new dev.cronmon.domain.schedule.CrontabSchedule("0 * * * *"), "UTC", 120, 30, 1, 1));
    UUID first = checkIn(m, CheckInStatus.IN_PROGRESS).id();
    clock.set(at("2026-03-02T10:10:10Z"));
    UUID second = checkIn(m, CheckInStatus.IN_PROGRESS).id();

    // WHEN the sweeper ticks at the first run's deadline, then at the second's
    Sweeper.Result atFirst = sweepAt("2026-03-02T10:30:00Z");
    CheckInStatus secondAfterFirstTick = store.checkIn(second).orElseThrow().status();
    Sweeper.Result atSecond = sweepAt("2026-03-02T10:40:00Z");

    // THEN each run timed out separately, once
    assertThat(atFirst.timeouts()).isEqualTo(1);
    assertThat(secondAfterFirstTick).isEqualTo(CheckInStatus.IN_PROGRESS);
    assertThat(atSecond.timeouts()).isEqualTo(1);
    assertThat(store.checkIn(first).orElseThrow().status()).isEqualTo(CheckInStatus.TIMEOUT);
    assertThat(store.checkIn(second).orElseThrow().status()).isEqualTo(CheckInStatus.TIMEOUT);
    MonitorEnvironment env = env(m);
    assertThat(env.openRuns()).isEmpty();
    assertThat(env.failureStreak()).extracting(f -> f.checkInId()).containsExactly(first, second);
    assertThat(sweepAt("2026-03-02T10:41:00Z").timeouts()).isZero();
  }

  @Test
  void okAfterTimeout_keepsTimeout_andRecordsTheLateDuration() {
    clock.set(at("2026-03-02T10:00:10Z"));
    Monitor m = monitor("late-ok", config(new dev.cronmon.domain.schedule.CrontabSchedule("0 * * * *"), "UTC", 120, 30, 1, 1));
    UUID run = checkIn(m, CheckInStatus.IN_PROGRESS).id();
    sweepAt("2026-03-02T10:30:00Z");
    MonitorEnvironment afterTimeout = env(m);

    clock.set(at("2026-03-02T10:45:00Z"));
    checkIn(m, CheckInStatus.OK, run, 2_690_000L);

    CheckIn c = store.checkIn(run).orElseThrow();
    assertThat(c.status()).isEqualTo(CheckInStatus.TIMEOUT);
    assertThat(c.durationMs()).isEqualTo(2_690_000L);
    assertThat(env(m)).isEqualTo(afterTimeout);
  }

  @Test
  void threshold1_opensOnTheFirstMissed_andOneOkResolves_oneEventEach() {
    clock.set(at("2026-03-02T10:20:00Z"));
    Monitor m = monitor("threshold-1", cron("0 * * * *", "UTC", 1));
    checkIn(m, CheckInStatus.OK);

    sweepAt("2026-03-02T11:01:00Z");
    List<IncidentEvent> afterMiss = List.copyOf(publisher.published);
    clock.set(at("2026-03-02T11:30:00Z"));
    checkIn(m, CheckInStatus.OK);
    sweepAt("2026-03-02T11:31:00Z");
    sweepAt("2026-03-02T11:32:00Z");

    assertThat(afterMiss).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(IncidentEvent.Type.OPENED);
      assertThat(e.reason()).isEqualTo("A missed check-in was detected");
      assertThat(e.incidentStarted()).isEqualTo(at("2026-03-02T11:00:00Z"));
      assertThat(e.lastOk()).isEqualTo(at("2026-03-02T10:20:00Z"));
    });
    assertThat(publisher.published).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.OPENED, IncidentEvent.Type.RESOLVED);
    assertThat(env(m).activeIncident()).isNull();
    assertThat(env(m).outbox()).isEmpty();
  }

  @Test
  void threshold3_opensOnTheThirdConsecutiveFailure_withAllThree() {
    clock.set(at("2026-03-02T10:20:00Z"));
    Monitor m = monitor("threshold-3", config(new dev.cronmon.domain.schedule.CrontabSchedule("0 * * * *"), "UTC", 1, 30, 3, 1));
    checkIn(m, CheckInStatus.OK);

    sweepAt("2026-03-02T12:01:00Z"); // 11:00 and 12:00 missed
    int eventsAfterTwo = publisher.published.size();
    clock.set(at("2026-03-02T12:30:00Z"));
    checkIn(m, CheckInStatus.ERROR);
    sweepAt("2026-03-02T12:31:00Z");

    assertThat(eventsAfterTwo).isZero();
    assertThat(publisher.published).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(IncidentEvent.Type.OPENED);
      assertThat(e.failures()).hasSize(3);
      assertThat(e.reason()).isEqualTo("1 error and 2 missed check-ins detected");
      assertThat(e.incidentStarted()).isEqualTo(at("2026-03-02T11:00:00Z"));
    });
  }

  @Test
  void mutedMonitor_isTracked_butPublishesNothing() {
    clock.set(at("2026-03-02T10:20:00Z"));
    Monitor m = replace(monitor("muted", cron("0 * * * *", "UTC", 1)), MonitorStatus.ACTIVE, true);
    checkIn(m, CheckInStatus.OK);

    sweepAt("2026-03-02T11:01:00Z");

    assertThat(missed(m)).hasSize(1);
    assertThat(env(m).activeIncident()).isNotNull();
    assertThat(env(m).status()).isEqualTo(EnvironmentStatus.ERROR);
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void disabledMonitor_isNeverSwept_andLeavesTheDueIndex() {
    clock.set(at("2026-03-02T10:00:10Z"));
    Monitor m = monitor("disabled", cron("0 * * * *", "UTC", 1));
    checkIn(m, CheckInStatus.IN_PROGRESS);
    replace(m, MonitorStatus.DISABLED, false);

    Sweeper.Result first = sweepAt("2026-03-02T12:00:00Z");
    Sweeper.Result later = sweepAt("2026-03-02T15:00:00Z");

    assertThat(first.missed() + first.timeouts() + later.missed() + later.timeouts()).isZero();
    assertThat(history(m)).extracting(CheckIn::status).containsExactly(CheckInStatus.IN_PROGRESS);
    assertThat(later.environments()).isZero();
    Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(Map.of(
        "PK", AttributeValue.fromS("MON#" + m.id()), "SK", AttributeValue.fromS("ENV#" + ENV)))).item();
    assertThat(item).doesNotContainKeys("dueShard", "dueAt");
  }

  @Test
  void environmentWithoutCheckIn_isNeverMissed() {
    Monitor m = monitor("never", cron("* * * * *", "UTC", 1));

    Sweeper.Result r = sweepAt("2026-03-02T18:00:00Z");

    assertThat(r.environments()).isZero();
    assertThat(history(m)).isEmpty();
    assertThat(store.environment(m.id(), ENV)).isEmpty();
  }

  @Test
  void publishFailure_afterTheStateChange_isPublishedOnTheNextTick_exactlyOnce() {
    // GIVEN a missed slot decided while the bus is down
    clock.set(at("2026-03-02T10:20:00Z"));
    Monitor m = monitor("bus-down", cron("0 * * * *", "UTC", 1));
    checkIn(m, CheckInStatus.OK);
    publisher.failing = true;
    sweepAt("2026-03-02T11:01:00Z");
    MonitorEnvironment stored = env(m);

    // WHEN the bus is back for the next ticks
    publisher.failing = false;
    Sweeper.Result next = sweepAt("2026-03-02T11:02:00Z");
    Sweeper.Result after = sweepAt("2026-03-02T11:03:00Z");

    // THEN the state change was kept with its event, which is published once, on the next tick
    assertThat(missed(m)).hasSize(1);
    assertThat(stored.outbox()).singleElement().extracting(IncidentEvent::type).isEqualTo(IncidentEvent.Type.OPENED);
    assertThat(stored.dueAt()).isEqualTo(Instant.EPOCH);
    assertThat(next.eventsPublished()).isEqualTo(1);
    assertThat(after.eventsPublished()).isZero();
    assertThat(publisher.published).singleElement().extracting(IncidentEvent::id).isEqualTo(stored.outbox().get(0).id());
    assertThat(env(m).outbox()).isEmpty();
    assertThat(missed(m)).hasSize(1);
  }

  @Test
  void incidentEventOfACheckIn_isPublishedByTheNextSweep() {
    clock.set(at("2026-03-02T10:20:00Z"));
    Monitor m = monitor("error-job", cron("0 * * * *", "UTC", 1));
    checkIn(m, CheckInStatus.ERROR);

    Sweeper.Result r = sweepAt("2026-03-02T10:21:00Z");

    assertThat(r.eventsPublished()).isEqualTo(1);
    assertThat(publisher.published).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo("An error check-in was detected"));
  }

  @Test
  void largeBacklog_isWorkedOffInBoundedBatches_withoutDuplicates() {
    // GIVEN 30 environments with a missed slot
    clock.set(at("2026-03-02T10:20:00Z"));
    List<Monitor> monitors = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Monitor m = monitor("batch-" + i, cron("0 * * * *", "UTC", 1));
      checkIn(m, CheckInStatus.OK);
      monitors.add(m);
    }
    clock.set(at("2026-03-02T11:01:00Z"));

    // WHEN each sweep may handle 12 environments
    Sweeper.Result first = sweeper.sweep(Sweeper.Budget.of(12));
    Sweeper.Result second = sweeper.sweep(Sweeper.Budget.of(12));
    Sweeper.Result third = sweeper.sweep(Sweeper.Budget.of(12));

    // THEN three sweeps work it off, none exceeding its budget, and each slot is missed once
    assertThat(first.environments()).isEqualTo(12);
    assertThat(first.complete()).isFalse();
    assertThat(second.environments()).isEqualTo(12);
    assertThat(third.environments()).isEqualTo(6);
    assertThat(third.complete()).isTrue();
    assertThat(first.missed() + second.missed() + third.missed()).isEqualTo(30);
    for (Monitor m : monitors) assertThat(missed(m)).hasSize(1);
  }

  @Test
  void sweepStops_whenTheTimeBudgetRunsOut() {
    clock.set(at("2026-03-02T10:20:00Z"));
    Monitor m = monitor("no-time", cron("0 * * * *", "UTC", 1));
    checkIn(m, CheckInStatus.OK);
    clock.set(at("2026-03-02T11:01:00Z"));

    Sweeper.Result r = sweeper.sweep(new Sweeper.Budget(1000, () -> false));

    assertThat(r.environments()).isZero();
    assertThat(r.complete()).isFalse();
    assertThat(missed(m)).isEmpty();
  }

  @Test
  void runClosedByARequestThatDied_isRecordedBySweeper_afterTheGrace() {
    // GIVEN a run whose check-in was closed ok, but whose environment never heard of it (the request died in between)
    clock.set(at("2026-03-02T10:00:10Z"));
    Monitor m = monitor("died", config(new dev.cronmon.domain.schedule.CrontabSchedule("0 * * * *"), "UTC", 120, 30, 1, 1));
    UUID run = checkIn(m, CheckInStatus.IN_PROGRESS).id();
    CheckIn open = store.checkIn(run).orElseThrow();
    assertThat(store.saveCheckIn(open.close(CheckInStatus.OK, 5_000L, at("2026-03-02T10:29:00Z")))).isTrue();

    // WHEN the sweeper passes the run's timeout, then the grace for abandoned closes
    Sweeper.Result atTimeout = sweepAt("2026-03-02T10:30:00Z");
    boolean stillOpen = !env(m).openRuns().isEmpty();
    sweepAt("2026-03-02T10:35:00Z");

    // THEN the close stays the request's until the grace passes; then the sweeper records it as ok, not timeout
    assertThat(atTimeout.timeouts()).isZero();
    assertThat(stillOpen).isTrue();
    assertThat(env(m).openRuns()).isEmpty();
    assertThat(env(m).status()).isEqualTo(EnvironmentStatus.OK);
    assertThat(store.checkIn(run).orElseThrow().status()).isEqualTo(CheckInStatus.OK);
  }

  @Test
  void missedCheckIn_carriesTheMonitorsConfigSnapshot_andEnvironment() {
    clock.set(at("2026-03-02T10:20:00Z"));
    Monitor m = monitor("snapshot", cron("0 * * * *", "Europe/Berlin", 1));
    checkIn(m, CheckInStatus.OK);
    advance(Duration.ofHours(1));

    sweepAt("2026-03-02T11:01:00Z");

    CheckIn c = missed(m).get(0);
    assertThat(c.monitorConfig()).isEqualTo(m.config());
    assertThat(c.environment()).isEqualTo(ENV);
    assertThat(c.projectId()).isEqualTo("42");
  }
}
