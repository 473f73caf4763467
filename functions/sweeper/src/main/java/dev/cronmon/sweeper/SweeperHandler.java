package dev.cronmon.sweeper;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.cronmon.domain.hearing.OutageDetector;
import dev.cronmon.domain.hearing.OutageThresholds;
import dev.cronmon.domain.lifecycle.BrokenPolicy;
import dev.cronmon.domain.service.EventPublisher;
import dev.cronmon.domain.service.Sweeper;
import dev.cronmon.events.EventBridgePublisher;
import dev.cronmon.lambda.EmfMetrics;
import dev.cronmon.lambda.Priming;
import dev.cronmon.lambda.Services;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * The sweeper function: EventBridge invokes it every minute ({@code rate(1 minute)} in template.yaml); it runs one
 * {@link Sweeper} tick. A backlog larger than one invocation can handle is left due for the next one: it stops taking
 * new environments {@link #TIME_RESERVE_MS} before the function's timeout, and after {@link #MAX_ENVIRONMENTS}.
 */
public final class SweeperHandler implements RequestHandler<ScheduledEvent, Sweeper.Result> {
  /** Time kept back for the page in progress (its writes and PutEvents) when the function's timeout nears. */
  static final long TIME_RESERVE_MS = 10_000;
  static final int MAX_ENVIRONMENTS = 20_000;
  /**
   * SnapStart priming sweeps as if it were this time: before any deadline cronmon can have stored, so every shard's
   * due-index query runs and finds nothing, and nothing is written or published.
   */
  public static final Instant PRIMING_TIME = Instant.parse("2000-01-01T00:00:00Z");
  /** The priming sweep's publisher: it can have nothing to publish, and must not reach the bus if it had. */
  private static final EventPublisher PUBLISHES_NOTHING = events -> Set.of();

  private final Sweeper sweeper;
  private final Priming<Sweeper.Result> priming; // held here: org.crac keeps only weak references to resources

  public SweeperHandler() {
    this(Services.fromEnvironment());
    priming.register();
  }

  public SweeperHandler(Services services) {
    this.sweeper = new Sweeper(services.store(), EventBridgePublisher.from(services.env()), services.clock(),
        new OutageDetector(services.hearingLog(), OutageThresholds.fromEnvironment(services.env())),
        BrokenPolicy.fromEnvironment(services.env()), EmfMetrics.of("sweeper", services));
    // Without the outage detector: it would store a count for its minute, and priming writes nothing.
    Sweeper primingSweeper = new Sweeper(services.store(), PUBLISHES_NOTHING, Clock.fixed(PRIMING_TIME, ZoneOffset.UTC));
    this.priming = Priming.of("sweep at " + PRIMING_TIME, () -> primingSweeper.sweep(Sweeper.Budget.of(MAX_ENVIRONMENTS)));
  }

  /** The SnapStart priming; the Lambda constructor registers it, tests run it. */
  public Priming<Sweeper.Result> priming() {
    return priming;
  }

  @Override
  public Sweeper.Result handleRequest(ScheduledEvent event, Context context) {
    Sweeper.Result result = sweeper.sweep(new Sweeper.Budget(MAX_ENVIRONMENTS,
        () -> context == null || context.getRemainingTimeInMillis() > TIME_RESERVE_MS));
    // The tick's figures were written by the sweeper's metrics, one line that is both its log line and its metrics.
    return result;
  }
}
