package dev.cronmon.domain.hearing;

import dev.cronmon.domain.config.Variables;
import java.util.function.Function;

/**
 * When a deadline minute counts as an outage of the ingest path (docs/semantics.md rule U3): at least
 * {@code minExpected} environments from at least {@code minMonitors} monitors were expected to check in by it, and at
 * least {@code missedPercent} % of them were still waiting when it came. The minimums keep a small fleet out: when the
 * only cron host of a deployment of 20 monitors dies, all its jobs fall silent together, and that must page.
 * Deployment config, read from the sweeper's environment (template.yaml's OutageMinExpected, OutageMinMonitors,
 * OutageMissedPercent).
 */
public record OutageThresholds(int minExpected, int minMonitors, int missedPercent) {
  public static final String MIN_EXPECTED_VARIABLE = "OUTAGE_MIN_EXPECTED";
  public static final String MIN_MONITORS_VARIABLE = "OUTAGE_MIN_MONITORS";
  public static final String MISSED_PERCENT_VARIABLE = "OUTAGE_MISSED_PERCENT";
  public static final OutageThresholds DEFAULT = new OutageThresholds(50, 30, 30);
  private static final int MAX = 1_000_000;

  public OutageThresholds {
    if (minExpected < 1 || minMonitors < 1) throw new IllegalArgumentException("outage minimums must be at least 1");
    if (missedPercent < 1 || missedPercent > 100) throw new IllegalArgumentException("missedPercent must be in 1..100");
  }

  /** Whether a minute with these counts was an outage. */
  public boolean outage(int expected, int monitors, int waiting) {
    return expected >= minExpected && monitors >= minMonitors && (long) waiting * 100 >= (long) missedPercent * expected;
  }

  /** Whether a minute with this many expected environments can be an outage at all (else nothing is counted at it). */
  public boolean enough(int expected, int monitors) {
    return expected >= minExpected && monitors >= minMonitors;
  }

  public static OutageThresholds fromEnvironment(Function<String, String> env) {
    return new OutageThresholds(
        Variables.integer(env, MIN_EXPECTED_VARIABLE, DEFAULT.minExpected, 1, MAX),
        Variables.integer(env, MIN_MONITORS_VARIABLE, DEFAULT.minMonitors, 1, MAX),
        Variables.integer(env, MISSED_PERCENT_VARIABLE, DEFAULT.missedPercent, 1, 100));
  }
}
