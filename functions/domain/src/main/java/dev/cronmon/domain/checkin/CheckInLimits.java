package dev.cronmon.domain.checkin;

import java.time.Instant;
import java.util.function.Function;

/**
 * The limits of one monitor environment: check-ins per clock minute (docs/semantics.md rule C6; configurable per deployment
 * through {@value #RATE_LIMIT_VARIABLE}) and runs open at once, which keeps the environment item far below
 * DynamoDB's 400 KB item limit (an open run takes about 100 bytes).
 */
public record CheckInLimits(int perMinute, int maxOpenRuns) {
  public static final String RATE_LIMIT_VARIABLE = "CHECKIN_RATE_LIMIT_PER_MINUTE";
  public static final int DEFAULT_PER_MINUTE = 60;
  public static final int DEFAULT_MAX_OPEN_RUNS = 100;
  public static final CheckInLimits DEFAULTS = new CheckInLimits(DEFAULT_PER_MINUTE, DEFAULT_MAX_OPEN_RUNS);

  public CheckInLimits {
    if (perMinute < 1) throw new IllegalArgumentException("perMinute must be at least 1");
    if (maxOpenRuns < 1) throw new IllegalArgumentException("maxOpenRuns must be at least 1");
  }

  /** Whether an environment that counted {@code rate} may take another check-in at {@code now} (rule C6). */
  public boolean allows(CheckInRate rate, Instant now) {
    return rate.countAt(now) < perMinute;
  }

  /** From the function's environment; unset or blank means the default, anything but a positive integer fails at start. */
  public static CheckInLimits fromEnvironment(Function<String, String> env) {
    String raw = env.apply(RATE_LIMIT_VARIABLE);
    if (raw == null || raw.isBlank()) return DEFAULTS;
    try {
      return new CheckInLimits(Integer.parseInt(raw.trim()), DEFAULT_MAX_OPEN_RUNS);
    } catch (IllegalArgumentException e) { // NumberFormatException included
      throw new IllegalStateException(RATE_LIMIT_VARIABLE + " must be a positive integer, got \"" + raw + "\"", e);
    }
  }
}
