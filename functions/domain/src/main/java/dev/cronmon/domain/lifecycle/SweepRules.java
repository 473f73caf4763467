package dev.cronmon.domain.lifecycle;

import dev.cronmon.domain.hearing.Deafness;
import dev.cronmon.domain.maintenance.Maintenance;
import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.checkin.OpenRun;
import dev.cronmon.domain.lifecycle.EnvironmentEvent.Swept;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What one tick of the sweeper decides about one environment, in one write (docs/semantics.md rules W1, W3–W6, U1, B1–B2,
 * R2–R5).
 */
public final class SweepRules {
  /**
   * A check-in (or a run's close) written by a request that died before updating its environment is recorded by the
   * sweeper once it is this old (rule W5): far beyond any request's life (the ingest function's timeout is 15 s), so the
   * request can no longer record it itself.
   */
  public static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);

  private SweepRules() {}

  /**
   * Whether the sweeper has anything to decide about {@code env} at {@code now}: a slot or a run past its deadline, or
   * the broken-monitor rule's look at its incident (rule B1).
   */
  public static boolean deadlinePassed(MonitorEnvironment env, Instant now) {
    Instant broken = env.brokenDueAt();
    return MissedSlots.overdue(env, now) || env.openRuns().stream().anyMatch(r -> !r.timeoutAt().isAfter(now))
        || (broken != null && !broken.isAfter(now)) || Reminders.due(env, now);
  }

  /** Whether the open incident's next reminder is due (rule R3): the sweeper then reads the monitor's alert rule. */
  public static boolean reminderDue(MonitorEnvironment env, Instant now) {
    return Reminders.due(env, now);
  }

  /** Rule W6: whether the environments of {@code monitor} (null: deleted) are swept at all. */
  public static boolean swept(Monitor monitor) {
    return monitor != null && monitor.status() != MonitorStatus.DISABLED;
  }

  static void sweep(Change change, Monitor monitor, Swept event, Instant now, Set<UUID> existing) {
    if (!swept(monitor)) {
      // Rule W6: never swept, and out of the due index so it costs no reads: no deadline, no open runs. A re-enabled
      // monitor waits for its next check-in, like a new one.
      change.env = Reminders.notSwept(
          BrokenMonitors.notSwept(change.env.toBuilder().nextCheckIn(null).nextCheckInLatest(null).openRuns(List.of()).build()));
      return;
    }
    decide(change, monitor, event, now, existing);
    BrokenMonitors.review(change, monitor, now, event.broken());
    Reminders.review(change, monitor, now, event.remindEvery(), event.maintenance());
  }

  /** Rules W1, W3–W5 and U1: the slots and runs past their deadline, oldest first, up to one write's worth. */
  private static void decide(Change change, Monitor monitor, Swept event, Instant now, Set<UUID> existing) {
    for (int n = 0; n < MissedSlots.MAX_PER_WRITE; n++) {
      MonitorEnvironment env = change.env;
      Instant slot = MissedSlots.overdue(env, now) ? env.nextCheckIn() : null;
      OpenRun run = env.openRuns().stream()
          .filter(r -> !r.timeoutAt().isAfter(now) && settled(event.runs().get(r.checkInId()), now))
          .min(Comparator.comparing(OpenRun::timeoutAt)).orElse(null);
      if (slot == null && run == null) return;
      // Rule W4: in time order, so an incident starts with its oldest failure.
      if (run == null || (slot != null && !slot.isAfter(run.timeoutAt()))) {
        CheckIn unrecorded = unrecorded(event.recent(), env);
        if (unrecorded == null) {
          MissedSlots.markPending(change, monitor, existing, event.deaf(), event.maintenance());
          continue;
        }
        // Rule W5: the slot got a check-in its environment never heard of. While its request may still be writing,
        // the slot is the request's; once the request must be dead, the sweeper records the check-in in its place.
        if (unrecorded.dateCreated().plus(ABANDONED_AFTER).isAfter(now)) return;
        if (unrecorded.version() == 1) {
          Lifecycle.arrival(change, monitor, unrecorded);
        } else {
          change.env = Lifecycle.arrivedAt(monitor, env, unrecorded.dateCreated()); // closed since: its close was recorded
        }
        change.recorded.add(unrecorded);
        continue;
      }
      timeOut(change, monitor, run, event.runs().getOrDefault(run.checkInId(), Optional.empty()).orElse(null), now, event.deaf(),
          event.maintenance());
    }
  }

  /**
   * Rule W3 (and W5 for a run closed by a request long dead): the run leaves the environment with its outcome; a run
   * whose close cronmon may not have heard ends `unknown` (rule U1), and so does one that waited in a maintenance window,
   * marked as in maintenance (rule M2).
   */
  private static void timeOut(Change change, Monitor monitor, OpenRun run, CheckIn checkIn, Instant now, Deafness deaf,
                              Maintenance maintenance) {
    UUID id = run.checkInId();
    change.env = change.env.toBuilder().openRuns(change.env.openRuns().stream().filter(r -> !r.checkInId().equals(id)).toList()).build();
    if (checkIn == null) return; // expired or never written: nothing to mark
    if (checkIn.status() == CheckInStatus.IN_PROGRESS) {
      boolean inMaintenance = maintenance.during(run.started(), run.timeoutAt());
      CheckInStatus status = inMaintenance || deaf.during(run.started(), run.timeoutAt()) ? CheckInStatus.UNKNOWN : CheckInStatus.TIMEOUT;
      change.checkIns.add(checkIn.close(status, null, now, inMaintenance ? checkIn.facts().inMaintenance() : checkIn.facts()));
      change.record(monitor, id, status, run.timeoutAt());
    } else if (checkIn.status() != CheckInStatus.TIMEOUT && checkIn.status() != CheckInStatus.UNKNOWN) {
      // Closed long ago by a request that died before recording it on the environment: record it now.
      change.record(monitor, id, checkIn.status(), checkIn.dateUpdated(), checkIn.facts().maintenance());
    }
  }

  /** The oldest of {@code recent} that the environment never recorded and that came before its pending deadline. */
  private static CheckIn unrecorded(List<CheckIn> recent, MonitorEnvironment env) {
    if (env.lastCheckIn() == null) return null;
    return recent.stream()
        .filter(c -> c.environment().equals(env.name()) && c.status() != CheckInStatus.MISSED && c.status().isRun())
        .filter(c -> c.dateCreated().isAfter(env.lastCheckIn()) && c.dateCreated().isBefore(env.nextCheckInLatest()))
        .min(Comparator.comparing(CheckIn::dateCreated)).orElse(null);
  }

  /**
   * Whether the sweeper decides about this run now: open (time it out), gone, or closed by a request long dead. A run
   * whose check-in was not read (recorded by this very decision) waits for the next write's reading.
   */
  private static boolean settled(Optional<CheckIn> checkIn, Instant now) {
    if (checkIn == null) return false;
    if (checkIn.isEmpty()) return true;
    CheckIn c = checkIn.get();
    if (c.status() == CheckInStatus.IN_PROGRESS || c.status() == CheckInStatus.TIMEOUT || c.status() == CheckInStatus.UNKNOWN) return true;
    // A fresh close belongs to the request that made it; it updates the environment itself.
    return !c.dateUpdated().plus(ABANDONED_AFTER).isAfter(now);
  }
}
