package dev.cronmon.domain.service;

import dev.cronmon.common.Log;
import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.checkin.OpenRun;
import dev.cronmon.domain.hearing.Hearing;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.lifecycle.BrokenPolicy;
import dev.cronmon.domain.hearing.Deafness;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * One tick of the clock (docs/semantics.md rules W1–W8): every environment whose deadline has passed gets one `missed`
 * check-in per missed slot, every open run past its {@code timeoutAt} becomes `timeout`, and incident events left in
 * outboxes are published. It reads only the due index ({@link CronStore#due}), never the whole table.
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
  private final Metrics metrics;

  public Sweeper(CronStore store, EventPublisher publisher, Clock clock) {
    this(store, publisher, clock, Hearing.ALWAYS, BrokenPolicy.DEFAULT);
  }

  /**
   * {@code hearing} says at each tick when cronmon could not hear check-ins (rules U1, U3); {@code broken} holds the
   * deployment's periods of the broken-monitor rule (B1–B3).
   */
  public Sweeper(CronStore store, EventPublisher publisher, Clock clock, Hearing hearing, BrokenPolicy broken) {
    this(store, publisher, clock, hearing, broken, Metrics.NONE);
  }

  /** {@code metrics} hears what each tick did, once per tick ({@link SweepTick}). */
  public Sweeper(CronStore store, EventPublisher publisher, Clock clock, Hearing hearing, BrokenPolicy broken, Metrics metrics) {
    this.store = store;
    this.writer = new EnvironmentWriter(store);
    this.publisher = publisher;
    this.clock = clock;
    this.hearing = hearing;
    this.broken = broken;
    this.metrics = metrics;
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

  private static final class Tally {
    int environments;
    int missed;
    int timeouts;
    int unknown;
    int published;
    final List<Duration> lags = new ArrayList<>();
    int backlog;
    Deafness deaf = Deafness.NONE;

    Result result(boolean complete) {
      return new Result(environments, missed, timeouts, unknown, published, complete);
    }
  }

  public Result sweep(Budget budget) {
    Instant now = clock.instant();
    Tally tally = new Tally();
    tally.deaf = deafness(now);
    Result result = sweep(budget, now, tally);
    metrics.tick(new SweepTick(now, result.environments(), result.missed(), result.timeouts(), result.unknown(),
        result.eventsPublished(), tally.lags, tally.backlog, result.complete()));
    try {
      hearing.afterTick(now);
    } catch (RuntimeException e) {
      Log.error("the outage detector could not count the minutes ahead", e);
    }
    return result;
  }

  private Result sweep(Budget budget, Instant now, Tally tally) {
    Set<String> seen = new HashSet<>();
    int stillDue = 0;
    while (true) {
      if (tally.environments >= budget.maxEnvironments() || !budget.timeLeft().getAsBoolean()) {
        tally.backlog = stillDue;
        return tally.result(false);
      }
      // Environments this sweep already handled but could not finish come back from the index; read past them.
      int limit = READ + stillDue;
      List<MonitorEnvironment> due = store.due(now, limit);
      List<MonitorEnvironment> fresh = due.stream().filter(e -> !seen.contains(key(e))).toList();
      for (int from = 0; from < fresh.size(); from += PAGE) {
        int room = budget.maxEnvironments() - tally.environments;
        if (room <= 0 || !budget.timeLeft().getAsBoolean()) {
          tally.backlog = stillDue + fresh.size() - from;
          return tally.result(false);
        }
        for (MonitorEnvironment after : sweepPage(fresh.subList(from, Math.min(fresh.size(), from + Math.min(PAGE, room))), now, tally)) {
          seen.add(key(after));
          if (isDue(after, now)) stillDue++;
        }
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
    return publishOutboxes(after, tally);
  }

  /** The decisions about one environment, each one write with its check-ins; returns the environment after them. */
  private MonitorEnvironment sweepEnvironment(MonitorEnvironment env, Monitor monitor, Instant now, Tally tally) {
    MonitorEnvironment current = env;
    for (int writes = 0; writes < MAX_WRITES_PER_ENVIRONMENT; writes++) {
      EnvironmentWriter.Written w = writer.apply(current, null,
          (e, existingMissed) -> Lifecycle.apply(monitor, e, swept(monitor, e, now, tally.deaf), now, existingMissed));
      if (w.env() == null) return current; // deleted meanwhile
      if (!w.changed()) return w.env();
      report(monitor, w.env(), w.transition(), tally);
      current = w.env();
    }
    return current;
  }

  /** What the sweep of {@code env} needs read: the check-ins of runs past their timeout, and those it may not know of. */
  private EnvironmentEvent.Swept swept(Monitor monitor, MonitorEnvironment env, Instant now, Deafness deaf) {
    if (!SweepRules.swept(monitor)) return new EnvironmentEvent.Swept(Map.of(), List.of(), deaf, broken);
    Map<UUID, Optional<CheckIn>> runs = new HashMap<>();
    for (OpenRun run : env.openRuns()) {
      // Strongly consistent: a request may have just closed it.
      if (!run.timeoutAt().isAfter(now)) runs.put(run.checkInId(), store.checkIn(run.checkInId()));
    }
    return new EnvironmentEvent.Swept(runs, MissedSlots.overdue(env, now) ? sinceLastRecorded(monitor, env) : List.of(),
        deaf, broken);
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
  private List<MonitorEnvironment> publishOutboxes(List<MonitorEnvironment> envs, Tally tally) {
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
      after.put(key(env), env.outbox().isEmpty() ? env : removeFromOutbox(env, accepted, tally));
    }
    return new ArrayList<>(after.values());
  }

  private MonitorEnvironment removeFromOutbox(MonitorEnvironment env, Set<String> published, Tally tally) {
    EnvironmentWriter.Written w;
    try {
      w = writer.apply(env, null,
          (e, existingMissed) -> Lifecycle.apply(null, e, new EnvironmentEvent.Published(published), clock.instant(), existingMissed));
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
