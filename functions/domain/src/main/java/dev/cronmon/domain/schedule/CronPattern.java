package dev.cronmon.domain.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.field.expression.And;
import com.cronutils.model.field.expression.Between;
import com.cronutils.model.field.expression.FieldExpression;
import com.cronutils.model.field.expression.On;
import com.cronutils.model.field.value.SpecialChar;
import com.cronutils.parser.CronParser;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled 5-field crontab: which wall-clock minutes match, with the cron daemon's
 * (Vixie/cronie) rules. Parsing and range validation go through cron-utils; matching is our
 * own, over the cron-utils field model, because daemon semantics (day-of-month OR day-of-week,
 * the "starts with *" flags) are what users expect. Wall times only: time zones and DST are
 * {@link CrontabSchedule}'s business.
 */
final class CronPattern {

    static final String INVALID = "Schedule is invalid";
    static final String NOT_5_FIELDS = "Only 5 field crontab syntax is supported";
    static final String UNKNOWN_ALIAS = "Schedule was not parseable";

    private static final Map<String, String> ALIASES = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@hourly", "0 * * * *");

    private static final CronParser PARSER =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    // The element grammar of cron(8) (cronie; plus "n/step", from n to the field's end): numbers of any length, as the
    // daemon reads them. cron-utils alone lets "+1" or "1-5/2/3" through.
    private static final String ELEMENT = "(?:\\*|\\d+(?:-\\d+)?)(?:/\\d+)?";
    private static final Pattern STEPPED = Pattern.compile("(\\*|\\d+|\\d+-\\d+)/(\\d+)");
    private static final int[] FIELD_MIN = {0, 0, 1, 1, 0};
    private static final int[] FIELD_MAX = {59, 23, 31, 12, 7};
    private static final Pattern FIELD = Pattern.compile(ELEMENT + "(?:," + ELEMENT + ")*");
    private static final Pattern WORD = Pattern.compile("(-?)([A-Za-z]+)");
    private static final String MONTHS = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";
    private static final String DAYS = "SUNMONTUEWEDTHUFRISAT";

    /** Longer than any sensible crontab; keeps hostile input away from the parser. */
    private static final int MAX_LENGTH = 1000;

    // Compiling costs microseconds, but a schedule is asked for slots on every check-in.
    private static final int CACHE_LIMIT = 10_000;
    private static final Map<String, CronPattern> CACHE = new ConcurrentHashMap<>();

    /** Any 400-year span repeats the Gregorian calendar, weekdays included: no match there means never. */
    private static final int SEARCH_YEARS = 401;

    private final long minutes;
    private final long hours;
    private final long daysOfMonth;
    private final long months;
    private final long daysOfWeek;
    private final boolean dayFieldStar;
    private final boolean fixedTime;

    private CronPattern(long minutes, long hours, long daysOfMonth, long months, long daysOfWeek,
                        boolean dayFieldStar, boolean fixedTime) {
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.dayFieldStar = dayFieldStar;
        this.fixedTime = fixedTime;
    }

    /** Trims and collapses whitespace; null stays null. */
    static String normalise(String expression) {
        return expression == null ? null : expression.strip().replaceAll("\\s+", " ");
    }

    /** The compiled pattern of a normalised expression; IllegalArgumentException carries the user-facing message. */
    static CronPattern of(String expression) {
        if (expression == null) {
            throw new IllegalArgumentException(INVALID);
        }
        CronPattern cached = CACHE.get(expression);
        if (cached != null) {
            return cached;
        }
        CronPattern compiled = compile(expression);
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(expression, compiled);
        return compiled;
    }

