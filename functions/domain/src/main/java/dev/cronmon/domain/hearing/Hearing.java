package dev.cronmon.domain.hearing;

import java.time.Instant;

/**
 * What the sweeper asks at the start of each tick, and tells at its end: when cronmon could not hear check-ins
 * (docs/semantics.md rule U3).
 */
@FunctionalInterface
public interface Hearing {
  /** Cronmon always heard: no slot or run is ever unknown. */
  Hearing ALWAYS = now -> Deafness.NONE;

  /** The deafness the tick at {@code now} decides its deadlines with, before it decides any. */
  Deafness atTick(Instant now);

  /** After the tick at {@code now} moved the deadlines it decided: what the detector counts for the minutes ahead. */
  default void afterTick(Instant now) {}
}
