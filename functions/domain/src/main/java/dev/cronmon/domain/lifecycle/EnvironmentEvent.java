package dev.cronmon.domain.lifecycle;

import dev.cronmon.domain.hearing.Deafness;
import dev.cronmon.domain.maintenance.Maintenance;
import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What can happen to a monitor environment; {@link Lifecycle#apply} says what each does. An event carries what its
 * caller read for it (the sweeper's check-ins), so that the transition itself reads nothing.
 */
public sealed interface EnvironmentEvent {

  /**
   * A request's new check-in, its item already written (docs/semantics.md rules C2, C6, S5, S6, W2); {@code deaf}
   * decides the overdue slots it marks first (rule U1); {@code replaces}: open runs it supersedes (rule C13), whose
   * items are already marked; {@code maintenance}: the monitor's maintenance windows for those slots (rule M2).
   */
  record CheckInArrived(CheckIn checkIn, Deafness deaf, Set<UUID> replaces, Maintenance maintenance) implements EnvironmentEvent {
    public CheckInArrived {
      deaf = deaf == null ? Deafness.NONE : deaf;
      replaces = replaces == null ? Set.of() : Set.copyOf(replaces);
      maintenance = maintenance == null ? Maintenance.NONE : maintenance;
    }

    public CheckInArrived(CheckIn checkIn, Deafness deaf, Set<UUID> replaces) {
      this(checkIn, deaf, replaces, Maintenance.NONE);
    }

    public CheckInArrived(CheckIn checkIn) {
      this(checkIn, Deafness.NONE, Set.of());
    }

    public CheckInArrived(CheckIn checkIn, Deafness deaf) {
      this(checkIn, deaf, Set.of());
    }

    public CheckInArrived(CheckIn checkIn, Set<UUID> replaces) {
      this(checkIn, Deafness.NONE, replaces);
    }
  }

  /** A note (healthchecks' {@code /log}) was written to the history: it counts toward the rate, nothing else (rule C14). */
  record Noted() implements EnvironmentEvent {}

  /**
   * More slots overdue than one write holds, before a check-in's own write (rule W2): up to
   * {@link MissedSlots#MAX_PER_WRITE} of them are marked missed (or unknown, rule U1); nothing changes when one write
   * holds them all.
   */
  record SlotsOverdue(Deafness deaf, Maintenance maintenance) implements EnvironmentEvent {
    public SlotsOverdue {
      deaf = deaf == null ? Deafness.NONE : deaf;
      maintenance = maintenance == null ? Maintenance.NONE : maintenance;
    }

    public SlotsOverdue(Deafness deaf) {
      this(deaf, Maintenance.NONE);
    }

    public SlotsOverdue() {
      this(Deafness.NONE);
    }
  }

  /**
   * A request closed the open run {@code checkInId} with {@code status}, its item already written (rules C3, C6);
   * {@code maintenance}: the close came in a maintenance window and counts for nothing (rule M3).
   */
  record RunClosed(UUID checkInId, CheckInStatus status, boolean maintenance, Long durationMs) implements EnvironmentEvent {
    public RunClosed(UUID checkInId, CheckInStatus status, boolean maintenance) {
      this(checkInId, status, maintenance, null);
    }

    public RunClosed(UUID checkInId, CheckInStatus status) {
      this(checkInId, status, false, null);
    }
  }

  /**
   * A tick of the sweeper (rules W1, W3–W6, U1, B1–B3).
   *
   * @param runs   check-ins of the open runs past their timeout, as read just before (absent: expired or never written)
   * @param recent the environment's newest check-ins since its last recorded one, read when a slot is overdue
   * @param deaf   when cronmon could not hear check-ins: slots and runs waiting then end `unknown` (rule U1)
   * @param broken the deployment's periods of the broken-monitor rule (B1–B3)
   * @param maintenance the monitor's maintenance windows: slots and runs waiting in one end `unknown`, marked (rule M2),
   *     and no reminder goes out in one (rule R3)
   * @param remindEvery the reminder period of the monitor's alert rule, read when a reminder is due (rules R2, R5); null:
   *     none (or none due)
   */
  record Swept(Map<UUID, Optional<CheckIn>> runs, List<CheckIn> recent, Deafness deaf, BrokenPolicy broken,
               Maintenance maintenance, Duration remindEvery) implements EnvironmentEvent {
    public Swept {
      maintenance = maintenance == null ? Maintenance.NONE : maintenance;
    }

    public Swept(Map<UUID, Optional<CheckIn>> runs, List<CheckIn> recent) {
      this(runs, recent, Deafness.NONE, BrokenPolicy.DEFAULT);
    }

    public Swept(Map<UUID, Optional<CheckIn>> runs, List<CheckIn> recent, Deafness deaf, BrokenPolicy broken) {
      this(runs, recent, deaf, broken, Maintenance.NONE, null);
    }
  }

  /** The monitor's config or status changed (rules S7, W6): the deadlines follow. */
  record MonitorChanged() implements EnvironmentEvent {}

  /**
   * The environment was muted or unmuted (rule I4); muted until {@code until} or until its open incident resolves
   * ({@code untilResolved}): snoozed (rules N1–N3). Unmuting ends a snooze.
   */
  record Muted(boolean muted, Instant until, boolean untilResolved) implements EnvironmentEvent {
    public Muted(boolean muted) {
      this(muted, null, false);
    }
  }

  /**
   * The bus accepted these outbox events (rule W7): they leave the outbox. {@code remindEvery}: the reminder period of
   * the monitor's alert rule, read when an accepted event opened the environment's incident (rule R3), else null.
   */
  record Published(Set<String> eventIds, Duration remindEvery) implements EnvironmentEvent {
    public Published(Set<String> eventIds) {
      this(eventIds, null);
    }
  }
}