    private static CronPattern compile(String expression) {
        if (expression.isBlank() || expression.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(INVALID);
        }
        String text = expression;
        if (text.startsWith("@")) {
            text = ALIASES.get(text);
            if (text == null) {
                throw new IllegalArgumentException(UNKNOWN_ALIAS);
            }
        }
        String[] fields = text.split(" ");
        if (fields.length == 6 || fields.length == 7) {
            throw new IllegalArgumentException(NOT_5_FIELDS);
        }
        if (fields.length != 5) {
            throw new IllegalArgumentException(INVALID);
        }
        fields[3] = replaceNames(fields[3], MONTHS, 1);
        fields[4] = replaceNames(fields[4], DAYS, 0);
        String[] given = fields.clone();
        for (int i = 0; i < fields.length; i++) {
            if (!FIELD.matcher(fields[i]).matches()) {
                throw new IllegalArgumentException(INVALID);
            }
            fields[i] = expandSteps(fields[i], FIELD_MIN[i], FIELD_MAX[i]);
        }
        Cron cron;
        try {
            cron = PARSER.parse(String.join(" ", fields));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(INVALID, e);
        }
        long dow = bits(cron, CronFieldName.DAY_OF_WEEK, 0, 7);
        if ((dow & (1L << 7)) != 0) {
            dow = (dow | 1L) & ~(1L << 7); // 7 is Sunday too
        }
        CronPattern pattern = new CronPattern(
                bits(cron, CronFieldName.MINUTE, 0, 59),
                bits(cron, CronFieldName.HOUR, 0, 23),
                bits(cron, CronFieldName.DAY_OF_MONTH, 1, 31),
                bits(cron, CronFieldName.MONTH, 1, 12),
                dow,
                // Vixie: day-of-month and day-of-week are ANDed if either starts with '*', else ORed.
                given[2].startsWith("*") || given[4].startsWith("*"),
                // Vixie/cronie DST rules treat a job as "fixed-time" unless minute or hour starts with '*'.
                !given[0].startsWith("*") && !given[1].startsWith("*"));
        // e.g. "0 0 30 2 *": valid syntax, but a monitor that can never be due is a mistake.
        if (pattern.nextMatch(LocalDateTime.of(2000, 1, 1, 0, 0)) == null) {
            throw new IllegalArgumentException(INVALID);
        }
        return pattern;
    }

    /**
     * Steps are expanded here into the values they select, as cron(8) (cronie) reads them: any step of 1 or more, one
     * that reaches past the end of its range selecting only the range's start ("*&#47;100" in the day-of-month field is
     * day 1, as cronie and cronsim read it). cron-utils refuses a step larger than its field ("0 *&#47;30 * * *") and
     * maps a day-of-week 7 to 0 before stepping ("0-7/7"), so it is handed plain values only. Out-of-range values are
     * left as written, for cron-utils to refuse.
     */
    private static String expandSteps(String field, int min, int max) {
        StringBuilder out = new StringBuilder();
        for (String element : field.split(",", -1)) {
            Matcher m = STEPPED.matcher(element);
            if (out.length() > 0) out.append(',');
            if (!m.matches()) {
                out.append(element);
                continue;
            }
            String base = m.group(1);
            int dash = base.indexOf('-');
            int from = base.equals("*") ? min : number(dash < 0 ? base : base.substring(0, dash));
            int to = base.equals("*") || dash < 0 ? max : number(base.substring(dash + 1));
            int step = number(m.group(2));
            if (from < min || to > max || from > to || step < 1) {
                out.append(element);
                continue;
            }
            for (long v = from; v <= to; v += step) {
                out.append(v == from ? "" : ",").append(v);
            }
        }
        return out.toString();
    }

    /** A field's digits as a number; Integer.MAX_VALUE for one too long to be anything but out of range. */
    private static int number(String digits) {
        String trimmed = digits.replaceFirst("^0+(?=\\d)", "");
        return trimmed.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(trimmed);
    }

