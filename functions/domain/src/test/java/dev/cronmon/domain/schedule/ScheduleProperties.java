package dev.cronmon.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class ScheduleProperties {

    /** Zones with DST in both hemispheres, half-hour DST (Lord Howe), midnight gaps (Havana), negative DST (Dublin). */
    private static final List<String> ZONES = List.of("America/New_York", "Europe/Berlin", "Australia/Sydney",
            "Australia/Lord_Howe", "America/Santiago", "Europe/London", "Pacific/Chatham", "America/St_Johns",
            "Europe/Dublin", "America/Havana", "Africa/Casablanca", "Asia/Kolkata", "UTC");

    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

    // --- never throw ------------------------------------------------------------------------

    @Property(tries = 2000)
    void crontab_neverThrows_onArbitraryStrings(@ForAll String value) {
        checkCrontabResult(value);
    }

    @Property(tries = 3000)
    void crontab_neverThrows_onCronLikeStrings(@ForAll("cronLike") String value) {
        checkCrontabResult(value);
    }

    private static void checkCrontabResult(String value) {
        ScheduleResult result = ScheduleParser.crontab(value);
        assertThat(result.isValid()).isEqualTo(result.error() == null);
        if (result.isValid()) {
            for (String zone : List.of("America/New_York", "Australia/Lord_Howe", "UTC")) {
                Instant next = result.schedule().nextSlotAfter(T0, ZoneId.of(zone));
                assertThat(next).isAfter(T0);
                assertThat(result.schedule().lastSlotAtOrBefore(T0, ZoneId.of(zone))).isPresent();
            }
        }
    }

    @Provide
    Arbitrary<String> cronLike() {
        Arbitrary<String> token = Arbitraries.strings().withChars("0123456789*/-,@LW?#HMONJAsunfebx").ofMinLength(1).ofMaxLength(6);
        return token.list().ofMinSize(1).ofMaxSize(8).map(parts -> String.join(" ", parts));
    }

    @Property(tries = 2000)
    void interval_neverThrows(@ForAll("intervalValues") Object value, @ForAll("units") String unit) {
        ScheduleResult result = ScheduleParser.interval(value, unit);
        assertThat(result.isValid()).isEqualTo(result.error() == null);
        if (result.isValid()) {
            assertThat(result.schedule().nextSlotAfter(T0, ZoneId.of("America/New_York"))).isAfter(T0);
        }
    }

    @Provide
    Arbitrary<Object> intervalValues() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(25).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d), Arbitraries.bigDecimals().map(d -> (Object) d),
                Arbitraries.of(Double.NaN, Double.NEGATIVE_INFINITY, "1e400", "  7  ", "-0", "007"));
    }

    @Provide
    Arbitrary<String> units() {
        return Arbitraries.oneOf(Arbitraries.of("minute", "hour", "day", "week", "month", "year", "Day", ""),
                Arbitraries.strings().ofMaxLength(8));
    }

    // --- slot invariants for valid crons ----------------------------------------------------

    @Property(tries = 1000)
    void nextSlot_isAfter_onWholeMinute_andMonotone(@ForAll("crons") CronSpec cron, @ForAll("zones") ZoneId zone,
                                                    @ForAll("nearTransitions") Instant t1,
                                                    @ForAll("minutesAndSeconds") long deltaSeconds) {
        CrontabSchedule schedule = new CrontabSchedule(cron.expression());
        Instant t2 = t1.plusSeconds(deltaSeconds);
        Instant n1 = schedule.nextSlotAfter(t1, zone);
        Instant n2 = schedule.nextSlotAfter(t2, zone);
        assertThat(n1).isAfter(t1);
        assertThat(n1.getEpochSecond() % 60).isZero();
        assertThat(n1.getNano()).isZero();
        assertThat(n1).isBeforeOrEqualTo(n2);
        // lastSlotAtOrBefore agrees: n1 is a slot, and there is none in (t1, n1).
        assertThat(schedule.lastSlotAtOrBefore(n1, zone)).contains(n1);
        assertThat(schedule.lastSlotAtOrBefore(n1.minusNanos(1), zone).orElseThrow()).isBeforeOrEqualTo(t1);
    }

    /** Compares against a brute-force minute-by-minute walk over instants, written straight from the rules. */
    @Property(tries = 300)
    void nextSlot_andLastSlot_matchBruteForce(@ForAll("crons") CronSpec cron, @ForAll("zones") ZoneId zone,
                                              @ForAll("nearTransitions") Instant t) {
        CrontabSchedule schedule = new CrontabSchedule(cron.expression());
        int window = 3 * 24 * 60;
        Instant start = t.truncatedTo(ChronoUnit.MINUTES);
        Optional<Instant> bruteNext = Optional.empty();
        for (int i = 1; i <= window && bruteNext.isEmpty(); i++) {
            Instant x = start.plus(i, ChronoUnit.MINUTES);
            if (cron.isSlot(x, zone)) {
                bruteNext = Optional.of(x);
            }
        }
        Instant next = schedule.nextSlotAfter(t, zone);
        if (bruteNext.isPresent()) {
            assertThat(next).isEqualTo(bruteNext.get());
        } else {
            assertThat(next).isAfter(start.plus(window, ChronoUnit.MINUTES));
        }
        Optional<Instant> brutePrev = Optional.empty();
        for (int i = 0; i < window && brutePrev.isEmpty(); i++) {
            Instant x = start.minus(i, ChronoUnit.MINUTES);
            if (cron.isSlot(x, zone)) {
                brutePrev = Optional.of(x);
            }
        }
        Instant prev = schedule.lastSlotAtOrBefore(t, zone).orElseThrow();
        if (brutePrev.isPresent()) {
            assertThat(prev).isEqualTo(brutePrev.get());
        } else {
            assertThat(prev).isBefore(start.minus(window - 1, ChronoUnit.MINUTES));
        }
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZONES).map(ZoneId::of);
    }

    @Provide
    Arbitrary<Long> minutesAndSeconds() {
        return Arbitraries.longs().between(0, 3 * 24 * 3600);
    }

    /** Instants within two days of a DST transition (or of New Year where a zone has none), 1996–2060. */
    @Provide
    Arbitrary<Instant> nearTransitions() {
        return Combinators.combine(Arbitraries.of(ZONES), Arbitraries.integers().between(1996, 2060),
                        Arbitraries.integers().between(0, 1), Arbitraries.longs().between(-2 * 86400, 2 * 86400))
                .as((zone, year, which, offsetSeconds) -> {
                    ZoneRules rules = ZoneId.of(zone).getRules();
                    Instant base = LocalDate.of(year, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
                    ZoneOffsetTransition tr = rules.nextTransition(base);
                    if (tr != null && which == 1) {
                        tr = rules.nextTransition(tr.getInstant());
                    }
                    Instant anchor = tr == null || tr.getInstant().isAfter(base.plus(400, ChronoUnit.DAYS)) ? base : tr.getInstant();
                    return anchor.plusSeconds(offsetSeconds);
                });
    }

    /** Random valid 5-field crons, each field built with the set of values it stands for. */
    @Provide
    Arbitrary<CronSpec> crons() {
        Arbitrary<Field> minute = field(0, 59);
        // Hours near the usual 00:00–03:00 transitions are over-represented.
        Arbitrary<Field> hour = Arbitraries.frequencyOf(
                Tuple.of(3, field(0, 23)),
                Tuple.of(2, Arbitraries.integers().between(0, 3).map(h -> new Field("" + h, Set.of(h)))));
        Arbitrary<Field> dom = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(new Field("*", range(1, 31, 1)))),
                Tuple.of(1, field(1, 31)));
        Arbitrary<Field> month = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(new Field("*", range(1, 12, 1)))),
                Tuple.of(1, field(1, 12)));
        Arbitrary<Field> dow = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(new Field("*", range(0, 7, 1)))),
                Tuple.of(1, field(0, 7)));
        // Drops only crons that can never fire; a rejected cron that can fire stays, and fails the property.
        Arbitrary<CronSpec> fields = Combinators.combine(minute, hour, dom, month, dow).as(CronSpec::new)
                .filter(spec -> ScheduleParser.crontab(spec.expression()).isValid() || !spec.neverMatches());
        Arbitrary<CronSpec> aliases = Arbitraries.of(
                new CronSpec("@hourly", "0 * * * *"), new CronSpec("@daily", "0 0 * * *"),
                new CronSpec("@weekly", "0 0 * * 0"), new CronSpec("@monthly", "0 0 1 * *"));
        return Arbitraries.frequencyOf(Tuple.of(9, fields), Tuple.of(1, aliases));
    }

    /** Steps up to well past the field's span: cron(8) takes any step of 1 or more. */
    private static Arbitrary<Field> field(int min, int max) {
        Arbitrary<Integer> value = Arbitraries.integers().between(min, max);
        Arbitrary<Integer> step = Arbitraries.integers().between(1, 2 * (max - min) + 10);
        Arbitrary<Field> single = value.map(v -> new Field("" + v, Set.of(v)));
        Arbitrary<Field> between = Combinators.combine(value, value).as((a, b) ->
                new Field(Math.min(a, b) + "-" + Math.max(a, b), range(Math.min(a, b), Math.max(a, b), 1)));
        Arbitrary<Field> stepped = Combinators.combine(value, value, step).as((a, b, s) ->
                new Field(Math.min(a, b) + "-" + Math.max(a, b) + "/" + s, range(Math.min(a, b), Math.max(a, b), s)));
        Arbitrary<Field> fromStep = Combinators.combine(value, step).as((a, s) -> new Field(a + "/" + s, range(a, max, s)));
        Arbitrary<Field> starStep = step.map(s -> new Field("*/" + s, range(min, max, s)));
        Arbitrary<Field> element = Arbitraries.oneOf(single, between, stepped, fromStep, starStep);
        Arbitrary<Field> list = element.list().ofMinSize(2).ofMaxSize(3).map(parts -> {
            Set<Integer> values = new TreeSet<>();
            parts.forEach(p -> values.addAll(p.values()));
            return new Field(String.join(",", parts.stream().map(Field::text).toList()), values);
        });
        return Arbitraries.oneOf(element, list, Arbitraries.just(new Field("*", range(min, max, 1))));
    }

    private static Set<Integer> range(int from, int to, int step) {
        Set<Integer> values = new TreeSet<>();
        for (int v = from; v <= to; v += step) {
            values.add(v);
        }
        return values;
    }

    record Field(String text, Set<Integer> values) {
    }

    /** A cron with an independent oracle for the daemon's rules. */
    record CronSpec(String expression, Field minute, Field hour, Field dom, Field month, Field dow) {

        CronSpec(Field minute, Field hour, Field dom, Field month, Field dow) {
            this(String.join(" ", minute.text(), hour.text(), dom.text(), month.text(), dow.text()),
                    minute, hour, dom, month, dow);
        }

        CronSpec(String alias, String fields) {
            this(alias, parse(fields, 0, 0, 59), parse(fields, 1, 0, 23), parse(fields, 2, 1, 31),
                    parse(fields, 3, 1, 12), parse(fields, 4, 0, 7));
        }

        private static Field parse(String fields, int index, int min, int max) {
            String text = fields.split(" ")[index];
            return new Field(text, text.equals("*") ? range(min, max, 1) : Set.of(Integer.parseInt(text)));
        }

        /** True if no day in a whole 400-year Gregorian cycle matches. */
        boolean neverMatches() {
            LocalDate start = LocalDate.of(2000, 1, 1);
            for (int i = 0; i < 146_097; i++) {
                if (matchesDay(start.plusDays(i))) {
                    return false;
                }
            }
            return true;
        }

        boolean fixedTime() {
            return !minute.text().startsWith("*") && !hour.text().startsWith("*");
        }

        boolean matches(LocalDateTime w) {
            return minute.values().contains(w.getMinute()) && hour.values().contains(w.getHour())
                    && matchesDay(w.toLocalDate());
        }

        boolean matchesDay(LocalDate w) {
            if (!month.values().contains(w.getMonthValue())) {
                return false;
            }
            boolean domOk = dom.values().contains(w.getDayOfMonth());
            int d = w.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : w.getDayOfWeek().getValue();
            boolean dowOk = dow.values().contains(d) || (d == 0 && dow.values().contains(7));
            return dom.text().startsWith("*") || dow.text().startsWith("*") ? domOk && dowOk : domOk || dowOk;
        }

        /** Whether instant {@code x} (a whole minute) is a slot, straight from docs/semantics.md rules S1 and S3. */
        boolean isSlot(Instant x, ZoneId zone) {
            ZoneRules rules = zone.getRules();
            ZoneOffset offset = rules.getOffset(x);
            LocalDateTime wall = LocalDateTime.ofInstant(x, offset);
            if (matches(wall)) {
                List<ZoneOffset> valid = rules.getValidOffsets(wall);
                if (!fixedTime() || valid.size() < 2 || valid.get(0).equals(offset)) {
                    return true;
                }
            }
            if (fixedTime()) {
                ZoneOffsetTransition previous = rules.previousTransition(x.plusNanos(1));
                if (previous != null && previous.getInstant().equals(x) && previous.isGap()) {
                    for (LocalDateTime w = previous.getDateTimeBefore(); w.isBefore(previous.getDateTimeAfter());
                         w = w.plusMinutes(1)) {
                        if (matches(w)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }
}
