package dev.cronmon.domain.lifecycle;

import dev.cronmon.domain.config.Variables;
import java.time.Duration;
import java.util.function.Function;

/**
 * The deployment's periods of the broken-monitor rule (docs/semantics.md rules B1–B3), from the sweeper's environment
 * ({@value #NOTICE_VARIABLE}, {@value #MUTE_VARIABLE}; template.yaml's BrokenNoticeDays and BrokenMuteDays).
 *
 * @param noticeAfter how long an incident is open before its environment may be called broken
 * @param muteAfter   how long after the notice a still-broken environment is muted
 */
public record BrokenPolicy(Duration noticeAfter, Duration muteAfter) {
  public static final String NOTICE_VARIABLE = "BROKEN_NOTICE_DAYS";
  public static final String MUTE_VARIABLE = "BROKEN_MUTE_DAYS";
  /** Sentry's periods. */
  public static final BrokenPolicy DEFAULT = new BrokenPolicy(Duration.ofDays(14), Duration.ofDays(14));
  /** Broken means the last this many check-ins are all failures, as Sentry counts. */
  public static final int FAILURES = 4;
  /** An incident past its period whose last check-ins are not all failures is looked at again after this long. */
  public static final Duration RECHECK = Duration.ofDays(1);
  private static final int MAX_DAYS = 3650;

  public BrokenPolicy {
    if (noticeAfter.isNegative() || noticeAfter.isZero() || muteAfter.isNegative() || muteAfter.isZero()) {
      throw new IllegalArgumentException("broken-monitor periods must be positive");
    }
  }

  public static BrokenPolicy fromEnvironment(Function<String, String> env) {
    return new BrokenPolicy(
        Duration.ofDays(Variables.integer(env, NOTICE_VARIABLE, (int) DEFAULT.noticeAfter.toDays(), 1, MAX_DAYS)),
        Duration.ofDays(Variables.integer(env, MUTE_VARIABLE, (int) DEFAULT.muteAfter.toDays(), 1, MAX_DAYS)));
  }
}
