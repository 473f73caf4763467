package dev.cronmon.domain.hearing;

import java.time.Instant;
import java.util.List;

/**
 * When cronmon could not hear check-ins (docs/semantics.md rules U1 and U3): the local stack was down, or the ingest
 * path failed (an outage the sweeper detected from the due index). A slot or run whose wait overlaps such a time ends
 * `unknown` instead of `missed` or `timeout`. The callers read the periods before they apply an event; the state core
 * only asks.
 */
@FunctionalInterface
public interface Deafness {
  /** Cronmon heard everything: every slot and run is decided as it always was. */
  Deafness NONE = (from, to) -> false;

  /** Whether cronmon was deaf at some time in ({@code from}, {@code to}]. */
  boolean during(Instant from, Instant to);

  /** One period ({@code after}, {@code until}] when cronmon could not hear check-ins. */
  record Period(Instant after, Instant until) {
    public Period {
      if (!until.isAfter(after)) throw new IllegalArgumentException("empty deaf period (" + after + ", " + until + "]");
    }

    public boolean overlaps(Instant from, Instant to) {
      return after.isBefore(to) && from.isBefore(until);
    }
  }

  /** Deaf during any of {@code periods}. */
  static Deafness of(List<Period> periods) {
    if (periods.isEmpty()) return NONE;
    List<Period> copy = List.copyOf(periods);
    return (from, to) -> copy.stream().anyMatch(p -> p.overlaps(from, to));
  }

  /** Where the periods a caller needs come from (a store, or none); read only when a deadline is to be decided. */
  @FunctionalInterface
  interface Source {
    Source NONE = since -> Deafness.NONE;

    /** The deafness of every period that ended after {@code since}. */
    Deafness since(Instant since);
  }
}
