package dev.cronmon.domain.schedule;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates schedules from untrusted input. Never throws: every input yields a schedule or a
 * field-level message (Sentry's wording where Sentry has one).
 */
public final class ScheduleParser {

    public static final String SCHEDULE_INVALID = CronPattern.INVALID;
    public static final String ONLY_5_FIELDS = CronPattern.NOT_5_FIELDS;
    public static final String NOT_PARSEABLE = CronPattern.UNKNOWN_ALIAS;
    public static final String INTERVAL_NOT_POSITIVE = "Interval must be greater than zero";
    public static final String INTERVAL_NOT_INTEGER = "Interval must be a whole number";
    public static final String INTERVAL_TOO_LARGE = "Interval must be at most " + IntervalSchedule.MAX_VALUE;
    public static final String INVALID_UNIT = "Invalid interval unit";

    /** What DRF's IntegerField takes from a string: an optionally signed integer, "2.0" included. */
    private static final Pattern INTEGER = Pattern.compile("\\s*([+-]?)0*(\\d+)(?:\\.0*)?\\s*");

    private ScheduleParser() {
    }

    /** A 5-field crontab or alias; see {@link CrontabSchedule}. */
    public static ScheduleResult crontab(String value) {
        try {
            return ScheduleResult.valid(new CrontabSchedule(value));
        } catch (IllegalArgumentException e) {
            return ScheduleResult.invalid(e.getMessage() == null ? SCHEDULE_INVALID : e.getMessage());
        } catch (RuntimeException e) { // hostile input must never become a 5xx
            return ScheduleResult.invalid(SCHEDULE_INVALID);
        }
    }

    /** An interval: {@code value} a Number or numeric String, {@code unit} a wire name ("minute" … "year"). */
    public static ScheduleResult interval(Object value, String unit) {
        Optional<Long> n = wholeNumber(value);
        if (n.isEmpty()) {
            return ScheduleResult.invalid(INTERVAL_NOT_INTEGER);
        }
        if (n.get() < 1) {
            return ScheduleResult.invalid(INTERVAL_NOT_POSITIVE);
        }
        if (n.get() > IntervalSchedule.MAX_VALUE) {
            return ScheduleResult.invalid(INTERVAL_TOO_LARGE);
        }
        return IntervalUnit.fromWire(unit)
                .map(u -> ScheduleResult.valid(new IntervalSchedule(n.get().intValue(), u)))
                .orElseGet(() -> ScheduleResult.invalid(INVALID_UNIT));
    }

    /** The value as a whole number, saturated at ±Long.MAX_VALUE; empty if it is not one. */
    private static Optional<Long> wholeNumber(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Optional.of(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return Optional.of(big.bitLength() < 63 ? big.longValue() : big.signum() * Long.MAX_VALUE);
        }
        if (value instanceof BigDecimal big) {
            if (big.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                return Optional.of(big.signum() * Long.MAX_VALUE);
            }
            // Cheap even for "1E-999999999": strips the small unscaled value, never expands it.
            return big.stripTrailingZeros().scale() <= 0 ? Optional.of(big.longValue()) : Optional.empty();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d) || d != Math.rint(d)) {
                return Optional.empty();
            }
            return Optional.of(Math.abs(d) > 9e18 ? (long) Math.signum(d) * Long.MAX_VALUE : (long) d);
        }
        if (value instanceof Number || value instanceof String) {
            Matcher m = INTEGER.matcher(value.toString());
            if (!m.matches()) {
                return Optional.empty();
            }
            long sign = m.group(1).equals("-") ? -1 : 1;
            String digits = m.group(2);
            return Optional.of(sign * (digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits)));
        }
        return Optional.empty();
    }
}
