package dev.cronmon.domain.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** A monitor's schedule: when check-ins are due. Slots are whole minutes. */
public sealed interface Schedule permits CrontabSchedule, IntervalSchedule {

    /** The first slot strictly after {@code after}, computed in {@code zone}. */
    Instant nextSlotAfter(Instant after, ZoneId zone);

    /** The latest slot at or before {@code t}; always empty for interval schedules (they step from check-ins). */
    Optional<Instant> lastSlotAtOrBefore(Instant t, ZoneId zone);

    /** The wire name: "crontab" or "interval". */
    String type();
}
