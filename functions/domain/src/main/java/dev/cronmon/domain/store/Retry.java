package dev.cronmon.domain.store;

import java.util.Optional;

/**
 * The one compare-and-retry loop of cronmon. Every write to the store is conditional (a version or an absence); a
 * step reads, decides and tries its conditional write, and answers empty when a condition failed because someone else
 * wrote first. The step then runs again from a fresh read, at most {@link #MAX_ATTEMPTS} times in all.
 */
public final class Retry {
  /** Enough for a monitor environment under a burst of concurrent check-ins and an overlapping sweep. */
  public static final int MAX_ATTEMPTS = 8;

  /** One read-decide-write step; {@code attempt} counts from 0. */
  @FunctionalInterface
  public interface Step<T> {
    Optional<T> run(int attempt);
  }

  private Retry() {}

  /** The first result a step gives; {@link ConcurrentUpdateException} when every attempt lost its race. */
  public static <T> T untilWritten(String what, Step<T> step) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<T> result = step.run(attempt);
      if (result.isPresent()) return result.get();
    }
    throw new ConcurrentUpdateException(what + " kept changing; try again");
  }
}
