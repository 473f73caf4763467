package dev.cronmon.domain.lifecycle;

import dev.cronmon.domain.checkin.OpenRun;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.schedule.IntervalSchedule;
import dev.cronmon.domain.schedule.Schedule;
import dev.cronmon.domain.schedule.SlotPlanner;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * docs/semantics.md rules S7 and W6: the one place an environment's deadlines follow a change of its monitor (config,
 * status): the next slot and its deadline (`nextCheckIn`, `nextCheckInLatest`), every open run's timeout, and whether
 * it is swept at all.
 *
 * <p>The next slot is recomputed from the last check-in with the new schedule, timezone and margin
 * ({@link SlotPlanner}), with one guard: a change never expects a slot retroactively. Slots before the pending one
 * ({@code env.nextCheckIn()}) that have already passed were either fulfilled, marked missed by the sweeper, or not
 * expected at the time; so a slot in the past counts only from the pending one on. Without the guard, turning a daily
 * job hourly would mark every hour since its last run missed, and a margin change could make the sweeper mark a slot
 * it already marked a second time. Re-enabling a monitor expects nothing from its disabled time: the next slot is the
 * first one after now. The result is idempotent: applying it to its own output changes nothing.
 */
final class Deadlines {
  private Deadlines() {}

  /** {@code env} as it must be under {@code monitor}'s current config and status, at {@code now}. */
  static MonitorEnvironment recompute(Monitor monitor, MonitorEnvironment env, Instant now) {
    if (monitor.status() == MonitorStatus.DISABLED) {
      // Deadlines are frozen while disabled and recomputed on enabling; only the due index must forget the environment.
      return env.toBuilder().disabled(true).build();
    }
    MonitorConfig config = monitor.config();
    List<OpenRun> runs = env.openRuns().stream()
        .map(r -> new OpenRun(r.checkInId(), r.started(), config.timeoutFor(r.started())))
        .toList();
    MonitorEnvironment.Builder next = env.toBuilder().openRuns(runs).disabled(false);
    if (env.lastCheckIn() == null || env.nextCheckIn() == null) return next.build(); // never missed before its first check-in
    Instant slot = nextSlot(config, env, now, env.disabled());
    return next.nextCheckIn(slot).nextCheckInLatest(slot.plus(config.margin())).build();
  }

  private static Instant nextSlot(MonitorConfig config, MonitorEnvironment env, Instant now, boolean enabling) {
    Schedule schedule = config.schedule();
    ZoneId zone = config.timezone();
    Instant candidate = SlotPlanner.plan(schedule, zone, config.checkinMargin(), env.lastCheckIn()).nextSlot();
    Instant pending = env.nextCheckIn();
    boolean interval = schedule instanceof IntervalSchedule;
    if (!enabling && !pending.isAfter(now)) {
      // The pending slot has passed without a check-in (and was not swept yet): expect it or a later one.
      if (!candidate.isBefore(pending)) return candidate;
      // Interval slots step from the last check-in or missed slot, so the pending one is the only anchor there is.
      return interval ? pending : schedule.nextSlotAfter(pending.minusMillis(1), zone);
    }
    if (candidate.isAfter(now)) return candidate;
    if (interval) return enabling ? schedule.nextSlotAfter(now, zone) : pending;
    return schedule.nextSlotAfter(now, zone);
  }
}