    /** Month and weekday names (any case) to numbers; SUN closing a range is 7, so MON-SUN works. */
    private static String replaceNames(String field, String names, int first) {
        Matcher m = WORD.matcher(field);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String word = m.group(2).toUpperCase(Locale.ROOT);
            int index = word.length() == 3 ? names.indexOf(word) : -1;
            if (index < 0 || index % 3 != 0) {
                throw new IllegalArgumentException(INVALID);
            }
            int value = index / 3 + first;
            if (value == 0 && !m.group(1).isEmpty()) {
                value = 7;
            }
            m.appendReplacement(out, m.group(1) + value);
        }
        m.appendTail(out);
        return out.toString();
    }

    private static long bits(Cron cron, CronFieldName name, int min, int max) {
        return bits(cron.retrieve(name).getExpression(), min, max);
    }

    private static long bits(FieldExpression e, int min, int max) {
        if (e instanceof Always) {
            return range(min, max, 1);
        }
        if (e instanceof On on && on.getSpecialChar().getValue() == SpecialChar.NONE) {
            return range(on.getTime().getValue(), on.getTime().getValue(), 1);
        }
        if (e instanceof Between b && b.getFrom().getValue() instanceof Integer from
                && b.getTo().getValue() instanceof Integer to) {
            return range(from, to, 1);
        }
        if (e instanceof And and) {
            long all = 0;
            for (FieldExpression part : and.getExpressions()) {
                all |= bits(part, min, max);
            }
            return all;
        }
        throw new IllegalArgumentException(INVALID);
    }

    private static long range(int from, int to, int step) {
        if (from < 0 || to > 63 || from > to || step < 1) {
            throw new IllegalArgumentException(INVALID);
        }
        long bits = 0;
        for (int v = from; v <= to; v += step) {
            bits |= 1L << v;
        }
        return bits;
    }

    /** True unless the minute or hour field starts with '*': such jobs fire once across DST changes. */
    boolean fixedTime() {
        return fixedTime;
    }

    boolean matchesDay(LocalDate d) {
        if (!has(months, d.getMonthValue())) {
            return false;
        }
        boolean dom = has(daysOfMonth, d.getDayOfMonth());
        boolean dow = has(daysOfWeek, d.getDayOfWeek().getValue() % 7);
        return dayFieldStar ? dom && dow : dom || dow;
    }

    /** The first matching wall minute at or after {@code from} (seconds ignored), or null if none within 400 years. */
    LocalDateTime nextMatch(LocalDateTime from) {
        LocalDate day = from.toLocalDate();
        LocalDate limit = day.plusYears(SEARCH_YEARS);
        int hour = from.getHour();
        int minute = from.getMinute();
        while (!day.isAfter(limit)) {
            if (!has(months, day.getMonthValue())) { // skip whole months: sparse schedules stay cheap
                day = day.withDayOfMonth(1).plusMonths(1);
            } else {
                if (matchesDay(day)) {
                    for (int h = next(hours, hour); h >= 0; h = next(hours, h + 1)) {
                        int m = next(minutes, h == hour ? minute : 0);
                        if (m >= 0) {
                            return day.atTime(h, m);
                        }
                    }
                }
                day = day.plusDays(1);
            }
            hour = 0;
            minute = 0;
        }
        return null;
    }

    /** The last matching wall minute at or before {@code to} (seconds ignored), or null if none within 400 years. */
    LocalDateTime previousMatch(LocalDateTime to) {
        LocalDate day = to.toLocalDate();
        LocalDate limit = day.minusYears(SEARCH_YEARS);
        int hour = to.getHour();
        int minute = to.getMinute();
        while (!day.isBefore(limit)) {
            if (!has(months, day.getMonthValue())) {
                day = day.withDayOfMonth(1).minusDays(1);
            } else {
                if (matchesDay(day)) {
                    for (int h = previous(hours, hour); h >= 0; h = previous(hours, h - 1)) {
                        int m = previous(minutes, h == hour ? minute : 59);
                        if (m >= 0) {
                            return day.atTime(h, m);
                        }
                    }
                }
                day = day.minusDays(1);
            }
            hour = 23;
            minute = 59;
        }
        return null;
    }

    private static boolean has(long bits, int value) {
        return (bits & (1L << value)) != 0;
    }

    /** Lowest set bit at or above {@code from}, or -1. */
    private static int next(long bits, int from) {
        if (from > 63) {
            return -1;
        }
        long masked = bits & (-1L << from);
        return masked == 0 ? -1 : Long.numberOfTrailingZeros(masked);
    }

    /** Highest set bit at or below {@code from}, or -1. */
    private static int previous(long bits, int from) {
        if (from < 0) {
            return -1;
        }
        long masked = bits & (-1L >>> (63 - from));
        return masked == 0 ? -1 : 63 - Long.numberOfLeadingZeros(masked);
    }
}
