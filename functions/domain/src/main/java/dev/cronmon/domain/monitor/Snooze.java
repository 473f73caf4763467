package dev.cronmon.domain.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A snooze: muted until a time (docs/semantics.md rules N1, N2). Its end must lie ahead, and within a year: a snooze
 * that ends in the past would mute nothing, and one years ahead is a mute (say {@code isMuted}).
 */
public final class Snooze {
  public static final Duration MAX = Duration.ofDays(366);

  private Snooze() {}

  /** Why {@code until} cannot end a snooze that starts at {@code now}; empty when it can. */
  public static Optional<String> problem(Instant until, Instant now) {
    if (!until.isAfter(now)) return Optional.of("Expected a time in the future.");
    if (until.isAfter(now.plus(MAX))) return Optional.of("Expected a time at most " + MAX.toDays() + " days ahead; to mute for good, set isMuted.");
    return Optional.empty();
  }
}
