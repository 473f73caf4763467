package dev.cronmon.domain.schedule;

import java.util.Locale;
import java.util.Optional;

/** The unit of an interval schedule; on the wire in lowercase ("minute" … "year"). */
public enum IntervalUnit {
    MINUTE, HOUR, DAY, WEEK, MONTH, YEAR;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The unit with this exact wire name, if any (Sentry accepts lowercase singular only). */
    public static Optional<IntervalUnit> fromWire(String wire) {
        for (IntervalUnit unit : values()) {
            if (unit.wire().equals(wire)) {
                return Optional.of(unit);
            }
        }
        return Optional.empty();
    }
}
