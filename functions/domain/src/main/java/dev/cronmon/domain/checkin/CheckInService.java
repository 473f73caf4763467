package dev.cronmon.domain.checkin;

import dev.cronmon.api.Log;
import dev.cronmon.domain.incident.IncidentTracker;
import dev.cronmon.domain.incident.ResolvedIncident;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.schedule.SlotPlanner;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.store.MonitorRead;
import dev.cronmon.domain.sweep.MissedSlots;
import dev.cronmon.domain.tenant.Limits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The check-in state machine (DESIGN.md rules 1–4) and the limits of a monitor environment (rule 8). The check-in item
 * is written first, conditionally, so two requests closing one run cannot both win; the environment is then updated
 * on its version, re-reading and re-applying the same change when another request got there first, so no update is
 * lost. Limits are checked on the environment as read, before anything is written: concurrent check-ins of one
 * environment may pass both limits by at most their number.
 */
public final class CheckInService {
  private static final int MAX_ATTEMPTS = 8;
  /** Writes of missed slots a check-in makes before its own (5 × 20 slots) when the sweeper has fallen far behind. */
  private static final int MAX_CATCH_UP_WRITES = 4;

  private final CronStore store;
  private final Clock clock;
  /** Per-environment limits (rule 8): check-ins per minute, open runs. */
  private final CheckInLimits limits;
  /** Per-organization caps: environments per monitor. */
  private final Limits organizationLimits;

  public CheckInService(CronStore store, Clock clock) {
    this(store, clock, CheckInLimits.DEFAULTS, Limits.DEFAULT);
  }

  public CheckInService(CronStore store, Clock clock, Limits organizationLimits) {
    this(store, clock, CheckInLimits.DEFAULTS, organizationLimits);
  }

  public CheckInService(CronStore store, Clock clock, CheckInLimits limits) {
    this(store, clock, limits, Limits.DEFAULT);
  }

  public CheckInService(CronStore store, Clock clock, CheckInLimits limits, Limits organizationLimits) {
    this.store = store;
    this.clock = clock;
    this.limits = limits;
    this.organizationLimits = organizationLimits;
  }

  public CheckInLimits limits() {
    return limits;
  }

  /** False when the environment has taken its limit of check-ins this minute; read before a check-in writes anything. */
  public boolean withinRateLimit(Monitor monitor, String environment) {
    Instant now = clock.instant();
    return store.environment(monitor.id(), environment)
        .map(env -> env.checkInRate().countAt(now) < limits.perMinute())
        .orElse(true);
  }

  /** Seconds until the current minute's counts reset, for {@code Retry-After}. */
  public long secondsUntilRateLimitResets() {
    return CheckInRate.secondsUntilNextMinute(clock.instant());
  }

  public CheckInResult checkIn(CheckInCommand command) {
    return checkIn(command, null);
  }

