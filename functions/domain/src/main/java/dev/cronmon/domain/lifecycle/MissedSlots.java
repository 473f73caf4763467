package dev.cronmon.domain.lifecycle;

import dev.cronmon.domain.hearing.Deafness;
import dev.cronmon.domain.maintenance.Maintenance;
import dev.cronmon.domain.checkin.RunFacts;
import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * The missed rule (docs/semantics.md rules W1, W2 and U1), applied by both writers of an environment: the sweeper at each
 * tick, and a check-in before it moves the next slot (otherwise a check-in arriving after a deadline the sweeper has not
 * reached yet would silently skip that slot). A slot is missed when the environment still waits for it at its deadline
 * ({@code nextCheckInLatest}); marking it advances the environment to the following slot and records the failure.
 *
 * <p>The missed check-in has a deterministic id (monitor, environment, slot) and is written in the same transaction as
 * the environment ({@code service.EnvironmentWriter}), so a retry or a racing writer can never make a second one, and a crash
 * cannot separate the decision from its check-in.
 */
public final class MissedSlots {
  /** Missed check-ins written with one environment update: a transaction holds 100 items, an incident keeps 20 failures. */
  public static final int MAX_PER_WRITE = 20;
  /** Writes of missed slots a check-in makes before its own (rule W2) when the sweeper has fallen far behind. */
  public static final int MAX_CATCH_UP_WRITES = 4;

  private MissedSlots() {}

  public static UUID missedCheckInId(String monitorId, String environment, Instant slot) {
    return UUID.nameUUIDFromBytes((monitorId + "|" + environment + "|" + slot).getBytes(StandardCharsets.UTF_8));
  }

  /** Whether the slot the environment waits for has passed its deadline at {@code now}. */
  public static boolean overdue(MonitorEnvironment env, Instant now) {
    return env.nextCheckInLatest() != null && !env.nextCheckInLatest().isAfter(now);
  }

  /**
   * Marks the slot the environment waits for as missed: the next slot follows it ({@code Schedule.nextSlotAfter}: the
   * next crontab slot, or slot + interval), the missed check-in joins the change and the failure is recorded.
   * {@code existing} holds ids of missed check-ins found to exist (an environment moved back by a config change): those
   * slots are only skipped.
   */
  static void markPending(Change change, Monitor monitor, Set<UUID> existing, Deafness deaf, Maintenance maintenance) {
    MonitorConfig config = monitor.config();
    Instant slot = change.env.nextCheckIn();
    Instant deadline = change.env.nextCheckInLatest();
    Instant next = config.schedule().nextSlotAfter(slot, config.timezone());
    change.env = change.env.toBuilder().nextCheckIn(next).nextCheckInLatest(next.plus(config.margin())).build();
    UUID id = missedCheckInId(monitor.id(), change.env.name(), slot);
    if (existing.contains(id)) return;
    // Rule U1: a slot awaited while cronmon could not hear check-ins is unknown, not missed; same id, same date.
    // Rule M2: one awaited during a maintenance window likewise, marked as in maintenance.
    boolean inMaintenance = maintenance.during(slot, deadline);
    CheckInStatus status = inMaintenance || deaf.during(slot, deadline) ? CheckInStatus.UNKNOWN : CheckInStatus.MISSED;
    // Dated at its slot, as Sentry dates missed check-ins, so history lists it where the run should have been.
    change.checkIns.add(new CheckIn(id, monitor.id(), monitor.projectId(), change.env.name(), status, null,
        slot, slot, slot, null, config, null, 1, inMaintenance ? RunFacts.NONE.inMaintenance() : RunFacts.NONE));
    change.record(monitor, id, status, slot);
  }

  /** Marks every overdue slot at {@code now}, oldest first, up to {@code limit}; true when the limit stopped it. */
  static boolean markOverdue(Change change, Monitor monitor, Instant now, int limit, Set<UUID> existing, Deafness deaf,
                             Maintenance maintenance) {
    for (int n = 0; n < limit && overdue(change.env, now); n++) markPending(change, monitor, existing, deaf, maintenance);
    return overdue(change.env, now);
  }
}
