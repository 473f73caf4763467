package dev.cronmon.domain.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Every {@code value} {@code unit}s, stepped from the check-in. Minutes and hours are elapsed
 * time; days and longer step the calendar in the zone keeping the wall time (Jan 31 + 1 month =
 * Feb 28/29; a wall time in a DST gap moves forward by the gap, an ambiguous one takes the
 * earlier offset). The constructor validates; use {@link ScheduleParser#interval} for a
 * non-throwing result.
 */
public record IntervalSchedule(int value, IntervalUnit unit) implements Schedule {

    /** Large enough for any real job, small enough that no date arithmetic can overflow. */
    public static final int MAX_VALUE = 1_000_000;

    public IntervalSchedule {
        Objects.requireNonNull(unit, "unit");
        if (value < 1 || value > MAX_VALUE) {
            throw new IllegalArgumentException("interval value out of range: " + value);
        }
    }

    @Override
    public String type() {
        return "interval";
    }

    @Override
    public Instant nextSlotAfter(Instant after, ZoneId zone) {
        Instant base = after.truncatedTo(ChronoUnit.MINUTES);
        return switch (unit) {
            case MINUTE -> base.plus(value, ChronoUnit.MINUTES);
            case HOUR -> base.plus(value, ChronoUnit.HOURS);
            // Stepping the LocalDateTime, then ZonedDateTime.of: gap -> forward by the gap, overlap -> earlier offset.
            case DAY -> onCalendar(base, zone, ChronoUnit.DAYS);
            case WEEK -> onCalendar(base, zone, ChronoUnit.WEEKS);
            case MONTH -> onCalendar(base, zone, ChronoUnit.MONTHS);
            case YEAR -> onCalendar(base, zone, ChronoUnit.YEARS);
        };
    }

    private Instant onCalendar(Instant base, ZoneId zone, ChronoUnit calendarUnit) {
        return ZonedDateTime.of(base.atZone(zone).toLocalDateTime().plus(value, calendarUnit), zone).toInstant();
    }

    @Override
    public Optional<Instant> lastSlotAtOrBefore(Instant t, ZoneId zone) {
        return Optional.empty();
    }
}
