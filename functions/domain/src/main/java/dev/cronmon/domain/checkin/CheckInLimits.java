package dev.cronmon.domain.checkin;

import java.time.Instant;
import java.util.function.Function;

/**
 * The limits of one monitor environment: check-ins per clock minute (docs/semantics.md rule C6; configurable per deployment
 * through {@value #RATE_LIMIT_VARIABLE}) and runs open at once, which keeps the environment item far below
 * DynamoDB's 400 KB item limit (an open run takes about 100 bytes); and the bytes of job output kept per check-in (rule
 * C12; {@value #OUTPUT_LIMIT_VARIABLE}, at most {@link JobOutput#MAX_LIMIT}).
 */
public record CheckInLimits(int perMinute, int maxOpenRuns, int outputBytes) {
  public static final String RATE_LIMIT_VARIABLE = "CHECKIN_RATE_LIMIT_PER_MINUTE";
  public static final String OUTPUT_LIMIT_VARIABLE = "JOB_OUTPUT_LIMIT_BYTES";
  public static final int DEFAULT_PER_MINUTE = 60;
  public static final int DEFAULT_MAX_OPEN_RUNS = 100;
  public static final CheckInLimits DEFAULTS = new CheckInLimits(DEFAULT_PER_MINUTE, DEFAULT_MAX_OPEN_RUNS);

  public CheckInLimits {
    if (perMinute < 1) throw new IllegalArgumentException("perMinute must be at least 1");
    if (maxOpenRuns < 1) throw new IllegalArgumentException("maxOpenRuns must be at least 1");
    if (outputBytes < 100 || outputBytes > JobOutput.MAX_LIMIT) {
      throw new IllegalArgumentException("outputBytes must be between 100 and " + JobOutput.MAX_LIMIT);
    }
  }

  public CheckInLimits(int perMinute, int maxOpenRuns) {
    this(perMinute, maxOpenRuns, JobOutput.DEFAULT_LIMIT);
  }

  /** Whether an environment that counted {@code rate} may take another check-in at {@code now} (rule C6). */
  public boolean allows(CheckInRate rate, Instant now) {
    return rate.countAt(now) < perMinute;
  }

  /** What is kept of {@code received} (rule C12); null when nothing came. */
  public JobOutput output(byte[] received) {
    return JobOutput.of(received, outputBytes);
  }

  /** From the function's environment; unset or blank means the default, anything out of range fails at start. */
  public static CheckInLimits fromEnvironment(Function<String, String> env) {
    return new CheckInLimits(number(env, RATE_LIMIT_VARIABLE, DEFAULT_PER_MINUTE, 1, Integer.MAX_VALUE), DEFAULT_MAX_OPEN_RUNS,
        number(env, OUTPUT_LIMIT_VARIABLE, JobOutput.DEFAULT_LIMIT, 100, JobOutput.MAX_LIMIT));
  }

  private static int number(Function<String, String> env, String variable, int absent, int min, int max) {
    String raw = env.apply(variable);
    if (raw == null || raw.isBlank()) return absent;
    try {
      int value = Integer.parseInt(raw.trim());
      if (value < min || value > max) throw new NumberFormatException("out of range");
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalStateException(variable + " must be an integer from " + min + " to " + max + ", got \"" + raw + "\"", e);
    }
  }
}
