package dev.cronmon.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntervalScheduleTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant next(int value, IntervalUnit unit, ZoneId zone, String after) {
        return new IntervalSchedule(value, unit).nextSlotAfter(Instant.parse(after), zone);
    }

    @Test
    void nextSlot_minute_truncatesThenAddsElapsedTime() {
        assertThat(next(5, IntervalUnit.MINUTE, ZoneOffset.UTC, "2025-06-01T10:00:45.5Z"))
                .isEqualTo(Instant.parse("2025-06-01T10:05:00Z"));
    }

    @Test
    void nextSlot_hour_isElapsedTime_acrossDstGap() {
        // 01:30 EST + 1 hour = 03:30 EDT: elapsed, not wall-clock.
        assertThat(next(1, IntervalUnit.HOUR, NEW_YORK, "2025-03-09T06:30:00Z"))
                .isEqualTo(Instant.parse("2025-03-09T07:30:00Z"));
    }

    @Test
    void nextSlot_day_keepsWallTime_acrossDst() {
        // 09:00 EST -> 09:00 EDT next day: 23 hours elapsed.
        assertThat(next(1, IntervalUnit.DAY, NEW_YORK, "2025-03-08T14:00:00Z"))
                .isEqualTo(Instant.parse("2025-03-09T13:00:00Z"));
    }

    @Test
    void nextSlot_day_movesForwardByGap_whenWallTimeIsSkipped() {
        // 02:30 EST + 1 day = 02:30 on the spring-forward day, which does not exist -> 03:30 EDT.
        assertThat(next(1, IntervalUnit.DAY, NEW_YORK, "2025-03-08T07:30:00Z"))
                .isEqualTo(Instant.parse("2025-03-09T07:30:00Z"));
    }

    @Test
    void nextSlot_day_takesEarlierOffset_whenWallTimeIsRepeated() {
        // 01:30 EDT + 1 day = 01:30 on the fall-back day -> the first 01:30 (EDT).
        assertThat(next(1, IntervalUnit.DAY, NEW_YORK, "2025-11-01T05:30:00Z"))
                .isEqualTo(Instant.parse("2025-11-02T05:30:00Z"));
    }

    @ParameterizedTest
    @CsvSource({
            "1, MONTH, 2025-01-31T10:00:00Z, 2025-02-28T10:00:00Z",
            "1, MONTH, 2024-01-31T10:00:00Z, 2024-02-29T10:00:00Z",
            "3, MONTH, 2025-11-30T10:00:00Z, 2026-02-28T10:00:00Z",
            "1, YEAR,  2024-02-29T10:00:00Z, 2025-02-28T10:00:00Z",
            "2, WEEK,  2025-06-01T10:00:00Z, 2025-06-15T10:00:00Z"})
    void nextSlot_calendarUnits_clampToMonthEnd(int value, IntervalUnit unit, String after, String expected) {
        assertThat(next(value, unit, ZoneOffset.UTC, after)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void nextSlot_month_keepsWallTimeInZone() {
        // 23:30 EST on Jan 31 is Feb 1 in UTC; the calendar is stepped in New York.
        assertThat(next(1, IntervalUnit.MONTH, NEW_YORK, "2025-02-01T04:30:00Z"))
                .isEqualTo(Instant.parse("2025-03-01T04:30:00Z"));
    }

    @Test
    void nextSlot_largestValue_doesNotOverflow() {
        assertThat(next(IntervalSchedule.MAX_VALUE, IntervalUnit.YEAR, NEW_YORK, "2025-06-01T00:00:00Z"))
                .isAfter(Instant.parse("2025-06-01T00:00:00Z"));
    }

    @Test
    void lastSlot_isAlwaysEmpty_andTypeIsInterval() {
        IntervalSchedule schedule = new IntervalSchedule(2, IntervalUnit.HOUR);
        assertThat(schedule.lastSlotAtOrBefore(Instant.parse("2025-06-01T00:00:00Z"), NEW_YORK)).isEmpty();
        assertThat(schedule.type()).isEqualTo("interval");
    }

    @Test
    void constructor_rejectsOutOfRange() {
        assertThatThrownBy(() -> new IntervalSchedule(0, IntervalUnit.DAY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IntervalSchedule(IntervalSchedule.MAX_VALUE + 1, IntervalUnit.DAY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IntervalSchedule(1, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void unit_wireNames() {
        assertThat(IntervalUnit.values()).extracting(IntervalUnit::wire)
                .containsExactly("minute", "hour", "day", "week", "month", "year");
        for (IntervalUnit unit : IntervalUnit.values()) {
            assertThat(IntervalUnit.fromWire(unit.wire())).contains(unit);
        }
        assertThat(IntervalUnit.fromWire("Hour")).isEmpty();
        assertThat(IntervalUnit.fromWire("hours")).isEmpty();
        assertThat(IntervalUnit.fromWire(null)).isEmpty();
    }
}
