package dev.cronmon.sweeper;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.cronmon.api.Log;
import dev.cronmon.domain.sweep.Sweeper;
import dev.cronmon.events.EventBridgePublisher;
import dev.cronmon.lambda.Services;

/**
 * The sweeper function: EventBridge invokes it every minute ({@code rate(1 minute)} in template.yaml); it runs one
 * {@link Sweeper} tick. A backlog larger than one invocation can handle is left due for the next one: it stops taking
 * new environments {@link #TIME_RESERVE_MS} before the function's timeout, and after {@link #MAX_ENVIRONMENTS}.
 */
public final class SweeperHandler implements RequestHandler<ScheduledEvent, Sweeper.Result> {
  /** Time kept back for the page in progress (its writes and PutEvents) when the function's timeout nears. */
  static final long TIME_RESERVE_MS = 10_000;
  static final int MAX_ENVIRONMENTS = 20_000;

  private final Sweeper sweeper;

  public SweeperHandler() {
    this(Services.fromEnvironment());
  }

  public SweeperHandler(Services services) {
    this.sweeper = new Sweeper(services.store(), EventBridgePublisher.from(services.env()), services.clock());
  }

  @Override
  public Sweeper.Result handleRequest(ScheduledEvent event, Context context) {
    Sweeper.Result result = sweeper.sweep(new Sweeper.Budget(MAX_ENVIRONMENTS,
        () -> context == null || context.getRemainingTimeInMillis() > TIME_RESERVE_MS));
    Log.info("sweep finished", "environments", result.environments(), "missed", result.missed(), "timeouts",
        result.timeouts(), "eventsPublished", result.eventsPublished(), "complete", result.complete());
    return result;
  }
}
