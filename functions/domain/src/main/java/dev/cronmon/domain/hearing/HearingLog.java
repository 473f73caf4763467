package dev.cronmon.domain.hearing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The storage port of the outage detector and of deaf periods (docs/semantics.md rules U1, U3; docs/data-model.md,
 * "Hearing"): what the sweeper counted in the due index at each tick, and the periods when cronmon could not hear
 * check-ins. Nothing here is written or read per check-in.
 */
public interface HearingLog {

  /** Environments of the due index whose deadline is exactly {@code minute} (a whole minute), and their monitors. */
  DueCount countDue(Instant minute);

  /** The record of the tick of {@code minute}, if that tick stored one. */
  Optional<Tick> tick(Instant minute);

  /** Stores the record of a tick unless its minute has one already (a second sweep in that minute); false then. */
  boolean saveTick(Tick tick);

  /** Records a period when cronmon could not hear check-ins, and why ("outage", "local stack down"). */
  void recordDeaf(Deafness.Period period, String cause);

  /** The periods that ended after {@code since}, read strongly consistent. */
  List<Deafness.Period> deafPeriods(Instant since);

  /** {@link #deafPeriods} as the state core asks for them. */
  default Deafness.Source deafness() {
    return since -> Deafness.of(deafPeriods(since));
  }

  /** Due-index entries at one deadline minute: environments, and the distinct monitors they belong to. */
  record DueCount(int environments, int monitors) {
    public static final DueCount NONE = new DueCount(0, 0);
  }

  /**
   * What the sweeper's tick of {@code minute} counted: the environments due at later minutes ({@code ahead}), and its
   * decision about the deadlines of {@code minute} itself.
   */
  record Tick(Instant minute, Map<Instant, DueCount> ahead, Decision decision) {
    public Tick {
      ahead = Map.copyOf(ahead);
    }
  }

  /**
   * The decision about one deadline minute: {@code expected} environments (from {@code monitors} monitors) were counted
   * due at it before it came, {@code waiting} were still waiting when it came (-1: not counted, too few expected).
   */
  record Decision(int expected, int monitors, int waiting, boolean outage) {}
}
