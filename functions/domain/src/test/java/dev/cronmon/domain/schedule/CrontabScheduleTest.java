package dev.cronmon.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CrontabScheduleTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
    private static final ZoneId UTC = ZoneOffset.UTC;

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    /** The slots strictly after {@code from} up to and including {@code to}, in order. */
    private static List<Instant> slots(String cron, ZoneId zone, String from, String to) {
        CrontabSchedule schedule = new CrontabSchedule(cron);
        List<Instant> out = new ArrayList<>();
        for (Instant t = schedule.nextSlotAfter(at(from), zone); !t.isAfter(at(to)); t = schedule.nextSlotAfter(t, zone)) {
            out.add(t);
        }
        return out;
    }

    private static Instant next(String cron, ZoneId zone, String after) {
        return new CrontabSchedule(cron).nextSlotAfter(at(after), zone);
    }

    private static Instant last(String cron, ZoneId zone, String t) {
        return new CrontabSchedule(cron).lastSlotAtOrBefore(at(t), zone).orElseThrow();
    }

    // --- cron(8)'s grammar: steps past the end of their range, numbers of any length ------------

    /** As cronie and cronsim read them: a step that reaches past its range's end selects only the range's start. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0 0 */100 * *    | 2026-01-15T12:00:00Z | 2026-02-01T00:00:00Z",
            "0 */30 * * *     | 2026-01-15T12:00:00Z | 2026-01-16T00:00:00Z",
            "*/100 * * * *    | 2026-01-15T12:00:00Z | 2026-01-15T13:00:00Z",
            "5/100 * * * *    | 2026-01-15T12:10:00Z | 2026-01-15T13:05:00Z",
            "0 0 1-5/10 * *   | 2026-01-15T12:00:00Z | 2026-02-01T00:00:00Z",
            "0 0 1 */13 *     | 2026-01-15T12:00:00Z | 2027-01-01T00:00:00Z",
            "0 0 * * */8      | 2026-01-15T12:00:00Z | 2026-01-18T00:00:00Z",
            "0 0 * * 7/3      | 2026-01-15T12:00:00Z | 2026-01-18T00:00:00Z",
            "0 0 * * 5/1      | 2026-01-15T12:00:00Z | 2026-01-16T00:00:00Z",
            "0 0 * * 0-7/7    | 2026-01-15T12:00:00Z | 2026-01-18T00:00:00Z",
            "0 0 * * 2-7/5    | 2026-01-17T12:00:00Z | 2026-01-18T00:00:00Z",
            "005 0012 * * *   | 2026-01-15T12:10:00Z | 2026-01-16T12:05:00Z",
            "0 0 * * 1-5/99999999999 | 2026-01-15T12:00:00Z | 2026-01-19T00:00:00Z"})
    void nextSlot_followsCronGrammar_forLongStepsAndNumbers(String cron, String after, String expected) {
        assertThat(ScheduleParser.crontab(cron.strip()).isValid()).isTrue();
        assertThat(next(cron.strip(), UTC, after)).isEqualTo(at(expected));
    }

    @Test
    void longStep_keepsTheStarRules_ofTheFieldAsWritten() {
        // "*/100" still starts with '*': day-of-month AND day-of-week, so only a Monday that is the 1st matches.
        assertThat(next("0 0 */100 * MON", UTC, "2026-01-15T12:00:00Z")).isEqualTo(at("2026-06-01T00:00:00Z"));
        // "*/100" in the hour field is not fixed-time: across New York's spring-forward gap it follows wall time.
        assertThat(next("30 */100 * * *", NEW_YORK, "2025-03-09T04:00:00Z")).isEqualTo(at("2025-03-09T05:30:00Z"));
    }

    // --- fixed-time jobs across DST ---------------------------------------------------------

    @Test
    void nextSlot_firesOnceAtJump_whenFixedTimeFallsInGap_newYork() {
        // 2025-03-09: 02:00 EST -> 03:00 EDT at 07:00Z; 02:30 does not exist.
        assertThat(slots("30 2 * * *", NEW_YORK, "2025-03-08T00:00:00Z", "2025-03-10T12:00:00Z"))
                .containsExactly(at("2025-03-08T07:30:00Z"), at("2025-03-09T07:00:00Z"), at("2025-03-10T06:30:00Z"));
    }

    @Test
    void nextSlot_firesOnceAtFirstOccurrence_whenFixedTimeFallsInRepeatedHour_newYork() {
        // 2025-11-02: 02:00 EDT -> 01:00 EST at 06:00Z; 01:30 happens at 05:30Z and 06:30Z.
        assertThat(slots("30 1 * * *", NEW_YORK, "2025-11-01T00:00:00Z", "2025-11-03T12:00:00Z"))
                .containsExactly(at("2025-11-01T05:30:00Z"), at("2025-11-02T05:30:00Z"), at("2025-11-03T06:30:00Z"));
    }

    @Test
    void nextSlot_skipsSecondOccurrence_whenAfterIsInsideRepeatedHour() {
        assertThat(next("30 1 * * *", NEW_YORK, "2025-11-02T05:45:00Z")).isEqualTo(at("2025-11-03T06:30:00Z"));
        assertThat(next("30 1 * * *", NEW_YORK, "2025-11-02T06:15:00Z")).isEqualTo(at("2025-11-03T06:30:00Z"));
    }

    @Test
    void nextSlot_firesOnceAtJump_whenFixedTimeFallsInGap_berlin() {
        // 2025-03-30: 02:00 CET -> 03:00 CEST at 01:00Z.
        assertThat(slots("30 2 * * *", BERLIN, "2025-03-29T00:00:00Z", "2025-03-31T12:00:00Z"))
                .containsExactly(at("2025-03-29T01:30:00Z"), at("2025-03-30T01:00:00Z"), at("2025-03-31T00:30:00Z"));
    }

    @Test
    void nextSlot_firesOnceAtFirstOccurrence_whenFixedTimeFallsInRepeatedHour_berlin() {
        // 2025-10-26: 03:00 CEST -> 02:00 CET at 01:00Z; 02:30 happens at 00:30Z and 01:30Z.
        assertThat(slots("30 2 * * *", BERLIN, "2025-10-25T00:00:00Z", "2025-10-27T12:00:00Z"))
                .containsExactly(at("2025-10-25T00:30:00Z"), at("2025-10-26T00:30:00Z"), at("2025-10-27T01:30:00Z"));
    }

    @Test
    void nextSlot_firesOnceAtJump_whenFixedTimeFallsInGap_sydneyOctober() {
        // 2025-10-05 (southern spring): 02:00 AEST -> 03:00 AEDT at 2025-10-04T16:00Z.
        assertThat(slots("30 2 * * *", SYDNEY, "2025-10-03T00:00:00Z", "2025-10-05T23:00:00Z"))
                .containsExactly(at("2025-10-03T16:30:00Z"), at("2025-10-04T16:00:00Z"), at("2025-10-05T15:30:00Z"));
    }

    @Test
    void nextSlot_firesOnceAtFirstOccurrence_whenFixedTimeFallsInRepeatedHour_sydneyApril() {
        // 2025-04-06 (southern autumn): 03:00 AEDT -> 02:00 AEST at 2025-04-05T16:00Z.
        assertThat(slots("30 2 * * *", SYDNEY, "2025-04-04T00:00:00Z", "2025-04-06T23:00:00Z"))
                .containsExactly(at("2025-04-04T15:30:00Z"), at("2025-04-05T15:30:00Z"), at("2025-04-06T16:30:00Z"));
    }

    @Test
    void nextSlot_firesOnceAtJump_whenSeveralFixedTimesFallInGap() {
        assertThat(slots("0,15,45 2 * * *", NEW_YORK, "2025-03-09T00:00:00Z", "2025-03-09T12:00:00Z"))
                .containsExactly(at("2025-03-09T07:00:00Z"));
    }

    @Test
    void nextSlot_daily_isUnaffectedByTransitionsAtOtherHours() {
        assertThat(slots("@daily", NEW_YORK, "2025-03-08T12:00:00Z", "2025-03-10T12:00:00Z"))
                .containsExactly(at("2025-03-09T05:00:00Z"), at("2025-03-10T04:00:00Z"));
    }

    // --- wildcard jobs across DST -----------------------------------------------------------

    @Test
    void nextSlot_firesTwiceInRepeatedHour_whenMinuteFieldIsWildcard_newYork() {
        assertThat(slots("*/30 * * * *", NEW_YORK, "2025-11-02T04:45:00Z", "2025-11-02T07:00:00Z"))
                .containsExactly(at("2025-11-02T05:00:00Z"), at("2025-11-02T05:30:00Z"), // 01:00, 01:30 EDT
                        at("2025-11-02T06:00:00Z"), at("2025-11-02T06:30:00Z"), // 01:00, 01:30 EST
                        at("2025-11-02T07:00:00Z")); // 02:00 EST
    }

    @Test
    void nextSlot_followsInstantOrder_whenAfterIsInFirstPassOfRepeatedHour() {
        // 01:45 EDT: the next wall match in instant order is 01:00 EST, not 02:00.
        assertThat(next("*/30 * * * *", NEW_YORK, "2025-11-02T05:45:00Z")).isEqualTo(at("2025-11-02T06:00:00Z"));
        assertThat(next("@hourly", NEW_YORK, "2025-11-02T05:00:00Z")).isEqualTo(at("2025-11-02T06:00:00Z"));
    }

    @Test
    void nextSlot_skipsGap_whenMinuteFieldIsWildcard_newYork() {
        // 02:00 and 02:30 EST do not exist; no extra slot at the jump.
        assertThat(slots("*/30 * * * *", NEW_YORK, "2025-03-09T05:45:00Z", "2025-03-09T08:00:00Z"))
                .containsExactly(at("2025-03-09T06:00:00Z"), at("2025-03-09T06:30:00Z"), // 01:00, 01:30 EST
                        at("2025-03-09T07:00:00Z"), at("2025-03-09T07:30:00Z"), // 03:00, 03:30 EDT
                        at("2025-03-09T08:00:00Z"));
    }

    @Test
    void nextSlot_skipsGap_whenHourFieldIsWildcard() {
        // "30 * * * *" is not fixed-time (hour starts with '*'): 02:30 is skipped, not moved to 03:00.
        assertThat(next("30 * * * *", NEW_YORK, "2025-03-09T06:30:00Z")).isEqualTo(at("2025-03-09T07:30:00Z"));
    }

    @Test
    void nextSlot_hourly_skipsGapAndFiresTwiceInRepeatedHour_newYork() {
        assertThat(slots("@hourly", NEW_YORK, "2025-03-09T05:30:00Z", "2025-03-09T08:00:00Z"))
                .containsExactly(at("2025-03-09T06:00:00Z"), at("2025-03-09T07:00:00Z"), at("2025-03-09T08:00:00Z"));
        assertThat(wallTimes(slots("@hourly", NEW_YORK, "2025-03-09T05:30:00Z", "2025-03-09T08:00:00Z"), NEW_YORK))
                .containsExactly("01:00", "03:00", "04:00");
        assertThat(wallTimes(slots("@hourly", NEW_YORK, "2025-11-02T04:30:00Z", "2025-11-02T07:00:00Z"), NEW_YORK))
                .containsExactly("01:00", "01:00", "02:00");
    }

    @Test
    void nextSlot_hourly_skipsGapAndFiresTwiceInRepeatedHour_berlin() {
        assertThat(wallTimes(slots("0 * * * *", BERLIN, "2025-03-30T00:30:00Z", "2025-03-30T02:00:00Z"), BERLIN))
                .containsExactly("03:00", "04:00");
        assertThat(wallTimes(slots("0 * * * *", BERLIN, "2025-10-25T23:30:00Z", "2025-10-26T02:00:00Z"), BERLIN))
                .containsExactly("02:00", "02:00", "03:00");
    }

    @Test
    void nextSlot_wildcard_skipsGapAndFiresTwiceInRepeatedHour_sydney() {
        assertThat(wallTimes(slots("*/30 * * * *", SYDNEY, "2025-10-04T15:15:00Z", "2025-10-04T16:30:00Z"), SYDNEY))
                .containsExactly("01:30", "03:00", "03:30");
        assertThat(wallTimes(slots("*/30 * * * *", SYDNEY, "2025-04-05T14:45:00Z", "2025-04-05T17:00:00Z"), SYDNEY))
                .containsExactly("02:00", "02:30", "02:00", "02:30", "03:00");
        assertThat(wallTimes(slots("@hourly", SYDNEY, "2025-04-05T14:30:00Z", "2025-04-05T17:00:00Z"), SYDNEY))
                .containsExactly("02:00", "02:00", "03:00");
    }

    private static List<String> wallTimes(List<Instant> instants, ZoneId zone) {
        return instants.stream().map(i -> i.atZone(zone).toLocalTime().toString()).toList();
    }

    // --- lastSlotAtOrBefore -----------------------------------------------------------------

    @Test
    void lastSlot_includesT_andUsesJumpInstantForGap() {
        assertThat(last("30 2 * * *", NEW_YORK, "2025-03-09T07:00:00Z")).isEqualTo(at("2025-03-09T07:00:00Z"));
        assertThat(last("30 2 * * *", NEW_YORK, "2025-03-09T06:59:59Z")).isEqualTo(at("2025-03-08T07:30:00Z"));
        assertThat(last("30 2 * * *", SYDNEY, "2025-10-04T20:00:00Z")).isEqualTo(at("2025-10-04T16:00:00Z"));
    }

    @Test
    void lastSlot_followsInstantOrder_inRepeatedHour() {
        assertThat(last("*/30 * * * *", NEW_YORK, "2025-11-02T06:10:00Z")).isEqualTo(at("2025-11-02T06:00:00Z"));
        assertThat(last("*/30 * * * *", NEW_YORK, "2025-11-02T05:59:00Z")).isEqualTo(at("2025-11-02T05:30:00Z"));
        // A fixed-time job does not fire at the second 01:30.
        assertThat(last("30 1 * * *", NEW_YORK, "2025-11-02T06:45:00Z")).isEqualTo(at("2025-11-02T05:30:00Z"));
    }

    // --- field semantics --------------------------------------------------------------------

    @Test
    void nextSlot_dayOfMonthOrDayOfWeek_whenBothRestricted() {
        // The 1st OR Mondays; 2025-09-01 is a Monday.
        assertThat(slots("0 0 1 * 1", UTC, "2025-08-31T12:00:00Z", "2025-10-07T00:00:00Z"))
                .containsExactly(at("2025-09-01T00:00:00Z"), at("2025-09-08T00:00:00Z"), at("2025-09-15T00:00:00Z"),
                        at("2025-09-22T00:00:00Z"), at("2025-09-29T00:00:00Z"), at("2025-10-01T00:00:00Z"),
                        at("2025-10-06T00:00:00Z"));
    }

    @Test
    void nextSlot_dayOfMonthAndDayOfWeek_whenOneStartsWithStar() {
        // Vixie: a day field starting with '*' makes the two day fields ANDed: odd days that are Mondays.
        assertThat(slots("0 0 */2 * 1", UTC, "2025-08-31T12:00:00Z", "2025-10-31T00:00:00Z"))
                .containsExactly(at("2025-09-01T00:00:00Z"), at("2025-09-15T00:00:00Z"), at("2025-09-29T00:00:00Z"),
                        at("2025-10-13T00:00:00Z"), at("2025-10-27T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 * * 0", "0 0 * * 7", "0 0 * * SUN", "0 0 * * sun", "@weekly", "0 0 * * 3,7", "0 0 * * FRI-SUN/2"})
    void nextSlot_sundayIsZeroOrSeven(String cron) {
        // 2025-06-01 is a Sunday.
        assertThat(next(cron, UTC, "2025-05-30T12:00:00Z")).isEqualTo(at("2025-06-01T00:00:00Z"));
    }

    @Test
    void nextSlot_monthAndDayNames() {
        assertThat(next("0 9 * JAN,jul MON-FRI", UTC, "2025-06-01T00:00:00Z")).isEqualTo(at("2025-07-01T09:00:00Z"));
        assertThat(next("0 9 * * MON-SUN", UTC, "2025-06-01T10:00:00Z")).isEqualTo(at("2025-06-02T09:00:00Z"));
        assertThat(next("0 0 1 FEB-MAR/1 *", UTC, "2025-06-01T00:00:00Z")).isEqualTo(at("2026-02-01T00:00:00Z"));
    }

    @Test
    void nextSlot_stepsAndLists() {
        assertThat(slots("5/20,1-3 10 * * *", UTC, "2025-06-01T00:00:00Z", "2025-06-01T23:59:00Z"))
                .containsExactly(at("2025-06-01T10:01:00Z"), at("2025-06-01T10:02:00Z"), at("2025-06-01T10:03:00Z"),
                        at("2025-06-01T10:05:00Z"), at("2025-06-01T10:25:00Z"), at("2025-06-01T10:45:00Z"));
    }

    @Test
    void nextSlot_leapDay_isFastAndSkipsCenturyNonLeapYears() {
        long start = System.nanoTime();
        List<Instant> leapDays = slots("0 0 29 2 *", NEW_YORK, "2025-03-01T00:00:00Z", "2105-01-01T00:00:00Z");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(leapDays).hasSize(19).first().isEqualTo(at("2028-02-29T05:00:00Z"));
        assertThat(leapDays).extracting(i -> i.atZone(NEW_YORK).getYear()).contains(2096, 2104).doesNotContain(2100);
        assertThat(millis).isLessThan(2_000);
    }

    @Test
    void nextSlot_isStrictlyAfter_andRoundsUpFromSeconds() {
        assertThat(next("* * * * *", UTC, "2025-06-01T10:00:00Z")).isEqualTo(at("2025-06-01T10:01:00Z"));
        assertThat(next("* * * * *", UTC, "2025-06-01T10:00:00.001Z")).isEqualTo(at("2025-06-01T10:01:00Z"));
        assertThat(next("0 * * * *", UTC, "2025-06-01T09:59:59.999Z")).isEqualTo(at("2025-06-01T10:00:00Z"));
    }

    // --- aliases and construction -----------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
            "@yearly,   2026-01-01T00:00:00Z",
            "@annually, 2026-01-01T00:00:00Z",
            "@monthly,  2025-07-01T00:00:00Z",
            "@weekly,   2025-06-08T00:00:00Z",
            "@daily,    2025-06-02T00:00:00Z",
            "@hourly,   2025-06-01T01:00:00Z"})
    void alias_isKeptAsWritten_andMapsToItsFiveFieldEquivalent(String alias, String expected) {
        CrontabSchedule schedule = new CrontabSchedule(alias);
        assertThat(schedule.expression()).isEqualTo(alias);
        assertThat(schedule.type()).isEqualTo("crontab");
        assertThat(schedule.nextSlotAfter(at("2025-06-01T00:00:00Z"), UTC)).isEqualTo(at(expected));
    }

    @Test
    void expression_isWhitespaceNormalised() {
        assertThat(new CrontabSchedule("  0\t*  * * *\n").expression()).isEqualTo("0 * * * *");
        assertThat(new CrontabSchedule(" @daily ").expression()).isEqualTo("@daily");
    }

    @Test
    void constructor_rejectsInvalidExpression() {
        assertThatThrownBy(() -> new CrontabSchedule("0 0 31 2 *"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Schedule is invalid");
        assertThatThrownBy(() -> new CrontabSchedule(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wallClockEnumeration_matchesLocalTimeInFixedOffsetZones() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        Instant slot = next("30 9 * * *", kolkata, "2025-06-01T00:00:00Z");
        assertThat(LocalDateTime.ofInstant(slot, kolkata)).isEqualTo(LocalDateTime.parse("2025-06-01T09:30"));
    }
}
