package dev.cronmon.domain.sweep;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.incident.IncidentTracker;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.store.CronStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The missed rule (DESIGN.md rule 6) as one step both writers of an environment apply: the sweeper at each tick, and a
 * check-in before it moves the next slot (otherwise a check-in arriving after a deadline the sweeper has not reached yet
 * would silently skip that slot). A slot is missed when the environment still waits for it at its deadline
 * ({@code nextCheckInLatest}); marking it advances the environment to the following slot and records the failure.
 *
 * <p>The missed check-in has a deterministic id (monitor, environment, slot) and is written in the same transaction as
 * the environment ({@link CronStore#saveEnvironmentWithCheckIns}), so a retry or a racing writer can never make a second
 * one, and a crash cannot separate the decision from its check-in.
 */
public final class MissedSlots {
  /** Missed check-ins written with one environment update: a transaction holds 100 items, an incident keeps 20 failures. */
  public static final int MAX_PER_WRITE = 20;

  private MissedSlots() {}

  public static UUID missedCheckInId(String monitorId, String environment, Instant slot) {
    return UUID.nameUUIDFromBytes((monitorId + "|" + environment + "|" + slot).getBytes(StandardCharsets.UTF_8));
  }

  /** Whether the slot the environment waits for has passed its deadline at {@code now}. */
  public static boolean overdue(MonitorEnvironment env, Instant now) {
    return env.nextCheckInLatest() != null && !env.nextCheckInLatest().isAfter(now);
  }

  /** The slot the environment waits for ({@code nextCheckIn}; older items may only have the deadline). */
  static Instant pendingSlot(MonitorEnvironment env, MonitorConfig config) {
    return env.nextCheckIn() != null ? env.nextCheckIn() : env.nextCheckInLatest().minus(config.margin());
  }

  /** One slot marked missed: the environment after it, and the check-in to create (null when it exists already). */
  public record Marked(MonitorEnvironment env, CheckIn missed) {}

  /**
   * Marks the slot {@code env} waits for as missed: the next slot follows it ({@code Schedule.nextSlotAfter}: the next
   * crontab slot, or slot + interval), and {@link IncidentTracker} records the failure. {@code alreadyWritten} holds
   * ids of missed check-ins found to exist (an environment moved back by a config change): those slots are only skipped.
   */
  public static Marked markPending(Monitor monitor, MonitorEnvironment env, Set<UUID> alreadyWritten) {
    MonitorConfig config = monitor.config();
    Instant slot = pendingSlot(env, config);
    Instant next = config.schedule().nextSlotAfter(slot, config.timezone());
    MonitorEnvironment advanced = env.toBuilder().nextCheckIn(next).nextCheckInLatest(next.plus(config.margin())).build();
    UUID id = missedCheckInId(monitor.id(), env.name(), slot);
    if (alreadyWritten.contains(id)) return new Marked(advanced, null);
    // Dated at its slot, as Sentry dates missed check-ins, so history lists it where the run should have been.
    CheckIn missed = new CheckIn(id, monitor.id(), monitor.projectId(), env.name(), CheckInStatus.MISSED, null, slot, slot,
        slot, null, config, null, 1);
    return new Marked(IncidentTracker.record(monitor, advanced, id, CheckInStatus.MISSED, slot), missed);
  }

  /** Every overdue slot at {@code now}, oldest first, up to {@code limit}; {@code more} when the limit stopped it. */
  public record Overdue(MonitorEnvironment env, List<CheckIn> missed, boolean more) {}

  public static Overdue markOverdue(Monitor monitor, MonitorEnvironment env, Instant now, int limit, Set<UUID> alreadyWritten) {
    MonitorEnvironment current = env;
    List<CheckIn> missed = new ArrayList<>();
    for (int n = 0; n < limit && overdue(current, now); n++) {
      Marked marked = markPending(monitor, current, alreadyWritten);
      current = marked.env();
      if (marked.missed() != null) missed.add(marked.missed());
    }
    return new Overdue(current, missed, overdue(current, now));
  }

  /**
   * Saves {@code next} with the check-ins its change created, in one transaction when there are any. When the write is
   * refused although the environment is unchanged, one of the missed check-ins exists already: its id is added to
   * {@code alreadyWritten} so the caller's next attempt skips it. Returns whether {@code next} was saved.
   */
  public static boolean save(CronStore store, MonitorEnvironment next, List<CheckIn> created, Set<UUID> alreadyWritten) {
    boolean saved = created.isEmpty() ? store.saveEnvironment(next) : store.saveEnvironmentWithCheckIns(next, created);
    if (saved || created.isEmpty()) return saved;
    long stored = store.environment(next.monitorId(), next.name()).map(MonitorEnvironment::version).orElse(-1L);
    if (stored == next.version() - 1) {
      for (CheckIn c : created) {
        if (c.status() == CheckInStatus.MISSED && c.version() == 1 && store.checkIn(c.id()).isPresent()) alreadyWritten.add(c.id());
      }
    }
    return false;
  }
}
