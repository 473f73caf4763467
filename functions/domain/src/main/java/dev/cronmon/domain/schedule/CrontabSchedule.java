package dev.cronmon.domain.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;

/**
 * A 5-field crontab (or one of the aliases {@code @yearly @annually @monthly @weekly @daily @hourly}),
 * fired the way the cron daemon (Vixie/cronie) fires it across DST changes:
 * <ul>
 *   <li>a fixed-time job (neither minute nor hour field starts with {@code *}) whose wall time is
 *       skipped fires once at the instant of the jump, and in a repeated hour fires once, at the
 *       first occurrence;</li>
 *   <li>any other job fires at every matching wall time that exists: skipped ones are skipped,
 *       repeated ones fire once per offset.</li>
 * </ul>
 * The constructor validates (IllegalArgumentException with the user-facing message); use
 * {@link ScheduleParser#crontab(String)} for a non-throwing result.
 *
 * @param expression the expression as given, whitespace normalised; aliases kept as written
 */
public record CrontabSchedule(String expression) implements Schedule {

    public CrontabSchedule {
        expression = CronPattern.normalise(expression);
        CronPattern.of(expression);
    }

    @Override
    public String type() {
        return "crontab";
    }

    /*
     * Both searches walk the zone's offset segments (stretches between transitions) in instant
     * order. Inside a segment wall time and instant move together, so the first matching wall
     * time that fires there is the answer; at a gap between segments, a fixed-time job may fire
     * at the jump. The current match w carries over a gap (walls only move on), so a sparse
     * schedule is not searched afresh at every transition; after an overlap walls repeat and it is.
     */

    @Override
    public Instant nextSlotAfter(Instant after, ZoneId zone) {
        CronPattern pattern = pattern();
        ZoneRules rules = zone.getRules();
        Instant cursor = after;
        LocalDateTime w = pattern.nextMatch(wall(after, rules.getOffset(after)).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1));
        while (true) {
            ZoneOffset offset = rules.getOffset(cursor);
            ZoneOffsetTransition end = rules.nextTransition(cursor);
            for (; end == null || w.isBefore(end.getDateTimeBefore()); w = pattern.nextMatch(w.plusMinutes(1))) {
                if (fires(pattern, rules, w, offset)) {
                    return w.toInstant(offset);
                }
            }
            // w is now the first match at or after the segment's last wall time.
            boolean matchInGap = end.isGap() && w.isBefore(end.getDateTimeAfter());
            if (matchInGap && pattern.fixedTime()) {
                return end.getInstant();
            }
            cursor = end.getInstant();
            if (matchInGap || end.isOverlap()) { // w was skipped, or walls repeat: search from the new segment's start
                w = pattern.nextMatch(end.getDateTimeAfter());
            }
        }
    }

    @Override
    public Optional<Instant> lastSlotAtOrBefore(Instant t, ZoneId zone) {
        CronPattern pattern = pattern();
        ZoneRules rules = zone.getRules();
        Instant cursor = t;
        LocalDateTime w = pattern.previousMatch(wall(t, rules.getOffset(t)));
        while (true) {
            ZoneOffset offset = rules.getOffset(cursor);
            // previousTransition is strictly before its argument; the nudge includes one starting at cursor.
            ZoneOffsetTransition start = rules.previousTransition(cursor.plusNanos(1));
            for (; w != null && (start == null || !w.isBefore(start.getDateTimeAfter()));
                 w = pattern.previousMatch(w.minusMinutes(1))) {
                if (fires(pattern, rules, w, offset)) {
                    return Optional.of(w.toInstant(offset));
                }
            }
            if (start == null || w == null) {
                return Optional.empty();
            }
            // w is now the last match before the segment's first wall time.
            boolean matchInGap = start.isGap() && !w.isBefore(start.getDateTimeBefore());
            if (matchInGap && pattern.fixedTime()) {
                return Optional.of(start.getInstant());
            }
            cursor = start.getInstant().minusNanos(1);
            if (matchInGap || start.isOverlap()) {
                w = pattern.previousMatch(start.getDateTimeBefore().minusNanos(1));
            }
        }
    }

    private CronPattern pattern() {
        return CronPattern.of(expression);
    }

    private static LocalDateTime wall(Instant instant, ZoneOffset offset) {
        return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), offset);
    }

    /** In a repeated hour a fixed-time job fires only at the first occurrence (the earlier offset). */
    private static boolean fires(CronPattern pattern, ZoneRules rules, LocalDateTime wall, ZoneOffset offset) {
        if (!pattern.fixedTime()) {
            return true;
        }
        List<ZoneOffset> offsets = rules.getValidOffsets(wall);
        return offsets.size() < 2 || offsets.get(0).equals(offset);
    }
}
