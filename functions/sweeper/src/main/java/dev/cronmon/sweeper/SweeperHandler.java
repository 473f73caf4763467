package dev.cronmon.sweeper;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.cronmon.domain.config.Variables;
import dev.cronmon.domain.hearing.OutageDetector;
import dev.cronmon.domain.hearing.OutageThresholds;
import dev.cronmon.domain.lifecycle.BrokenPolicy;
import dev.cronmon.domain.metrics.Metrics;
import dev.cronmon.domain.service.EventPublisher;
import dev.cronmon.domain.service.Sweeper;
import dev.cronmon.events.EventBridgePublisher;
import dev.cronmon.lambda.EmfMetrics;
import dev.cronmon.lambda.Priming;
import dev.cronmon.lambda.Services;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sweeper function: EventBridge invokes it every minute ({@code rate(1 minute)} in template.yaml); it runs one
 * {@link Sweeper} tick. A backlog larger than one invocation can handle is left due for the next one: it stops taking
 * new environments {@link #TIME_RESERVE_MS} before the function's timeout, and after {@link #MAX_ENVIRONMENTS}.
 *
 * <p>An invocation sweeps its shards with {@code SWEEP_WORKERS} threads. A deployment that needs more than one
 * invocation fans out: one schedule per shard group, whose event carries {@code "detail": {"shardGroup": g,
 * "shardGroups": n}}; an event without them sweeps every shard. Group 0 runs the outage detector; the other groups read
 * the deaf periods it recorded (docs/data-model.md, "Sweeping in parallel").
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

  /** Threads of one invocation's sweep ({@code SWEEP_WORKERS}); each waits on DynamoDB round trips, not the CPU. */
  static final String WORKERS_VARIABLE = "SWEEP_WORKERS";
  static final int DEFAULT_WORKERS = 8;
  static final int MAX_WORKERS = 64;

  static {
    // The JDK's HTTP client (url-connection) keeps 5 idle connections per host by default: the workers would open new
    // ones (a TLS handshake each) all the time. Read once, when the client first connects.
    if (System.getProperty("http.maxConnections") == null) System.setProperty("http.maxConnections", String.valueOf(MAX_WORKERS));
  }

  private final Services services;
  private final int workers;
  private final Map<Sweeper.Scope, Sweeper> sweepers = new ConcurrentHashMap<>();
  private final Priming<Sweeper.Result> priming; // held here: org.crac keeps only weak references to resources

  public SweeperHandler() {
    this(Services.fromEnvironment());
    priming.register();
  }

  public SweeperHandler(Services services) {
    this.services = services;
    this.workers = Variables.integer(services.env(), WORKERS_VARIABLE, DEFAULT_WORKERS, 1, MAX_WORKERS);
    EventBridgePublisher publisher = EventBridgePublisher.from(services.env());
    BrokenPolicy broken = BrokenPolicy.fromEnvironment(services.env());
    Metrics metrics = EmfMetrics.of("sweeper", services);
    // Built now, not on the first event: SnapStart snapshots it.
    sweepers.put(new Sweeper.Scope(0, 1, workers), new Sweeper(services.store(), publisher, services.clock(),
        new OutageDetector(services.hearingLog(), OutageThresholds.fromEnvironment(services.env())), broken,
        new Sweeper.Scope(0, 1, workers), metrics));
    this.publisher = publisher;
    this.broken = broken;
    this.metrics = metrics;
    // Without the outage detector: it would store a count for its minute, and priming writes nothing.
    Sweeper primingSweeper = new Sweeper(services.store(), PUBLISHES_NOTHING, Clock.fixed(PRIMING_TIME, ZoneOffset.UTC));
    this.priming = Priming.of("sweep at " + PRIMING_TIME, () -> primingSweeper.sweep(Sweeper.Budget.of(MAX_ENVIRONMENTS)));
  }

  /** The SnapStart priming; the Lambda constructor registers it, tests run it. */
  public Priming<Sweeper.Result> priming() {
    return priming;
  }

  private final EventBridgePublisher publisher;
  private final BrokenPolicy broken;
  private final Metrics metrics;

  /** The shard group an event names ({@code detail.shardGroup} of {@code detail.shardGroups}); every shard without. */
  Sweeper.Scope scope(ScheduledEvent event) {
    Map<String, Object> detail = event == null ? null : event.getDetail();
    if (detail == null || detail.get("shardGroups") == null) return new Sweeper.Scope(0, 1, workers);
    return new Sweeper.Scope(number(detail.get("shardGroup")), number(detail.get("shardGroups")), workers);
  }

  private static int number(Object value) {
    if (value instanceof Number n) return n.intValue();
    if (value == null) return 0;
    return Integer.parseInt(value.toString().trim());
  }

  private Sweeper sweeper(Sweeper.Scope scope) {
    // Group 0 decides outages (rule U3) as a single sweeper would; the others use the deaf periods recorded.
    return sweepers.computeIfAbsent(scope, s -> new Sweeper(services.store(), publisher, services.clock(),
        s.group() == 0 ? new OutageDetector(services.hearingLog(), OutageThresholds.fromEnvironment(services.env()))
            : now -> services.hearingLog().deafness().since(now.minus(OutageDetector.LOOKBACK)),
        broken, s, metrics));
  }

  @Override
  public Sweeper.Result handleRequest(ScheduledEvent event, Context context) {
    Sweeper.Scope scope = scope(event);
    Sweeper.Result result = sweeper(scope).sweep(new Sweeper.Budget(MAX_ENVIRONMENTS,
        () -> context == null || context.getRemainingTimeInMillis() > TIME_RESERVE_MS));
    // The tick's figures were written by the sweeper's metrics, one line that is both its log line and its metrics.
    return result;
  }
}
