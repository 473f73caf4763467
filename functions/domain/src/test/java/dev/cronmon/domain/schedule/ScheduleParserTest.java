package dev.cronmon.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleParserTest {

    private static String cronError(String value) {
        ScheduleResult result = ScheduleParser.crontab(value);
        assertThat(result.isValid()).isFalse();
        assertThat(result.schedule()).isNull();
        return result.error();
    }

    private static String intervalError(Object value, String unit) {
        ScheduleResult result = ScheduleParser.interval(value, unit);
        assertThat(result.isValid()).isFalse();
        return result.error();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 * * * *", "*/15 9-17 * * MON-FRI", "0 0 1,15 * *", "@yearly", "@annually",
            "@monthly", "@weekly", "@daily", "@hourly", "0 0 29 2 *", "59 23 31 12 7", "0-59/7 */5 1-31/3 JAN-DEC sun-sat"})
    void crontab_acceptsValidExpressions(String value) {
        ScheduleResult result = ScheduleParser.crontab(value);
        assertThat(result.isValid()).isTrue();
        assertThat(result.error()).isNull();
        assertThat(result.schedule()).isEqualTo(new CrontabSchedule(value));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "* * *", "* * * *", "61 * * * *", "* 24 * * *", "0 0 0 * *", "0 0 * 13 *",
            "0 0 * * 8", "0 0 30 2 *", "0 0 31 4,6,9,11 *", "0 0 L * *", "0 0 ? * *", "0 0 * * 1#2", "0 0 15W * *",
            "1-5/2/3 * * * *", "+1 * * * *", "*/0 * * * *", "5-2 * * * *", "0 0 * * MONDAY", "MON * * * *",
            "0 0 * FOO *", "H * * * *", "* * * * * * * *", "0,,1 * * * *", "0 0 1 * *x"})
    void crontab_rejectsInvalid_withScheduleIsInvalid(String value) {
        assertThat(cronError(value)).isEqualTo("Schedule is invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"* * * * * *", "0 0 0 * * ?", "0 0 12 * * ? 2025", "0 * * * * 2025"})
    void crontab_rejectsSixOrSevenFields(String value) {
        assertThat(cronError(value)).isEqualTo("Only 5 field crontab syntax is supported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"@reboot", "@midnight", "@every 5m", "@DAILY", "@", "@daily extra"})
    void crontab_rejectsUnknownAlias_withNotParseable(String value) {
        assertThat(cronError(value)).isEqualTo("Schedule was not parseable");
    }

    @Test
    void crontab_rejectsHugeInput() {
        assertThat(cronError("1,".repeat(5000) + "1 * * * *")).isEqualTo("Schedule is invalid");
    }

    @Test
    void interval_acceptsNumbersAndNumericStrings() {
        assertThat(ScheduleParser.interval(2, "hour").schedule()).isEqualTo(new IntervalSchedule(2, IntervalUnit.HOUR));
        assertThat(ScheduleParser.interval(3L, "day").schedule()).isEqualTo(new IntervalSchedule(3, IntervalUnit.DAY));
        assertThat(ScheduleParser.interval("15", "minute").schedule()).isEqualTo(new IntervalSchedule(15, IntervalUnit.MINUTE));
        assertThat(ScheduleParser.interval(" 4 ", "week").schedule()).isEqualTo(new IntervalSchedule(4, IntervalUnit.WEEK));
        assertThat(ScheduleParser.interval("2.0", "month").schedule()).isEqualTo(new IntervalSchedule(2, IntervalUnit.MONTH));
        assertThat(ScheduleParser.interval(1.0d, "year").schedule()).isEqualTo(new IntervalSchedule(1, IntervalUnit.YEAR));
        assertThat(ScheduleParser.interval(new BigDecimal("6E+1"), "minute").schedule())
                .isEqualTo(new IntervalSchedule(60, IntervalUnit.MINUTE));
        assertThat(ScheduleParser.interval(IntervalSchedule.MAX_VALUE, "minute").isValid()).isTrue();
    }

    @Test
    void interval_rejectsZeroAndNegative() {
        assertThat(intervalError(0, "hour")).isEqualTo("Interval must be greater than zero");
        assertThat(intervalError(-3, "hour")).isEqualTo("Interval must be greater than zero");
        assertThat(intervalError("-99999999999999999999", "hour")).isEqualTo("Interval must be greater than zero");
    }

    @Test
    void interval_rejectsNonIntegers() {
        for (Object value : new Object[] {null, "", "abc", "2.5", "1e3", "0x10", 2.5d, Double.NaN,
                Double.POSITIVE_INFINITY, 1.5f, new BigDecimal("1E-999999999"), true, new Object()}) {
            assertThat(intervalError(value, "hour")).as("%s", value).isEqualTo("Interval must be a whole number");
        }
    }

    @Test
    void interval_rejectsHugeValues() {
        for (Object value : new Object[] {IntervalSchedule.MAX_VALUE + 1, Long.MAX_VALUE, "99999999999999999999999",
                1e300, new BigInteger("9".repeat(40)), new BigDecimal("1E+999999999")}) {
            assertThat(intervalError(value, "hour")).as("%s", value).isEqualTo("Interval must be at most 1000000");
        }
    }

    @Test
    void interval_rejectsUnknownUnit() {
        for (String unit : new String[] {null, "", "hours", "HOUR", "fortnight", "second"}) {
            assertThat(intervalError(1, unit)).as("%s", unit).isEqualTo("Invalid interval unit");
        }
    }

    @Test
    void result_holdsExactlyOne() {
        assertThatThrownBy(() -> new ScheduleResult(null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScheduleResult(new CrontabSchedule("@daily"), "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
