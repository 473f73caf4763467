package dev.cronmon.domain.service;

import dev.cronmon.common.Log;
import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.checkin.OpenRun;
import dev.cronmon.domain.hearing.Hearing;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.lifecycle.BrokenPolicy;
import dev.cronmon.domain.hearing.Deafness;
import dev.cronmon.domain.maintenance.Maintenance;
import dev.cronmon.domain.maintenance.MaintenanceWindow;
import dev.cronmon.domain.lifecycle.EnvironmentEvent;
import dev.cronmon.domain.lifecycle.Lifecycle;
import dev.cronmon.domain.lifecycle.MissedSlots;
import dev.cronmon.domain.lifecycle.SweepRules;
import dev.cronmon.domain.lifecycle.Transition;
import dev.cronmon.domain.metrics.Metrics;
import dev.cronmon.domain.metrics.SweepTick;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.store.ConcurrentUpdateException;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.alert.AlertRule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One tick of the clock (docs/semantics.md rules W1–W8): every environment whose deadline has passed gets one `missed`
 * check-in per missed slot, every open run past its {@code timeoutAt} becomes `timeout`, open incidents whose reminder
 * is due get it (rules R2–R5), and incident events left in outboxes are published. It reads only the due index ({@link CronStore#due}), never the whole table.
 *
 * <p>What changes is decided by the state core ({@link Lifecycle}) and stored by its one writer
 * ({@link EnvironmentWriter}): the commit point of every decision is the environment's conditional write on its
 * version, with the check-ins and incident history it creates in the same transaction (docs/data-model.md,
 * "Sweeping"). A check-in racing the sweeper therefore ends with exactly one outcome, and two sweepers racing make each
 * change once. Incident events are written to the environment's outbox with the decision and removed only after the
 * bus accepted them.
 */
public final class Sweeper {
  /** Environments swept between two looks at the budget (one BatchGetItem of their monitors, one PutEvents). */
  static final int PAGE = 25;
  /** Environments read from the due index at a time (the DynamoDB store reads its 16 partitions for 25 each). */
  static final int READ = 400;
  /** Writes one environment gets per sweep (each up to {@link MissedSlots#MAX_PER_WRITE} slots); a longer backlog waits (W8). */
  static final int MAX_WRITES_PER_ENVIRONMENT = 10;
  /**
   * Newest check-ins of an environment since its last recorded one, read before marking its slots missed, to find one
   * the environment never recorded (rule W5: a request that died, or is still writing, between the check-in and the
   * environment).
   */
  static final int RECENT_CHECK_INS = 3;

  private final CronStore store;
  private final EnvironmentWriter writer;
  private final EventPublisher publisher;
  private final Clock clock;
  private final Hearing hearing;
  private final BrokenPolicy broken;
  private final Scope scope;
  private final Metrics metrics;

  public Sweeper(CronStore store, EventPublisher publisher, Clock clock) {
    this(store, publisher, clock, Hearing.ALWAYS, BrokenPolicy.DEFAULT);
  }

  /**
   * {@code hearing} says at each tick when cronmon could not hear check-ins (rules U1, U3); {@code broken} holds the
   * deployment's periods of the broken-monitor rule (B1–B3).
   */
  public Sweeper(CronStore store, EventPublisher publisher, Clock clock, Hearing hearing, BrokenPolicy broken) {
    this(store, publisher, clock, hearing, broken, Scope.WHOLE, Metrics.NONE);
  }

  /** As above, sweeping the part of the due index {@code scope} names, with its number of workers. */
  public Sweeper(CronStore store, EventPublisher publisher, Clock clock, Hearing hearing, BrokenPolicy broken, Scope scope) {
    this(store, publisher, clock, hearing, broken, scope, Metrics.NONE);
  }

  /** The whole index on the caller's thread, {@code metrics} hearing each tick. */
  public Sweeper(CronStore store, EventPublisher publisher, Clock clock, Hearing hearing, BrokenPolicy broken, Metrics metrics) {
    this(store, publisher, clock, hearing, broken, Scope.WHOLE, metrics);
  }

  /** As above; {@code metrics} hears what each tick did, once per tick, for all its lanes together ({@link SweepTick}). */
  public Sweeper(CronStore store, EventPublisher publisher, Clock clock, Hearing hearing, BrokenPolicy broken, Scope scope,
                 Metrics metrics) {
    this.store = store;
    this.writer = new EnvironmentWriter(store);
    this.publisher = publisher;
    this.clock = clock;
    this.hearing = hearing;
    this.broken = broken;
    this.scope = scope;
    this.metrics = metrics;
  }

  /**
   * Which partitions of the due index one sweep works through, and with how many workers. The partitions are split
   * into {@code groups}, partition p belonging to group {@code p mod groups}; this sweep takes group {@code group} (a
   * fan-out runs one sweeper per group) and deals its partitions to {@code workers} threads, each sweeping its own
   * partitions as a serial sweep would. Nothing more is needed for each slot's outcome to be decided once: the
   * environment's conditional write decides between any two writers, and the parts never share an environment.
   */
  public record Scope(int group, int groups, int workers) {
    public static final Scope WHOLE = new Scope(0, 1, 1);

    public Scope {
      if (groups < 1 || group < 0 || group >= groups) throw new IllegalArgumentException("shard group " + group + " of " + groups);
      if (workers < 1) throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }

    /** The whole index with {@code workers} threads. */
    public static Scope parallel(int workers) {
      return new Scope(0, 1, workers);
    }

    /** This group's partitions of an index of {@code partitions}, dealt to at most {@code workers} lanes. */
    List<Set<Integer>> lanes(int partitions) {
      List<Integer> mine = new ArrayList<>();
      for (int p = group; p < partitions; p += groups) mine.add(p);
      int n = Math.min(workers, mine.size());
      List<Set<Integer>> lanes = new ArrayList<>();
      for (int i = 0; i < n; i++) lanes.add(new HashSet<>());
      for (int i = 0; i < mine.size(); i++) lanes.get(i % n).add(mine.get(i));
      return lanes;
    }
  }

  /** How much one sweep may do: at most {@code maxEnvironments}, and only while {@code timeLeft} says so. */
  public record Budget(int maxEnvironments, BooleanSupplier timeLeft) {
    public static Budget of(int maxEnvironments) {
      return new Budget(maxEnvironments, () -> true);
    }
  }

  /**
   * What one sweep did; {@code unknown}: slots and runs marked `unknown` (rule U1); {@code complete} is false when the
   * budget ran out with environments still due.
   */
  public record Result(int environments, int missed, int timeouts, int unknown, int eventsPublished, boolean complete) {}

  /** What one lane of a sweep did; {@code taken} counts the environments of every lane against the budget. */
  private static final class Tally {
    final AtomicInteger taken;
    final Deafness deaf;
    int environments;
    int missed;
    int timeouts;
    int unknown;
    int published;
    /**
     * Rule M4: each organization's maintenance windows, read once in a tick (shared by its lanes), when one of its slots
     * is first decided.
     */
    final Map<String, List<MaintenanceWindow>> windows;
    /** Rule R3: each project's alert rule, read once in a tick (shared by its lanes), when an incident of it opens. */
    final Map<String, Optional<AlertRule>> projectRules;

    Tally(AtomicInteger taken, Deafness deaf, Map<String, List<MaintenanceWindow>> windows,
          Map<String, Optional<AlertRule>> projectRules) {
      this.taken = taken;
      this.deaf = deaf;
      this.windows = windows;
      this.projectRules = projectRules;
    }
    /** How long after slot + margin each missed slot of this lane was marked (sweep lag). */
    final List<Duration> lags = new ArrayList<>();
    /** Environments this lane left due when its budget ran out. */
    int backlog;

    Result result(boolean complete) {
      return new Result(environments, missed, timeouts, unknown, published, complete);
    }
  }

  public Result sweep(Budget budget) {
    Instant now = clock.instant();
    Deafness deaf = deafness(now);
    List<Tally> tallies = Collections.synchronizedList(new ArrayList<>());
    Result result = sweepLanes(budget, now, deaf, tallies);
    List<Duration> lags = new ArrayList<>();
    int backlog = 0;
    synchronized (tallies) {
      for (Tally t : tallies) {
        lags.addAll(t.lags);
        backlog += t.backlog;
      }
    }
    metrics.tick(new SweepTick(now, result.environments(), result.missed(), result.timeouts(), result.unknown(),
        result.eventsPublished(), lags, backlog, result.complete()));
    try {
      hearing.afterTick(now);
    } catch (RuntimeException e) {
      Log.error("the outage detector could not count the minutes ahead", e);
    }
    return result;
  }

  private static Tally lane(AtomicInteger taken, Deafness deaf, Map<String, List<MaintenanceWindow>> windows,
                            Map<String, Optional<AlertRule>> projectRules, List<Tally> tallies) {
    Tally tally = new Tally(taken, deaf, windows, projectRules);
    tallies.add(tally);
    return tally;
  }

  /** The scope's lanes, on the caller's thread when there is one, else each on a thread of a pool of this sweep's. */
  private Result sweepLanes(Budget budget, Instant now, Deafness deaf, List<Tally> tallies) {
    List<Set<Integer>> lanes = scope.lanes(store.partitions());
    AtomicInteger taken = new AtomicInteger();
    Map<String, List<MaintenanceWindow>> windows = new ConcurrentHashMap<>();
    Map<String, Optional<AlertRule>> projectRules = new ConcurrentHashMap<>();
    if (lanes.size() == 1) return sweep(budget, now, lane(taken, deaf, windows, projectRules, tallies), lanes.get(0));
    ExecutorService pool = Executors.newFixedThreadPool(lanes.size(), r -> {
      Thread t = new Thread(r, "sweeper-lane");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Result>> results = new ArrayList<>();
      for (Set<Integer> lane : lanes) results.add(pool.submit(() -> sweep(budget, now, lane(taken, deaf, windows, projectRules, tallies), lane)));
      Result sum = new Result(0, 0, 0, 0, 0, true);
      RuntimeException failed = null;
      for (Future<Result> f : results) {
        try {
          Result r = f.get();
          sum = new Result(sum.environments() + r.environments(), sum.missed() + r.missed(), sum.timeouts() + r.timeouts(),
              sum.unknown() + r.unknown(), sum.eventsPublished() + r.eventsPublished(), sum.complete() && r.complete());
        } catch (ExecutionException e) {
          // The other lanes finish their work; the failure is the tick's, as in a serial sweep.
          if (failed == null) failed = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while sweeping", e);
        }
      }
      if (failed != null) throw failed;
      return sum;
    } finally {
      pool.shutdown();
    }
  }

  private Result sweep(Budget budget, Instant now, Tally tally, Set<Integer> partitions) {
    Set<String> seen = new HashSet<>();
    int stillDue = 0;
    while (true) {
      if (tally.taken.get() >= budget.maxEnvironments() || !budget.timeLeft().getAsBoolean()) {
        tally.backlog = stillDue;
        return tally.result(false);
      }
      // Environments this sweep already handled but could not finish come back from the index; read past them.
      int limit = READ + stillDue;
      List<MonitorEnvironment> due = store.due(now, limit, partitions);
      List<MonitorEnvironment> fresh = due.stream().filter(e -> !seen.contains(key(e))).toList();
      for (int from = 0; from < fresh.size(); ) {
        int room = Math.min(PAGE, budget.maxEnvironments() - tally.taken.get());
        if (room <= 0 || !budget.timeLeft().getAsBoolean()) {
          tally.backlog = stillDue + fresh.size() - from;
          return tally.result(false);
        }
        int to = Math.min(fresh.size(), from + room);
        // Claimed before the page is swept, so lanes together never take more than the budget.
        int claimed = tally.taken.addAndGet(to - from);
        if (claimed > budget.maxEnvironments()) {
          int over = Math.min(to - from, claimed - budget.maxEnvironments());
          tally.taken.addAndGet(-over);
          to -= over;
          if (to <= from) {
            tally.backlog = stillDue + fresh.size() - from;
            return tally.result(false);
          }
        }
        for (MonitorEnvironment after : sweepPage(fresh.subList(from, to), now, tally)) {
          seen.add(key(after));
          if (isDue(after, now)) stillDue++;
        }
        from = to;
      }
      if (fresh.isEmpty() || due.size() < limit) {
        tally.backlog = stillDue;
        return tally.result(true);
      }
    }
  }

  /**
   * Rule U3, decided before any deadline of this tick is: a failure of the detector must not stop the sweep, whose
   * decisions are then made as if cronmon had heard everything.
   */
  private Deafness deafness(Instant now) {
    try {
      return hearing.atTick(now);
    } catch (RuntimeException e) {
      Log.error("the outage detector failed; this tick decides as if every check-in was heard", e);
      return Deafness.NONE;
    }
  }

  private static String key(MonitorEnvironment env) {
    return env.monitorId() + "\u0000" + env.name();
  }

  private static boolean isDue(MonitorEnvironment env, Instant now) {
    Instant dueAt = env.dueAt();
    return dueAt != null && !dueAt.isAfter(now);
  }

  /** Sweeps each environment of a page, then publishes their outboxes in one go; returns their states after. */
  private List<MonitorEnvironment> sweepPage(List<MonitorEnvironment> page, Instant now, Tally tally) {
    if (page.isEmpty()) return List.of();
    // Environments due only for their outbox need no monitor: the events carry what consumers need.
    Set<String> needMonitor = new HashSet<>();
    for (MonitorEnvironment env : page) if (SweepRules.deadlinePassed(env, now)) needMonitor.add(env.monitorId());
    Map<String, Monitor> monitors = needMonitor.isEmpty() ? Map.of() : store.monitorsById(needMonitor);
    List<MonitorEnvironment> after = new ArrayList<>(page.size());
    for (MonitorEnvironment env : page) {
      tally.environments++;
      try {
        after.add(SweepRules.deadlinePassed(env, now) ? sweepEnvironment(env, monitors.get(env.monitorId()), now, tally) : env);
      } catch (RuntimeException e) {
        // One broken environment must not stop the others; it stays due and is tried again next tick.
        Log.error("sweeping an environment failed", e, "monitorId", env.monitorId(), "environment", env.name());
        after.add(env);
      }
    }
    return publishOutboxes(after, monitors, tally);
  }

  /** The decisions about one environment, each one write with its check-ins; returns the environment after them. */
  private MonitorEnvironment sweepEnvironment(MonitorEnvironment env, Monitor monitor, Instant now, Tally tally) {
    MonitorEnvironment current = env;
    // Rules R2 and R5: the rule is read when a reminder is due, so a change of its period applies from the next one.
    Duration remindEvery = SweepRules.swept(monitor) && SweepRules.reminderDue(env, now)
        ? remindEvery(monitor.id(), () -> Optional.of(monitor.projectId()), tally)
        : null;
    for (int writes = 0; writes < MAX_WRITES_PER_ENVIRONMENT; writes++) {
      EnvironmentWriter.Written w = writer.apply(current, null,
          (e, existingMissed) -> Lifecycle.apply(monitor, e, swept(monitor, e, now, tally, remindEvery), now, existingMissed));
      if (w.env() == null) return current; // deleted meanwhile
      if (!w.changed()) return w.env();
      report(monitor, w.env(), w.transition(), tally);
      current = w.env();
    }
    return current;
  }

  /** What the sweep of {@code env} needs read: the check-ins of runs past their timeout, and those it may not know of. */
  private EnvironmentEvent.Swept swept(Monitor monitor, MonitorEnvironment env, Instant now, Tally tally, Duration remindEvery) {
    Deafness deaf = tally.deaf;
    if (!SweepRules.swept(monitor)) return new EnvironmentEvent.Swept(Map.of(), List.of(), deaf, broken);
    Maintenance maintenance = Maintenance.lazily(
        () -> tally.windows.computeIfAbsent(monitor.organization(), store::maintenanceWindows), monitor);
    Map<UUID, Optional<CheckIn>> runs = new HashMap<>();
    for (OpenRun run : env.openRuns()) {
      // Strongly consistent: a request may have just closed it.
      if (!run.timeoutAt().isAfter(now)) runs.put(run.checkInId(), store.checkIn(run.checkInId()));
    }
    return new EnvironmentEvent.Swept(runs, MissedSlots.overdue(env, now) ? sinceLastRecorded(monitor, env) : List.of(),
        deaf, broken, maintenance, remindEvery);
  }

  /**
   * The newest check-ins of the environment created after the last one it recorded: usually none, so a missed slot
   * costs one index Query that returns nothing. The history index orders by millisecond, so the bound starts at the
   * next millisecond; a check-in created in the very millisecond of the recorded one is not looked for.
   */
  private List<CheckIn> sinceLastRecorded(Monitor monitor, MonitorEnvironment env) {
    if (env.lastCheckIn() == null) return List.of();
    Instant after = env.lastCheckIn().truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
    return store.checkIns(monitor.id(), env.name(), after, null, null, RECENT_CHECK_INS).items();
  }

  private void report(Monitor monitor, MonitorEnvironment after, Transition t, Tally tally) {
    tally.missed += t.count(CheckInStatus.MISSED);
    Instant marked = clock.instant();
    for (CheckIn c : t.checkIns()) {
      if (c.status() == CheckInStatus.MISSED && c.expectedTime() != null && monitor != null) {
        tally.lags.add(Duration.between(c.expectedTime().plus(monitor.config().margin()), marked));
      }
    }
    tally.timeouts += t.count(CheckInStatus.TIMEOUT);
    tally.unknown += t.count(CheckInStatus.UNKNOWN);
    for (CheckIn c : t.checkIns()) {
      Log.info(switch (c.status()) {
            case MISSED -> "check-in missed";
            case UNKNOWN -> "check-in unknown: cronmon could not hear it";
            default -> "check-in timed out";
          },
          "monitorId", after.monitorId(), "environment", after.name(), "checkInId", c.id().toString(),
          "expectedTime", String.valueOf(c.expectedTime()));
    }
    for (CheckIn c : t.recorded()) {
      Log.warn("check-in recorded by the sweeper: its request died before recording it", "monitorId", after.monitorId(),
          "environment", after.name(), "checkInId", c.id().toString());
    }
    if (!SweepRules.swept(monitor)) {
      Log.info(monitor == null ? "environment of a deleted monitor left the due index" : "environment of a disabled monitor left the due index",
          "monitorId", after.monitorId(), "environment", after.name());
    }
    boolean announced = false;
    for (IncidentEvent e : t.newEvents()) {
      announced |= e.type() == IncidentEvent.Type.OPENED;
      Log.info("incident " + e.type().wire(),
          "monitorId", e.monitorId(), "environment", e.environment(), "incidentId", e.incidentId(), "reason", e.reason());
    }
    if (t.before().activeIncident() == null && after.activeIncident() != null && !announced) {
      Log.info("incident opened, muted: no event", "monitorId", after.monitorId(), "environment", after.name(),
          "incidentId", after.activeIncident().id());
    }
  }

  /**
   * Publishes the outboxes of {@code envs} (PutEvents takes batches; one call per page keeps requests few) and removes
   * the accepted events from each environment, conditionally, re-reading on a conflict. Events the bus refused stay, so
   * the environment stays due ({@code dueAt} = EPOCH) and the next sweep tries them again.
   */
  private List<MonitorEnvironment> publishOutboxes(List<MonitorEnvironment> envs, Map<String, Monitor> monitors, Tally tally) {
    List<IncidentEvent> events = new ArrayList<>();
    for (MonitorEnvironment env : envs) events.addAll(env.outbox());
    if (events.isEmpty()) return envs;
    Set<String> accepted;
    try {
      accepted = publisher.publish(events);
    } catch (RuntimeException e) {
      Log.error("publishing incident events failed; they stay in their outboxes", e, "events", events.size());
      return envs;
    }
    for (IncidentEvent e : events) {
      if (accepted.contains(e.id())) {
        Log.info("incident event published", "eventId", e.id(), "type", e.type().wire(),
            "monitorId", e.monitorId(), "environment", e.environment(), "incidentId", e.incidentId());
      }
    }
    Map<String, MonitorEnvironment> after = new LinkedHashMap<>();
    for (MonitorEnvironment env : envs) {
      after.put(key(env), env.outbox().isEmpty() ? env : removeFromOutbox(env, accepted, monitors.get(env.monitorId()), tally));
    }
    return new ArrayList<>(after.values());
  }

  /**
   * Rule R3: the reminder period of the monitor's alert rule when {@code published} holds the opening of the
   * environment's incident, which has no reminder scheduled yet; null otherwise (and then nothing is read).
   */
  private Duration remindEveryOnOpening(MonitorEnvironment env, Set<String> published, Monitor known, Tally tally) {
    if (env.activeIncident() == null || env.activeIncident().reminderAt() != null) return null;
    String incident = env.activeIncident().id();
    boolean opening = env.outbox().stream()
        .anyMatch(e -> e.type() == IncidentEvent.Type.OPENED && e.incidentId().equals(incident) && published.contains(e.id()));
    if (!opening) return null;
    try {
      // The monitor the page read, else one read; a project's rule once a tick for all its monitors' incidents.
      Supplier<Optional<String>> projectId = () -> known != null ? Optional.of(known.projectId())
          : Optional.ofNullable(store.monitorsById(Set.of(env.monitorId())).get(env.monitorId())).map(Monitor::projectId);
      return remindEvery(env.monitorId(), projectId, tally);
    } catch (RuntimeException e) {
      Log.error("reading the alert rule failed; this incident gets no reminders", e, "monitorId", env.monitorId(),
          "environment", env.name());
      return null;
    }
  }

  /** The reminder period of the monitor's alert rule (rules R3, R5); a project's rule is read once a tick. */
  private Duration remindEvery(String monitorId, Supplier<Optional<String>> projectId, Tally tally) {
    return AlertRules.of(store, monitorId, projectId,
            p -> tally.projectRules.computeIfAbsent(p, q -> store.alertRule(AlertRule.Owner.project(q))))
        .map(AlertRule::remindEvery).orElse(null);
  }

  private MonitorEnvironment removeFromOutbox(MonitorEnvironment env, Set<String> published, Monitor known, Tally tally) {
    EnvironmentWriter.Written w;
    Duration remindEvery = remindEveryOnOpening(env, published, known, tally);
    try {
      w = writer.apply(env, null, (e, existingMissed) ->
          Lifecycle.apply(null, e, new EnvironmentEvent.Published(published, remindEvery), clock.instant(), existingMissed));
    } catch (ConcurrentUpdateException e) {
      // The events stay in the outbox and go out again next tick; consumers drop the duplicates by id (rule W7).
      Log.warn("published events left in their outbox: the environment kept changing", "monitorId", env.monitorId(),
          "environment", env.name());
      return env;
    }
    if (w.env() == null) return env;
    if (w.changed()) tally.published += w.transition().before().outbox().size() - w.env().outbox().size();
    return w.env();
  }
}
