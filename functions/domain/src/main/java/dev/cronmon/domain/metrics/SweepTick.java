package dev.cronmon.domain.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one sweep tick did. {@code sweepLags}: for each slot marked `missed`, how long after its deadline (slot +
 * margin) it was marked (the product promises under a minute). {@code dueBacklog}: environments the tick left due that
 * it had read (could not finish, or did not reach when its budget ran out); when {@code complete} is false more may be
 * due that it never read, so it is a lower bound then.
 */
public record SweepTick(Instant at, int environments, int missed, int timeouts, int unknown, int eventsPublished,
                        List<Duration> sweepLags, int dueBacklog, boolean complete) {
  public SweepTick {
    sweepLags = List.copyOf(sweepLags);
  }

  /** The latest a missed slot of this tick was marked after its deadline; zero when it marked none. */
  public Duration maxSweepLag() {
    return sweepLags.stream().max(Duration::compareTo).orElse(Duration.ZERO);
  }
}