  /**
   * As above; {@code read} (may be null) is the monitor as the caller read it, with the check-in's environment as stored
   * then: the first attempt starts from it instead of reading the environment again. A retry after a lost race reads
   * afresh.
   */
  public CheckInResult checkIn(CheckInCommand command, MonitorRead read) {
    Monitor monitor = command.monitor();
    if (monitor.status() == MonitorStatus.DISABLED) return disabled(command);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Instant now = clock.instant();
      boolean reuse = attempt == 0 && read != null && read.holds(command.environment()) && read.monitor().id().equals(monitor.id());
      MonitorEnvironment env = (reuse ? read.environment() : store.environment(monitor.id(), command.environment()))
          .orElseGet(() -> MonitorEnvironment.fresh(monitor.id(), command.environment(), now));
      Optional<CheckInResult> result = tryOnce(command, env, now);
      if (result.isPresent()) return result.get();
    }
    throw new IllegalStateException("check-in kept losing races for monitor " + monitor.id());
  }

  /** One attempt; empty when a conditional write of the check-in lost a race and the whole decision must be redone. */
  private Optional<CheckInResult> tryOnce(CheckInCommand command, MonitorEnvironment env, Instant now) {
    Monitor monitor = command.monitor();
    if (env.version() == 0) {
      Optional<CheckInResult> full = environmentLimitExceeded(command);
      if (full.isPresent()) return full;
    }
    if (env.checkInRate().countAt(now) >= limits.perMinute()) return Optional.of(rateLimited(command));
    CheckIn existing = null;
    if (command.id() != null) {
      existing = store.checkIn(command.id()).orElse(null);
      Optional<CheckInResult> conflict = existing == null ? Optional.empty() : idConflict(command, existing);
      if (conflict.isPresent()) return conflict;
    } else if (command.status().isTerminal()) {
      existing = newestOpenRun(env).flatMap(run -> store.checkIn(run.checkInId())).orElse(null);
    }
    if (existing == null) return create(command, env, now);
    return update(command, existing, env, now);
  }

  private Optional<CheckInResult> create(CheckInCommand command, MonitorEnvironment env, Instant now) {
    Monitor monitor = command.monitor();
    MonitorConfig config = monitor.config();
    SlotPlanner.Plan plan = SlotPlanner.plan(config.schedule(), config.timezone(), config.checkinMargin(), now);
    UUID id = command.id() != null ? command.id() : UUID.randomUUID();
    boolean open = command.status() == CheckInStatus.IN_PROGRESS;
    if (open && env.openRuns().size() >= limits.maxOpenRuns()) {
      return Optional.of(CheckInResult.rejected(CheckInResult.Outcome.TOO_MANY_OPEN_RUNS, command.id(),
          "Monitor environment \"" + env.name() + "\" already has " + env.openRuns().size() + " runs in progress (the limit is "
              + limits.maxOpenRuns() + "); finish some with ok or error, or let them time out, before starting another"));
    }
    // A run gets at least the whole minutes it was promised (MonitorConfig.timeoutFor).
    Instant timeoutAt = open ? config.timeoutFor(now) : null;
    Instant expected = claimedSlot(plan, MissedSlots.markOverdue(monitor, env, now, (MAX_CATCH_UP_WRITES + 1) * MissedSlots.MAX_PER_WRITE, Set.of()).env());
    CheckIn checkIn = new CheckIn(id, monitor.id(), monitor.projectId(), command.environment(), command.status(),
        open ? null : command.durationMs(), now, now, expected, timeoutAt, config, command.traceId(), 1);
    if (!store.saveCheckIn(checkIn)) return Optional.empty();
    Instant committed = arrive(monitor, env, checkIn, plan, now);
    if (!Objects.equals(committed, expected)) correctExpectedTime(id, committed);
    return Optional.of(CheckInResult.of(CheckInResult.Outcome.CREATED, id));
  }

  /**
   * The slot a new check-in fulfils: the one {@link SlotPlanner} names, if the environment still waits for it once the
   * slots whose deadline passed are marked missed. A slot already decided (missed, or fulfilled by an earlier check-in)
   * is not claimed twice, so each slot ends with exactly one check-in that names it.
   */
  private static Instant claimedSlot(SlotPlanner.Plan plan, MonitorEnvironment env) {
    Instant slot = plan.expectedTime();
    if (slot == null || env.nextCheckIn() == null || !slot.isBefore(env.nextCheckIn())) return slot;
    return null;
  }

  /**
   * Records the arrival of a new check-in on its environment: first the slots whose deadline passed before it arrived
   * (as the sweeper would, and in the same write), then the check-in itself. The conditional write on the environment's
   * version decides: when the sweeper got there first, the re-read shows the slot already missed, and the check-in no
   * longer claims it. Returns the slot the check-in was committed as fulfilling.
   */
  private Instant arrive(Monitor monitor, MonitorEnvironment env, CheckIn checkIn, SlotPlanner.Plan plan, Instant now) {
    MonitorEnvironment current = env;
    Set<UUID> alreadyWritten = new HashSet<>();
    int catchUpWrites = 0;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      MissedSlots.Overdue overdue = MissedSlots.markOverdue(monitor, current, now, MissedSlots.MAX_PER_WRITE, alreadyWritten);
      if (overdue.more() && catchUpWrites < MAX_CATCH_UP_WRITES) {
        // More missed slots than one write holds (the sweeper has not run for a while): store this part first, as it would.
        MonitorEnvironment part = overdue.env().toBuilder().version(current.version() + 1).build();
        if (MissedSlots.save(store, part, overdue.missed(), alreadyWritten)) {
          catchUpWrites++;
          current = part;
          attempt--;
        } else {
          current = store.environment(monitor.id(), env.name()).orElse(env);
        }
        continue;
      }
      if (overdue.more()) Log.warn("missed slots left unmarked: a check-in arrived after too long without sweeping",
          "monitorId", monitor.id(), "environment", env.name(), "checkInId", checkIn.id().toString());
      Instant claimed = claimedSlot(plan, overdue.env());
      // The rate counts requests (rule 8), so only the request's own arrival adds to it, not the sweeper's repair.
      MonitorEnvironment counted = overdue.env().toBuilder().checkInRate(overdue.env().checkInRate().plusOne(now)).build();
      MonitorEnvironment arrived = arrival(monitor, counted, checkIn);
      MonitorEnvironment next = arrived.toBuilder().version(current.version() + 1).build();
      // An ok that resolves an incident keeps it as history in the same transaction (as updateEnvironment does).
      // Not when missed slots are written in the same step: that transaction holds no incident item (rare: an ok
      // arriving after unswept deadlines that also resolves the incident they extended).
      var before = overdue.env().activeIncident();
      boolean resolves = before != null && next.activeIncident() == null && overdue.missed().isEmpty();
      boolean saved = resolves
          ? store.saveEnvironment(next, ResolvedIncident.of(monitor.id(), next.name(), before, next.lastOk()))
          : MissedSlots.save(store, next, overdue.missed(), alreadyWritten);
      if (saved) return claimed;
      current = store.environment(monitor.id(), env.name()).orElse(env);
    }
    throw new IllegalStateException("environment " + env.name() + " of monitor " + monitor.id() + " kept changing");
  }

  /**
   * The environment after a new check-in arrived (rules 1 and 5): its time is the last check-in and the next slot
   * follows it (unless a newer check-in got there first: an older one committing late must not move them back), and
   * it opens a run or goes to the incident rule. The request applies it; the sweeper applies it for a request that
   * died between writing the check-in and its environment.
   */
  public static MonitorEnvironment arrival(Monitor monitor, MonitorEnvironment env, CheckIn checkIn) {
    MonitorEnvironment arrived = arrivedAt(monitor, env, checkIn.dateCreated());
    if (checkIn.status() == CheckInStatus.IN_PROGRESS) {
      List<OpenRun> runs = new ArrayList<>(arrived.openRuns());
      runs.add(new OpenRun(checkIn.id(), checkIn.dateCreated(), checkIn.timeoutAt()));
      return arrived.toBuilder().openRuns(runs).build();
    }
    return IncidentTracker.record(monitor, arrived, checkIn.id(), checkIn.status(), checkIn.dateCreated());
  }

  /** The time part of an arrival: last check-in and next slot, moved forward only. */
  public static MonitorEnvironment arrivedAt(Monitor monitor, MonitorEnvironment env, Instant time) {
    if (env.lastCheckIn() != null && time.isBefore(env.lastCheckIn())) return env;
    MonitorConfig config = monitor.config();
    Instant next = SlotPlanner.plan(config.schedule(), config.timezone(), config.checkinMargin(), time).nextSlot();
    return env.toBuilder().lastCheckIn(time).nextCheckIn(next).nextCheckInLatest(next.plus(config.margin())).build();
  }

  /** A check-in that lost its slot to the sweeper between its write and its environment's: it names no slot after all. */
  private void correctExpectedTime(UUID id, Instant slot) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      CheckIn c = store.checkIn(id).orElseThrow();
      if (Objects.equals(c.expectedTime(), slot)) return;
      CheckIn corrected = new CheckIn(c.id(), c.monitorId(), c.projectId(), c.environment(), c.status(), c.durationMs(),
          c.dateCreated(), c.dateUpdated(), slot, c.timeoutAt(), c.monitorConfig(), c.traceId(), c.version() + 1);
      if (store.saveCheckIn(corrected)) return;
    }
    throw new IllegalStateException("check-in " + id + " kept changing");
  }

  /** {@code env} is the run's environment as read before; its write is on its version, re-read on a conflict. */
  private Optional<CheckInResult> update(CheckInCommand command, CheckIn existing, MonitorEnvironment env, Instant now) {
    Monitor monitor = command.monitor();
    if (command.status() == CheckInStatus.IN_PROGRESS) {
      // Rule 3: a late or repeated in_progress never reopens or restarts a run.
      return Optional.of(CheckInResult.of(CheckInResult.Outcome.UNCHANGED, existing.id()));
    }
    long duration = command.durationMs() != null ? command.durationMs() : Duration.between(existing.dateCreated(), now).toMillis();
    switch (existing.status()) {
      case IN_PROGRESS -> {
        if (!store.saveCheckIn(existing.close(command.status(), duration, now))) return Optional.empty();
        updateEnvironment(monitor, env, current -> IncidentTracker.record(monitor,
            current.toBuilder().openRuns(current.openRuns().stream().filter(r -> !r.checkInId().equals(existing.id())).toList())
                .checkInRate(current.checkInRate().plusOne(now)).build(),
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
    Optional<MonitorEnvironment> env = store.environment(monitor.id(), command.environment());
    if (env.isEmpty()) {
      Optional<CheckInResult> full = environmentLimitExceeded(command);
      if (full.isPresent()) return full;
    } else if (env.get().checkInRate().countAt(clock.instant()) >= limits.perMinute()) {
      return Optional.of(rateLimited(command));
    }
    if (command.id() == null) return Optional.empty();
    Optional<CheckIn> existing = store.checkIn(command.id());
    if (existing.isEmpty()) return Optional.empty();
    return idConflict(command, existing.get()).or(() -> alreadyFinished(command, existing.get()));
  }

  private CheckInResult rateLimited(CheckInCommand command) {
    return CheckInResult.rejected(CheckInResult.Outcome.RATE_LIMITED, command.id(),
        "Rate limited, please send no more than " + limits.perMinute() + " check-ins per minute per monitor environment");
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
    int max = organizationLimits.forOrganization(store.organization(monitor.organization()).orElse(null)).maxEnvironmentsPerMonitor();
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
