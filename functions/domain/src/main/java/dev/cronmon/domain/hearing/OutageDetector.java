package dev.cronmon.domain.hearing;

import dev.cronmon.common.Log;
import dev.cronmon.domain.hearing.HearingLog.Decision;
import dev.cronmon.domain.hearing.HearingLog.DueCount;
import dev.cronmon.domain.hearing.HearingLog.Tick;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outage detector (docs/semantics.md rule U3): finds minutes when the ingest path failed (errors, throttling
 * upstream, a bad deploy: check-ins that never reach a function) from the due index the check-ins already maintain,
 * with no write or read per check-in.
 *
 * <p>Every check-in moves its environment's deadline forward, so the due-index entries at a deadline minute that are
 * still there when the minute comes are the environments that did not check in. At each tick the detector counts the
 * entries at the minutes {@link #HORIZONS} ahead and stores the counts (one item per tick, written after the tick); when a minute comes, the
 * most it ever counted there is what was expected, and what is still there is what is waiting. Counting several times
 * ahead matters: an hourly job with a 5-minute margin checks in 5 minutes before its deadline, so a count one minute
 * ahead would hold only the late ones, and one job host dying among thousands of healthy jobs would look like an
 * outage. When the waiting share reaches the thresholds, the minute (m − 1 min, m] is recorded as a deaf period, and the
 * slots and runs waiting then end `unknown` (rule U1).
 */
public final class OutageDetector implements Hearing {
  /** Minutes ahead at which each tick counts the due index: one per kind of schedule and margin worth telling apart. */
  public static final List<Duration> HORIZONS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
      Duration.ofMinutes(15), Duration.ofMinutes(60), Duration.ofMinutes(240));
  /**
   * Deaf periods are read back this far: the longest a slot can wait for its deadline (a margin) or a run for its
   * timeout (max_runtime), 28 days each (MonitorConfig.MAX_MINUTES), and a day.
   */
  public static final Duration LOOKBACK = Duration.ofDays(29);
  static final String CAUSE = "outage";

  private final HearingLog log;
  private final OutageThresholds thresholds;
  /** The decision of the tick in progress, stored with its counts by {@link #afterTick}; one sweeper per instance. */
  private Tick pending;

  public OutageDetector(HearingLog log, OutageThresholds thresholds) {
    this.log = log;
    this.thresholds = thresholds;
  }

  @Override
  public Deafness atTick(Instant now) {
    Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
    pending = null;
    if (log.tick(minute).isEmpty()) {
      Decision decision = decide(minute);
      pending = new Tick(minute, Map.of(), decision);
      if (decision.outage()) {
        log.recordDeaf(new Deafness.Period(minute.minus(Duration.ofMinutes(1)), minute), CAUSE);
        Log.warn("outage: check-ins due this minute were not heard; its slots and runs are marked unknown",
            "minute", minute.toString(), "expected", decision.expected(), "monitors", decision.monitors(),
            "waiting", decision.waiting());
      } else if (decision.waiting() > 0) {
        Log.info("check-in volume", "minute", minute.toString(), "expected", decision.expected(), "monitors",
            decision.monitors(), "waiting", decision.waiting());
      }
    }
    return log.deafness().since(now.minus(LOOKBACK));
  }

  /**
   * Counts the minutes ahead once this tick moved the deadlines it decided (counted before, the environments the tick
   * marks would be missing from the next minute's count, and an outage would be seen for one minute only), and stores
   * them with the decision: one item per tick.
   */
  @Override
  public void afterTick(Instant now) {
    Tick decided = pending;
    pending = null;
    if (decided == null || !decided.minute().equals(now.truncatedTo(ChronoUnit.MINUTES))) return;
    Map<Instant, DueCount> ahead = new LinkedHashMap<>();
    for (Duration h : HORIZONS) ahead.put(decided.minute().plus(h), log.countDue(decided.minute().plus(h)));
    log.saveTick(new Tick(decided.minute(), ahead, decided.decision()));
  }

  private Decision decide(Instant minute) {
    int expected = 0;
    int monitors = 0;
    for (Duration h : HORIZONS) {
      Optional<Tick> earlier = log.tick(minute.minus(h));
      DueCount c = earlier.map(t -> t.ahead().get(minute)).orElse(null);
      if (c == null) continue;
      expected = Math.max(expected, c.environments());
      monitors = Math.max(monitors, c.monitors());
    }
    if (!thresholds.enough(expected, monitors)) return new Decision(expected, monitors, -1, false);
    int waiting = Math.min(expected, log.countDue(minute).environments());
    return new Decision(expected, monitors, waiting, thresholds.outage(expected, monitors, waiting));
  }
}
