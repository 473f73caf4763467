package dev.cronmon.domain.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** The single home of "which slot does a check-in fulfil, and when is the next one due". */
public final class SlotPlanner {

    /**
     * A check-in at most this many minutes (and at most the check-in margin) before a slot counts
     * for that slot: hosts' clocks run early, and an early run must not cause a false missed
     * (Sentry issue #84358).
     */
    static final int EARLY_TOLERANCE_MINUTES = 3;

    /**
     * @param expectedTime the slot the check-in fulfils; null for interval schedules, or before a
     *                     crontab's first slot
     * @param nextSlot     the next slot a check-in is due for
     */
    public record Plan(Instant expectedTime, Instant nextSlot) {
    }

    private SlotPlanner() {
    }

    public static Plan plan(Schedule schedule, ZoneId zone, int checkinMarginMinutes, Instant checkInTime) {
        Instant next = schedule.nextSlotAfter(checkInTime, zone);
        if (schedule instanceof IntervalSchedule) {
            return new Plan(null, next);
        }
        Optional<Instant> previous = schedule.lastSlotAtOrBefore(checkInTime, zone);
        Duration early = Duration.between(checkInTime, next);
        Duration tolerance = Duration.ofMinutes(Math.max(0, Math.min(checkinMarginMinutes, EARLY_TOLERANCE_MINUTES)));
        // Early only if it is also closer to the coming slot than to the one just passed.
        boolean forNext = early.compareTo(tolerance) <= 0
                && previous.map(p -> early.compareTo(Duration.between(p, checkInTime)) < 0).orElse(true);
        return forNext
                ? new Plan(next, schedule.nextSlotAfter(next, zone))
                : new Plan(previous.orElse(null), next);
    }
}
