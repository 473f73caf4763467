package dev.cronmon.domain.lifecycle;

import dev.cronmon.domain.hearing.Deafness;
import dev.cronmon.domain.maintenance.Maintenance;
import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.checkin.OpenRun;
import dev.cronmon.domain.lifecycle.EnvironmentEvent.CheckInArrived;
import dev.cronmon.domain.lifecycle.EnvironmentEvent.MonitorChanged;
import dev.cronmon.domain.lifecycle.EnvironmentEvent.Muted;
import dev.cronmon.domain.lifecycle.EnvironmentEvent.Noted;
import dev.cronmon.domain.lifecycle.EnvironmentEvent.Published;
import dev.cronmon.domain.lifecycle.EnvironmentEvent.RunClosed;
import dev.cronmon.domain.lifecycle.EnvironmentEvent.SlotsOverdue;
import dev.cronmon.domain.lifecycle.EnvironmentEvent.Swept;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.schedule.SlotPlanner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The life of a monitor environment as one pure function: {@link #apply} takes the environment, an event and the time,
 * and answers the {@link Transition} (the environment after it, and the check-ins and incident history written with it).
 * It reads and writes nothing; {@code service.EnvironmentWriter} stores its result, for every caller. The rules it applies are
 * numbered in docs/semantics.md; each method names those it implements.
 */
public final class Lifecycle {
  private Lifecycle() {}

  /**
   * The transition {@code event} makes at {@code now}. {@code monitor} is null only for a sweep of an environment whose
   * monitor is gone, and for {@link Published}. {@code existingMissed}: ids of missed check-ins found to exist already
   * (rule W1): their slots are skipped, not written again.
   */
  public static Transition apply(Monitor monitor, MonitorEnvironment env, EnvironmentEvent event, Instant now,
                                 Set<UUID> existingMissed) {
    Change change = new Change(monitor == null ? env : EarlierShapes.read(env, monitor.config()));
    if (event instanceof CheckInArrived e) {
      supersede(change, e.replaces());
      arrive(change, monitor, e.checkIn(), now, existingMissed, e.deaf(), e.maintenance());
    } else if (event instanceof Noted) {
      count(change, now);
    } else if (event instanceof SlotsOverdue e) {
      catchUp(change, monitor, now, existingMissed, e.deaf(), e.maintenance());
    } else if (event instanceof RunClosed e) {
      close(change, monitor, e.checkInId(), e.status(), e.maintenance(), now);
      lastDuration(change, e.durationMs());
    } else if (event instanceof Swept e) {
      SweepRules.sweep(change, monitor, e, now, existingMissed);
    } else if (event instanceof MonitorChanged) {
      change.env = Deadlines.recompute(monitor, change.env, now);
    } else if (event instanceof Muted e) {
      change.env = BrokenMonitors.unmuted(change.env.toBuilder().muted(e.muted())
          .mutedUntil(e.muted() ? e.until() : null).mutedUntilResolved(e.muted() && e.untilResolved()).build(), e.muted());
    } else if (event instanceof Published e) {
      MonitorEnvironment scheduled = Reminders.scheduleFirst(change.env, e.eventIds(), e.remindEvery());
      change.env = scheduled.toBuilder().outbox(scheduled.outbox().stream().filter(x -> !e.eventIds().contains(x.id())).toList()).build();
    } else {
      throw new IllegalArgumentException("unknown event " + event);
    }
    return change.done();
  }

  /**
   * The slot a check-in arriving at {@code now} would fulfil on {@code env} (rule S6), once the slots whose deadline
   * passed are marked missed as its write would (rule W2): what the check-in item names before the environment is written.
   */
  public static Instant claimedSlot(Monitor monitor, MonitorEnvironment env, Instant now) {
    Change scratch = new Change(EarlierShapes.read(env, monitor.config()));
    MissedSlots.markOverdue(scratch, monitor, now, (MissedSlots.MAX_CATCH_UP_WRITES + 1) * MissedSlots.MAX_PER_WRITE, Set.of(),
        Deafness.NONE, Maintenance.NONE);
    return claimedSlot(monitor.config(), scratch.env, now);
  }

  /**
   * Rule S6: the slot {@link SlotPlanner} names, if the environment still waits for it once the overdue slots are
   * marked. A slot already decided (missed, or fulfilled by an earlier check-in) is not claimed twice, so each slot ends
   * with exactly one check-in that names it.
   */
  private static Instant claimedSlot(MonitorConfig config, MonitorEnvironment env, Instant now) {
    Instant slot = SlotPlanner.plan(config.schedule(), config.timezone(), config.checkinMargin(), now).expectedTime();
    if (slot == null || env.nextCheckIn() == null || !slot.isBefore(env.nextCheckIn())) return slot;
    return null;
  }

  /**
   * A request's new check-in (rules W2, S6, C6, then {@link #arrival}): first the slots whose deadline passed before it
   * arrived, as the sweeper would and in the same write; then the slot it fulfils on what is left; then the count of
   * the minute; then the arrival itself. When the sweeper got there first, the writer's re-read shows the slot missed
   * already and the check-in no longer claims it.
   */
  private static void arrive(Change change, Monitor monitor, CheckIn checkIn, Instant now, Set<UUID> existing, Deafness deaf,
                             Maintenance maintenance) {
    change.overdueLeft = MissedSlots.markOverdue(change, monitor, now, MissedSlots.MAX_PER_WRITE, existing, deaf, maintenance);
    change.slot = claimedSlot(monitor.config(), change.env, now);
    count(change, now);
    arrival(change, monitor, checkIn);
  }

  /**
   * Rule C10, cronmon's extension: a run that ends {@code ok} sooner than the monitor's {@code min_runtime} ended too
   * soon (a backup that found nothing to copy): it is recorded as {@code error} with the reason, and so counts toward
   * the failure threshold and alerts like any failure. Only an {@code ok} with a known duration (a closed run, or a
   * check-in that gives one) is judged. Every other status is left as it is.
   */
  public static Finished finished(MonitorConfig config, CheckInStatus status, Long durationMs) {
    Integer min = config.minRuntime();
    if (status != CheckInStatus.OK || min == null || durationMs == null || durationMs >= min * 1000L) {
      return new Finished(status, null);
    }
    return new Finished(CheckInStatus.ERROR, "finished in " + durationMs / 1000 + " s, minimum " + min + " s");
  }

  /** The status a finished check-in is recorded with, and the reason when a rule changed it. */
  public record Finished(CheckInStatus status, String reason) {}

  /**
   * Rule C13: runs superseded by a start without id leave the open runs: they will not time out (their check-ins were
   * marked superseded first).
   */
  private static void supersede(Change change, Set<UUID> replaced) {
    if (replaced.isEmpty()) return;
    change.env = change.env.toBuilder()
        .openRuns(change.env.openRuns().stream().filter(r -> !replaced.contains(r.checkInId())).toList()).build();
  }

  /** Rule W2: a part of a long backlog of missed slots, written before the check-in's own write. */
  private static void catchUp(Change change, Monitor monitor, Instant now, Set<UUID> existing, Deafness deaf,
                              Maintenance maintenance) {
    Change part = new Change(change.env);
    if (!MissedSlots.markOverdue(part, monitor, now, MissedSlots.MAX_PER_WRITE, existing, deaf, maintenance)) return;
    change.env = part.env;
    change.checkIns.addAll(part.checkIns);
    change.resolved.addAll(part.resolved);
  }

  /** Rules C3 and C6: an open run closed by a request leaves the environment's runs; its status goes to the incident rules. */
  private static void close(Change change, Monitor monitor, UUID runId, CheckInStatus status, boolean maintenance, Instant now) {
    change.env = change.env.toBuilder()
        .openRuns(change.env.openRuns().stream().filter(r -> !r.checkInId().equals(runId)).toList()).build();
    count(change, now);
    change.record(monitor, runId, status, now, maintenance);
  }

  /** Rule G4: the environment keeps the duration of its last run that has one (a closed run, or a check-in reporting it). */
  private static void lastDuration(Change change, Long durationMs) {
    if (durationMs != null) change.env = change.env.toBuilder().lastDurationMs(durationMs).build();
  }

  /** Rule C6: the rate counts requests, so only a request's own check-in adds to it, never the sweeper's repair. */
  private static void count(Change change, Instant now) {
    change.env = change.env.toBuilder().checkInRate(change.env.checkInRate().plusOne(now)).build();
  }

  /**
   * A new check-in arriving on its environment (rules S5, C2, C8): its time is the last check-in and the next slot
   * follows it (unless a newer check-in got there first: an older one committing late must not move them back), and it
   * opens a run or goes to the incident rules. A request applies it; the sweeper applies it for a request that died
   * between writing the check-in and its environment (rule W5).
   */
  static void arrival(Change change, Monitor monitor, CheckIn checkIn) {
    change.env = arrivedAt(monitor, change.env, checkIn.dateCreated());
    if (checkIn.status() == CheckInStatus.IN_PROGRESS) {
      List<OpenRun> runs = new ArrayList<>(change.env.openRuns());
      runs.add(new OpenRun(checkIn.id(), checkIn.dateCreated(), checkIn.timeoutAt()));
      change.env = change.env.toBuilder().openRuns(runs).build();
      return;
    }
    change.record(monitor, checkIn.id(), checkIn.status(), checkIn.dateCreated(), checkIn.facts().maintenance());
    lastDuration(change, checkIn.durationMs());
  }

  /** Rules S5 and C8, the time part of an arrival: last check-in and next slot, moved forward only. */
  static MonitorEnvironment arrivedAt(Monitor monitor, MonitorEnvironment env, Instant time) {
    if (env.lastCheckIn() != null && time.isBefore(env.lastCheckIn())) return env;
    MonitorConfig config = monitor.config();
    Instant next = SlotPlanner.plan(config.schedule(), config.timezone(), config.checkinMargin(), time).nextSlot();
    return env.toBuilder().lastCheckIn(time).nextCheckIn(next).nextCheckInLatest(next.plus(config.margin())).build();
  }
}
