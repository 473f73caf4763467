package dev.cronmon.domain.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Retries within one invocation: a few quick attempts with growing pauses for transient failures, never past a
 * deadline (the rest is the platform's retry), never for permanent ones. A receiver's {@code Retry-After} is
 * honoured when it fits. The sleeper is injected so tests never sleep.
 */
public final class RetryPolicy {
  /** How the policy waits; tests pass one that records the pause (and moves their clock). */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration pause);

    Sleeper REAL = pause -> {
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting to retry", e);
      }
    };
  }

  /** Attempts 2 and 3 wait 0.5 s and 2 s: enough for a receiver's brief hiccup, short against the function's timeout. */
  public static final List<Duration> DEFAULT_PAUSES = List.of(Duration.ofMillis(500), Duration.ofSeconds(2));
  /** A Retry-After longer than this is left to the platform's retry instead of waited for here. */
  static final Duration MAX_PAUSE = Duration.ofSeconds(5);

  private final List<Duration> pauses;
  private final Sleeper sleeper;
  private final Clock clock;

  public RetryPolicy(List<Duration> pauses, Sleeper sleeper, Clock clock) {
    this.pauses = List.copyOf(pauses);
    this.sleeper = sleeper;
    this.clock = clock;
  }

  /** One attempt only (the API's test notification answers at once). */
  public static RetryPolicy once(Clock clock) {
    return new RetryPolicy(List.of(), Sleeper.REAL, clock);
  }

  public int maxAttempts() {
    return pauses.size() + 1;
  }

  /** Runs {@code attempt} until it is not transient, attempts run out, or the next pause would pass {@code deadline}. */
  public SendResult run(Supplier<SendResult> attempt, Instant deadline) {
    SendResult result = attempt.get();
    for (int i = 0; i < pauses.size() && result.kind() == SendResult.Kind.TRANSIENT; i++) {
      Duration pause = pauses.get(i);
      if (result.retryAfter() != null) {
        if (result.retryAfter().compareTo(MAX_PAUSE) > 0) return result;
        if (result.retryAfter().compareTo(pause) > 0) pause = result.retryAfter();
      }
      if (clock.instant().plus(pause).isAfter(deadline)) return result;
      sleeper.sleep(pause);
      result = attempt.get();
    }
    return result;
  }
}
