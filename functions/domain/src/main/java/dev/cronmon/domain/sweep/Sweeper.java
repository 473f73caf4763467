package dev.cronmon.domain.sweep;

import dev.cronmon.api.Log;
import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInService;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.checkin.OpenRun;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.incident.IncidentTracker;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.store.CronStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
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
 * One tick of the clock (DESIGN.md rule 6): every environment whose deadline has passed gets one `missed` check-in per
 * missed slot, every open run past its {@code timeoutAt} becomes `timeout`, and incident events left in outboxes are
 * published. It reads only the due index ({@link CronStore#due}), never the whole table.
 *
 * <p>The commit point of every decision is the environment's conditional write on its version; the check-ins the
 * decision creates or closes are written in the same transaction (docs/data-model.md, "Sweeping"). A check-in racing
 * the sweeper therefore ends with exactly one outcome, and two sweepers racing make each change once. Incident events
 * are written to the environment's outbox with the decision and removed only after the bus accepted them.
 */
public final class Sweeper {
  /** Environments swept between two looks at the budget (one BatchGetItem of their monitors, one PutEvents). */
  static final int PAGE = 25;
  /** Environments read from the due index at a time (the DynamoDB store reads its 16 partitions for 25 each). */
  static final int READ = 400;
  /** Writes one environment gets per sweep (each up to {@link MissedSlots#MAX_PER_WRITE} slots); a longer backlog waits. */
  static final int MAX_WRITES_PER_ENVIRONMENT = 10;
  /**
   * A run closed by a request that died before updating its environment (its check-in is ok/error, the environment
   * still lists it open) is settled by the sweeper once the close is this old: far beyond any request's life (the
   * ingest function's timeout is 15 s), so the request can no longer record it itself.
   */
  static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);
  /**
   * Newest check-ins of an environment since its last recorded one, read before marking its slots missed, to find one
   * the environment never recorded (a request that died, or is still writing, between the check-in and the environment).
   */
  static final int RECENT_CHECK_INS = 3;
  private static final int MAX_ATTEMPTS = 8;

  private final CronStore store;
  private final EventPublisher publisher;
  private final Clock clock;

  public Sweeper(CronStore store, EventPublisher publisher, Clock clock) {
    this.store = store;
    this.publisher = publisher;
    this.clock = clock;
  }

  /** How much one sweep may do: at most {@code maxEnvironments}, and only while {@code timeLeft} says so. */
  public record Budget(int maxEnvironments, BooleanSupplier timeLeft) {
    public static Budget of(int maxEnvironments) {
      return new Budget(maxEnvironments, () -> true);
    }
  }

  /** What one sweep did; {@code complete} is false when the budget ran out with environments still due. */
  public record Result(int environments, int missed, int timeouts, int eventsPublished, boolean complete) {}

  private static final class Tally {
    int environments;
    int missed;
    int timeouts;
    int published;
  }

  public Result sweep(Budget budget) {
    Instant now = clock.instant();
    Tally tally = new Tally();
    Set<String> seen = new HashSet<>();
    int stillDue = 0;
    while (true) {
      if (tally.environments >= budget.maxEnvironments() || !budget.timeLeft().getAsBoolean()) return incomplete(tally);
      // Environments this sweep already handled but could not finish come back from the index; read past them.
      int limit = READ + stillDue;
      List<MonitorEnvironment> due = store.due(now, limit);
      List<MonitorEnvironment> fresh = due.stream().filter(e -> !seen.contains(key(e))).toList();
      for (int from = 0; from < fresh.size(); from += PAGE) {
        int room = budget.maxEnvironments() - tally.environments;
        if (room <= 0 || !budget.timeLeft().getAsBoolean()) return incomplete(tally);
        for (MonitorEnvironment after : sweepPage(fresh.subList(from, Math.min(fresh.size(), from + Math.min(PAGE, room))), now, tally)) {
          seen.add(key(after));
          if (isDue(after, now)) stillDue++;
        }
      }
      if (fresh.isEmpty() || due.size() < limit) {
        return new Result(tally.environments, tally.missed, tally.timeouts, tally.published, true);
      }
    }
  }

  private static Result incomplete(Tally tally) {
    return new Result(tally.environments, tally.missed, tally.timeouts, tally.published, false);
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
    for (MonitorEnvironment env : page) if (hasDeadlinePassed(env, now)) needMonitor.add(env.monitorId());
    Map<String, Monitor> monitors = needMonitor.isEmpty() ? Map.of() : store.monitorsById(needMonitor);
    List<MonitorEnvironment> after = new ArrayList<>(page.size());
    for (MonitorEnvironment env : page) {
      tally.environments++;
      try {
        after.add(hasDeadlinePassed(env, now) ? sweepEnvironment(env, monitors.get(env.monitorId()), now, tally) : env);
      } catch (RuntimeException e) {
        // One broken environment must not stop the others; it stays due and is tried again next tick.
        Log.error("sweeping an environment failed", e, "monitorId", env.monitorId(), "environment", env.name());
        after.add(env);
      }
    }
    return publishOutboxes(after, tally);
  }

  private static boolean hasDeadlinePassed(MonitorEnvironment env, Instant now) {
    return MissedSlots.overdue(env, now) || env.openRuns().stream().anyMatch(r -> !r.timeoutAt().isAfter(now));
  }

  /** The decisions about one environment, each committed with its check-ins; returns the environment after them. */
  private MonitorEnvironment sweepEnvironment(MonitorEnvironment env, Monitor monitor, Instant now, Tally tally) {
    MonitorEnvironment current = env;
    Set<UUID> alreadyWritten = new HashSet<>();
    int writes = 0;
    for (int attempt = 0; attempt < MAX_ATTEMPTS && writes < MAX_WRITES_PER_ENVIRONMENT; ) {
      Decision decision = decide(monitor, current, now, runsTimingOut(current, now), alreadyWritten);
      if (decision == null) return current;
      MonitorEnvironment next = decision.env().toBuilder().version(current.version() + 1).build();
      if (MissedSlots.save(store, next, decision.checkIns(), alreadyWritten)) {
        report(monitor, current, next, decision, tally);
        current = next;
        writes++;
        continue;
      }
      attempt++;
      Optional<MonitorEnvironment> reread = store.environment(env.monitorId(), env.name());
      if (reread.isEmpty()) return current;
      current = reread.get();
    }
    return current;
  }

  /** The check-ins of the runs past their timeout, read strongly consistently (a request may have just closed one). */
  private Map<UUID, Optional<CheckIn>> runsTimingOut(MonitorEnvironment env, Instant now) {
    Map<UUID, Optional<CheckIn>> runs = new HashMap<>();
    for (OpenRun run : env.openRuns()) {
      if (!run.timeoutAt().isAfter(now)) runs.put(run.checkInId(), store.checkIn(run.checkInId()));
    }
    return runs;
  }

  /** One write's worth of decisions; {@code checkIns} are created (missed) or closed (timeout) with the environment. */
  private record Decision(MonitorEnvironment env, List<CheckIn> checkIns, int missed, int timeouts, boolean leftIndex,
                          List<CheckIn> recorded) {}

  private Decision decide(Monitor monitor, MonitorEnvironment env, Instant now, Map<UUID, Optional<CheckIn>> runs,
                          Set<UUID> alreadyWritten) {
    if (monitor == null || monitor.status() == MonitorStatus.DISABLED) {
      // Never swept, and out of the due index so it costs no reads: no deadline, no open runs. A re-enabled monitor
      // waits for its next check-in, like a new one.
      if (env.nextCheckIn() == null && env.nextCheckInLatest() == null && env.openRuns().isEmpty()) return null;
      return new Decision(env.toBuilder().nextCheckIn(null).nextCheckInLatest(null).openRuns(List.of()).build(),
          List.of(), 0, 0, true, List.of());
    }
    MonitorEnvironment next = env;
    List<CheckIn> checkIns = new ArrayList<>();
    int missed = 0;
    int timeouts = 0;
    boolean changed = false;
    List<CheckIn> recent = null;
    List<CheckIn> recorded = new ArrayList<>();
    for (int n = 0; n < MissedSlots.MAX_PER_WRITE; n++) {
      Instant slot = MissedSlots.overdue(next, now) ? MissedSlots.pendingSlot(next, monitor.config()) : null;
      OpenRun run = next.openRuns().stream()
          .filter(r -> !r.timeoutAt().isAfter(now) && settled(runs.get(r.checkInId()), now))
          .min(Comparator.comparing(OpenRun::timeoutAt)).orElse(null);
      if (slot == null && run == null) break;
      // In time order, so an incident starts with its oldest failure.
      if (run == null || (slot != null && !slot.isAfter(run.timeoutAt()))) {
        if (recent == null) recent = sinceLastRecorded(monitor, next);
        CheckIn unrecorded = unrecorded(recent, next);
        if (unrecorded != null) {
          // The slot got a check-in its environment never heard of. While its request may still be writing, the
          // slot is the request's; once the request must be dead, the sweeper records the check-in in its place.
          if (unrecorded.dateCreated().plus(ABANDONED_AFTER).isAfter(now)) break;
          next = unrecorded.version() == 1 ? CheckInService.arrival(monitor, next, unrecorded)
              : CheckInService.arrivedAt(monitor, next, unrecorded.dateCreated()); // closed since: its close was recorded
          recorded.add(unrecorded);
          changed = true;
          continue;
        }
        MissedSlots.Marked marked = MissedSlots.markPending(monitor, next, alreadyWritten);
        next = marked.env();
        changed = true;
        if (marked.missed() != null) {
          checkIns.add(marked.missed());
          missed++;
        }
        continue;
      }
      UUID id = run.checkInId();
      changed = true;
      next = next.toBuilder().openRuns(next.openRuns().stream().filter(r -> !r.checkInId().equals(id)).toList()).build();
      CheckIn checkIn = runs.getOrDefault(id, Optional.empty()).orElse(null);
      if (checkIn == null) continue; // expired or never written: nothing to mark
      if (checkIn.status() == CheckInStatus.IN_PROGRESS) {
        checkIns.add(checkIn.close(CheckInStatus.TIMEOUT, null, now));
        next = IncidentTracker.record(monitor, next, id, CheckInStatus.TIMEOUT, run.timeoutAt());
        timeouts++;
      } else if (checkIn.status() != CheckInStatus.TIMEOUT) {
        // Closed long ago by a request that died before recording it on the environment: record it now.
        next = IncidentTracker.record(monitor, next, id, checkIn.status(), checkIn.dateUpdated());
      }
    }
    return changed ? new Decision(next, checkIns, missed, timeouts, false, recorded) : null;
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

  /** The oldest of {@code recent} that the environment never recorded and that came before its pending deadline. */
  private static CheckIn unrecorded(List<CheckIn> recent, MonitorEnvironment env) {
    if (env.lastCheckIn() == null) return null;
    return recent.stream()
        .filter(c -> c.environment().equals(env.name()) && c.status() != CheckInStatus.MISSED)
        .filter(c -> c.dateCreated().isAfter(env.lastCheckIn()) && c.dateCreated().isBefore(env.nextCheckInLatest()))
        .min(Comparator.comparing(CheckIn::dateCreated)).orElse(null);
  }

  /**
   * Whether the sweeper decides about this run now: open (time it out), gone, or closed by a request long dead. A run
   * whose check-in was not read (recorded by this very decision) waits for the next write's reading.
   */
  private static boolean settled(Optional<CheckIn> checkIn, Instant now) {
    if (checkIn == null) return false;
    if (checkIn.isEmpty()) return true;
    CheckIn c = checkIn.get();
    if (c.status() == CheckInStatus.IN_PROGRESS || c.status() == CheckInStatus.TIMEOUT) return true;
    // A fresh close belongs to the request that made it; it updates the environment itself.
    return !c.dateUpdated().plus(ABANDONED_AFTER).isAfter(now);
  }

  private static void report(Monitor monitor, MonitorEnvironment before, MonitorEnvironment after, Decision decision, Tally tally) {
    tally.missed += decision.missed();
    tally.timeouts += decision.timeouts();
    for (CheckIn c : decision.checkIns()) {
      Log.info(c.status() == CheckInStatus.MISSED ? "check-in missed" : "check-in timed out",
          "monitorId", after.monitorId(), "environment", after.name(), "checkInId", c.id().toString(),
          "expectedTime", String.valueOf(c.expectedTime()));
    }
    for (CheckIn c : decision.recorded()) {
      Log.warn("check-in recorded by the sweeper: its request died before recording it", "monitorId", after.monitorId(),
          "environment", after.name(), "checkInId", c.id().toString());
    }
    if (decision.leftIndex()) {
      Log.info(monitor == null ? "environment of a deleted monitor left the due index" : "environment of a disabled monitor left the due index",
          "monitorId", after.monitorId(), "environment", after.name());
    }
    Set<String> known = new HashSet<>();
    before.outbox().forEach(e -> known.add(e.id()));
    boolean announced = false;
    for (IncidentEvent e : after.outbox()) {
      if (known.contains(e.id())) continue;
      announced |= e.type() == IncidentEvent.Type.OPENED;
      Log.info(e.type() == IncidentEvent.Type.OPENED ? "incident opened" : "incident resolved",
          "monitorId", e.monitorId(), "environment", e.environment(), "incidentId", e.incidentId(), "reason", e.reason());
    }
    if (before.activeIncident() == null && after.activeIncident() != null && !announced) {
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
        Log.info("incident event published", "eventId", e.id(), "type", e.type().name().toLowerCase(java.util.Locale.ROOT),
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
    MonitorEnvironment current = env;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      List<IncidentEvent> left = current.outbox().stream().filter(e -> !published.contains(e.id())).toList();
      if (left.size() == current.outbox().size()) return current;
      MonitorEnvironment next = current.toBuilder().outbox(left).version(current.version() + 1).build();
      if (store.saveEnvironment(next)) {
        tally.published += current.outbox().size() - left.size();
        return next;
      }
      Optional<MonitorEnvironment> reread = store.environment(env.monitorId(), env.name());
      if (reread.isEmpty()) return current;
      current = reread.get();
    }
    return current;
  }
}
