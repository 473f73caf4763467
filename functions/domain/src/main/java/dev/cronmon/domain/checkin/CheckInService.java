package dev.cronmon.domain.checkin;

import dev.cronmon.domain.incident.IncidentTracker;
import dev.cronmon.domain.incident.ResolvedIncident;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.schedule.SlotPlanner;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.tenant.Limits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The check-in state machine (DESIGN.md rules 1–4). The check-in item is written first, conditionally, so two
 * requests closing one run cannot both win; the environment is then updated on its version, re-reading and
 * re-applying the same change when another request got there first, so no update is lost.
 */
public final class CheckInService {
  private static final int MAX_ATTEMPTS = 8;

  private final CronStore store;
  private final Clock clock;
  private final Limits limits;

  public CheckInService(CronStore store, Clock clock) {
    this(store, clock, Limits.DEFAULT);
  }

  public CheckInService(CronStore store, Clock clock, Limits limits) {
    this.store = store;
    this.clock = clock;
    this.limits = limits;
  }

  public CheckInResult checkIn(CheckInCommand command) {
    Monitor monitor = command.monitor();
    if (monitor.status() == MonitorStatus.DISABLED) return disabled(command);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<CheckInResult> result = tryOnce(command, clock.instant());
      if (result.isPresent()) return result.get();
    }
    throw new IllegalStateException("check-in kept losing races for monitor " + monitor.id());
  }

  /** One attempt; empty when a conditional write of the check-in lost a race and the whole decision must be redone. */
  private Optional<CheckInResult> tryOnce(CheckInCommand command, Instant now) {
    Monitor monitor = command.monitor();
    MonitorEnvironment env = store.environment(monitor.id(), command.environment())
        .orElseGet(() -> MonitorEnvironment.fresh(monitor.id(), command.environment(), now));
    if (env.version() == 0) {
      Optional<CheckInResult> full = environmentLimitExceeded(command);
      if (full.isPresent()) return full;
    }
    CheckIn existing = null;
    if (command.id() != null) {
      existing = store.checkIn(command.id()).orElse(null);
      Optional<CheckInResult> conflict = existing == null ? Optional.empty() : idConflict(command, existing);
      if (conflict.isPresent()) return conflict;
    } else if (command.status().isTerminal()) {
      existing = newestOpenRun(env).flatMap(run -> store.checkIn(run.checkInId())).orElse(null);
    }
    if (existing == null) return create(command, env, now);
    return update(command, existing, now);
  }

  private Optional<CheckInResult> create(CheckInCommand command, MonitorEnvironment env, Instant now) {
    Monitor monitor = command.monitor();
    MonitorConfig config = monitor.config();
    SlotPlanner.Plan plan = SlotPlanner.plan(config.schedule(), config.timezone(), config.checkinMargin(), now);
    UUID id = command.id() != null ? command.id() : UUID.randomUUID();
    boolean open = command.status() == CheckInStatus.IN_PROGRESS;
    // A run gets at least the whole minutes it was promised (MonitorConfig.timeoutFor).
    Instant timeoutAt = open ? config.timeoutFor(now) : null;
    CheckIn checkIn = new CheckIn(id, monitor.id(), monitor.projectId(), command.environment(), command.status(),
        open ? null : command.durationMs(), now, now, plan.expectedTime(), timeoutAt, config, command.traceId(), 1);
    if (!store.saveCheckIn(checkIn)) return Optional.empty();
    updateEnvironment(monitor, env, current -> {
      MonitorEnvironment arrived = current.toBuilder()
          .lastCheckIn(now)
          .nextCheckIn(plan.nextSlot())
          .nextCheckInLatest(plan.nextSlot().plus(config.margin()))
          .build();
      if (open) {
        List<OpenRun> runs = new ArrayList<>(arrived.openRuns());
        runs.add(new OpenRun(id, now, timeoutAt));
        return arrived.toBuilder().openRuns(runs).build();
      }
      return IncidentTracker.record(monitor, arrived, id, command.status(), now);
    });
    return Optional.of(CheckInResult.of(CheckInResult.Outcome.CREATED, id));
  }

  private Optional<CheckInResult> update(CheckInCommand command, CheckIn existing, Instant now) {
    Monitor monitor = command.monitor();
    if (command.status() == CheckInStatus.IN_PROGRESS) {
      // Rule 3: a late or repeated in_progress never reopens or restarts a run.
      return Optional.of(CheckInResult.of(CheckInResult.Outcome.UNCHANGED, existing.id()));
    }
    long duration = command.durationMs() != null ? command.durationMs() : Duration.between(existing.dateCreated(), now).toMillis();
    switch (existing.status()) {
      case IN_PROGRESS -> {
        if (!store.saveCheckIn(existing.close(command.status(), duration, now))) return Optional.empty();
        MonitorEnvironment env = store.environment(monitor.id(), existing.environment())
            .orElseGet(() -> MonitorEnvironment.fresh(monitor.id(), existing.environment(), now));
        updateEnvironment(monitor, env, current -> IncidentTracker.record(monitor,
            current.toBuilder().openRuns(current.openRuns().stream().filter(r -> !r.checkInId().equals(existing.id())).toList()).build(),
            existing.id(), command.status(), now));
        return Optional.of(CheckInResult.of(CheckInResult.Outcome.UPDATED, existing.id()));
      }
      case TIMEOUT -> {
        // Sentry #54865: a run already marked timeout keeps that status; only the late duration is recorded.
        if (!store.saveCheckIn(existing.close(CheckInStatus.TIMEOUT, duration, now))) return Optional.empty();
        return Optional.of(CheckInResult.of(CheckInResult.Outcome.UPDATED, existing.id()));
      }
      default -> {
        return alreadyFinished(command, existing);
      }
    }
  }

  /**
   * Why {@code command} would be refused, judged on the stored state without writing anything: a disabled monitor,
   * an environment beyond the cap, an id of another monitor or environment, a run that already finished. The intake
   * asks before it applies a check-in's monitor_config, so that a refused check-in changes nothing at all.
   * {@code command.monitor()} may be one not stored yet (a check-in that would create it).
   */
  public Optional<CheckInResult> refusal(CheckInCommand command) {
    Monitor monitor = command.monitor();
    if (monitor.status() == MonitorStatus.DISABLED) return Optional.of(disabled(command));
    if (store.environment(monitor.id(), command.environment()).isEmpty()) {
      Optional<CheckInResult> full = environmentLimitExceeded(command);
      if (full.isPresent()) return full;
    }
    if (command.id() == null) return Optional.empty();
    Optional<CheckIn> existing = store.checkIn(command.id());
    if (existing.isEmpty()) return Optional.empty();
    return idConflict(command, existing.get()).or(() -> alreadyFinished(command, existing.get()));
  }

  private static CheckInResult disabled(CheckInCommand command) {
    return CheckInResult.rejected(CheckInResult.Outcome.MONITOR_DISABLED, command.id(),
        "Monitor \"" + command.monitor().slug() + "\" is disabled and does not accept check-ins");
  }

  private static Optional<CheckInResult> idConflict(CheckInCommand command, CheckIn existing) {
    if (existing.monitorId().equals(command.monitor().id()) && existing.environment().equals(command.environment())) return Optional.empty();
    return Optional.of(CheckInResult.rejected(CheckInResult.Outcome.ID_CONFLICT, command.id(),
        "Check-in " + command.id() + " belongs to another monitor or environment"));
  }

  /** Rule 3: ok/error for a run that finished (except by timeout, Sentry #54865) is refused; in_progress is ignored. */
  private static Optional<CheckInResult> alreadyFinished(CheckInCommand command, CheckIn existing) {
    if (command.status() == CheckInStatus.IN_PROGRESS || existing.status() == CheckInStatus.IN_PROGRESS
        || existing.status() == CheckInStatus.TIMEOUT) {
      return Optional.empty();
    }
    return Optional.of(CheckInResult.rejected(CheckInResult.Outcome.ALREADY_FINISHED, existing.id(),
        "Check-in " + existing.id() + " has already finished (" + existing.status().wire() + ")"));
  }

  /**
   * A check-in that would create an environment beyond the monitor's cap, before anything is written. Counted with a
   * Query, so first check-ins of new environments racing at the cap can each pass (exact up to that concurrency).
   */
  private Optional<CheckInResult> environmentLimitExceeded(CheckInCommand command) {
    Monitor monitor = command.monitor();
    int max = limits.forOrganization(store.organization(monitor.organization()).orElse(null)).maxEnvironmentsPerMonitor();
    if (store.countEnvironments(monitor.id(), max) < max) return Optional.empty();
    return Optional.of(CheckInResult.rejected(CheckInResult.Outcome.ENVIRONMENT_LIMIT, command.id(),
        "You may not exceed " + max + " environments per monitor"));
  }

  /** Applies {@code change} to the stored environment, re-reading and re-applying when a concurrent write won. */
  private void updateEnvironment(Monitor monitor, MonitorEnvironment env, UnaryOperator<MonitorEnvironment> change) {
    MonitorEnvironment current = env;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      MonitorEnvironment next = change.apply(current).toBuilder().version(current.version() + 1).build();
      // An incident resolving (only an ok does that, at lastOk) is kept as history in the same transaction.
      boolean resolved = current.activeIncident() != null && next.activeIncident() == null;
      if (resolved ? store.saveEnvironment(next, ResolvedIncident.of(monitor.id(), next.name(), current.activeIncident(), next.lastOk()))
          : store.saveEnvironment(next)) return;
      current = store.environment(monitor.id(), env.name()).orElse(env);
    }
    throw new IllegalStateException("environment " + env.name() + " of monitor " + monitor.id() + " kept changing");
  }

  private static Optional<OpenRun> newestOpenRun(MonitorEnvironment env) {
    return env.openRuns().stream().max(Comparator.comparing(OpenRun::started));
  }
}
