package dev.cronmon.domain.service;

import dev.cronmon.domain.checkin.JobOutput;
import dev.cronmon.domain.checkin.RunFacts;
import dev.cronmon.domain.checkin.RunReport;
import dev.cronmon.common.Log;
import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInLimits;
import dev.cronmon.domain.checkin.CheckInRate;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.checkin.OpenRun;
import dev.cronmon.domain.hearing.Deafness;
import dev.cronmon.domain.maintenance.Maintenance;
import dev.cronmon.domain.lifecycle.EnvironmentEvent;
import dev.cronmon.domain.lifecycle.Lifecycle;
import dev.cronmon.domain.lifecycle.MissedSlots;
import dev.cronmon.domain.lifecycle.Transition;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.store.MonitorRead;
import dev.cronmon.domain.store.Retry;
import dev.cronmon.domain.tenant.Limits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * What a check-in request does (docs/semantics.md rules C1–C8): the check-in item is written first, conditionally, so
 * two requests closing one run cannot both win; its environment then changes through the state core
 * ({@link Lifecycle}, stored by {@link EnvironmentWriter}, which re-reads and re-applies when another writer got there
 * first, so no update is lost). Limits (rule C6) are checked on the environment as read, before anything is written:
 * concurrent check-ins of one environment may pass them by at most their number.
 */
public final class CheckInService {
  private final CronStore store;
  private final EnvironmentWriter writer;
  private final Clock clock;
  /** Per-environment limits (rule C6): check-ins per minute, open runs. */
  private final CheckInLimits limits;
  /** Per-organization caps: environments per monitor. */
  private final Limits organizationLimits;
  private final Deafness.Source deafness;
  /**
   * Where a check-in's own write runs while its environment's is made (rule C15): threads of the process, made when a
   * write needs one and ended after a minute unused; daemons, so they never keep a process alive.
   */
  private static final ExecutorService CONCURRENT_WRITES = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "check-in-write");
    t.setDaemon(true);
    return t;
  });

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
    this(store, clock, limits, organizationLimits, Deafness.Source.NONE);
  }

  /**
   * {@code deafness}: when cronmon could not hear check-ins (docs/semantics.md rule U1), read only when a check-in finds
   * slots whose deadline passed unswept (rule W2), so the hot path costs nothing more.
   */
  public CheckInService(CronStore store, Clock clock, CheckInLimits limits, Limits organizationLimits, Deafness.Source deafness) {
    this.store = store;
    this.writer = new EnvironmentWriter(store);
    this.clock = clock;
    this.limits = limits;
    this.organizationLimits = organizationLimits;
    this.deafness = deafness;
  }

  public CheckInLimits limits() {
    return limits;
  }

  /** False when the environment has taken its limit of check-ins this minute; read before a check-in writes anything. */
  public boolean withinRateLimit(Monitor monitor, String environment) {
    Instant now = clock.instant();
    return store.environment(monitor.id(), environment)
        .map(env -> limits.allows(env.checkInRate(), now))
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
    if (monitor.status() == MonitorStatus.DISABLED) return disabled(monitor, command.id());
    return Retry.untilWritten("check-in of monitor " + monitor.id(), attempt -> {
      Instant now = clock.instant();
      boolean reuse = attempt == 0 && read != null && read.holds(command.environment()) && read.monitor().id().equals(monitor.id());
      MonitorEnvironment env = (reuse ? read.environment() : store.environment(monitor.id(), command.environment()))
          .orElseGet(() -> MonitorEnvironment.fresh(monitor.id(), command.environment(), now));
      return tryOnce(command, env, reuse && read.holdsCheckIn(command.id()) ? read : null, now);
    });
  }

  /**
   * One attempt; empty when a conditional write of the check-in lost a race and the whole decision must be redone.
   * {@code read}: when not null, it holds the lookup of the command's id, made with the environment's.
   */
  private Optional<CheckInResult> tryOnce(CheckInCommand command, MonitorEnvironment env, MonitorRead read, Instant now) {
    if (env.version() == 0) {
      Optional<CheckInResult> full = environmentLimitExceeded(command);
      if (full.isPresent()) return full;
    }
    if (!limits.allows(env.checkInRate(), now)) return Optional.of(rateLimited(command.id()));
    CheckIn existing = null;
    if (command.id() != null) {
      existing = (read != null ? read.checkIn() : store.checkIn(command.id())).orElse(null);
      Optional<CheckInResult> conflict = existing == null ? Optional.empty() : idConflict(command, existing);
      if (conflict.isPresent()) return conflict;
    } else if (command.status().isTerminal()) {
      existing = newestOpenRun(env).flatMap(run -> store.checkIn(run.checkInId())).orElse(null);
    }
    if (existing == null) return create(command, env, now);
    return update(command, existing, env, now);
  }

  /**
   * A new check-in (docs/semantics.md rules C2, C4, C8, C10–C13): its item is written first, conditionally on its id,
   * naming the slot it would fulfil, with its output beside it; then its arrival on the environment, through the one
   * writer. When the sweeper decided that slot in between, the item is corrected to name no slot (rule S6).
   */
  private Optional<CheckInResult> create(CheckInCommand command, MonitorEnvironment env, Instant now) {
    Monitor monitor = command.monitor();
    MonitorConfig config = monitor.config();
    UUID id = command.id() != null ? command.id() : UUID.randomUUID();
    boolean open = command.status() == CheckInStatus.IN_PROGRESS;
    RunReport report = command.report();
    if (open && env.openRuns().size() >= limits.maxOpenRuns()) {
      return Optional.of(CheckInResult.rejected(CheckInResult.Outcome.TOO_MANY_OPEN_RUNS, command.id(),
          "Monitor environment \"" + env.name() + "\" already has " + env.openRuns().size() + " runs in progress (the limit is "
              + limits.maxOpenRuns() + "); finish some with ok or error, or let them time out, before starting another"));
    }
    // A run gets at least the whole minutes it was promised (MonitorConfig.timeoutFor).
    Instant timeoutAt = open ? config.timeoutFor(now) : null;
    Instant expected = Lifecycle.claimedSlot(monitor, env, now);
    Lifecycle.Finished finished = open ? new Lifecycle.Finished(command.status(), null)
        : Lifecycle.finished(config, command.status(), command.durationMs());
    Set<UUID> replaced = open && command.id() == null && report.supersedesAssignedRun() ? supersede(env, now) : Set.of();
    if (replaced == null) return Optional.empty();
    RunFacts facts = new RunFacts(null, null, null, false, command.id() == null)
        .closedWith(report.exitStatus(), finished.reason() != null ? finished.reason() : report.reason(), report.output());
    Maintenance maintenance = maintenanceOf(monitor);
    if (!open && inMaintenance(finished.status(), env, maintenance, now)) facts = facts.inMaintenance();
    CheckIn checkIn = new CheckIn(id, monitor.id(), monitor.projectId(), command.environment(), finished.status(),
        open ? null : command.durationMs(), now, now, expected, timeoutAt, config, command.traceId(), 1, facts);
    Instant committed;
    if (command.id() == null) {
      committed = beside(() -> store.saveCheckIn(checkIn), () -> arrive(monitor, env, checkIn, replaced, maintenance, now));
    } else {
      if (!store.saveCheckIn(checkIn)) return Optional.empty();
      committed = arrive(monitor, env, checkIn, replaced, maintenance, now);
    }
    saveOutput(checkIn, report.output(), now);
    if (!Objects.equals(committed, expected)) correctExpectedTime(id, committed);
    return Optional.of(CheckInResult.of(CheckInResult.Outcome.CREATED, id));
  }

  /**
   * Rule C15: the write of a check-in whose id cronmon chose, in flight while {@code arrival} writes its environment.
   * Such an id is random, so its conditional write cannot meet another check-in: a refusal can only be the SDK's retry
   * of this very write after its answer was lost, and counts as written. Which of the two writes lands first does not
   * matter: an environment write that fails leaves the check-in to the sweeper (rule W5), as a request that died would.
   */
  private <T> T beside(Supplier<Boolean> checkInWrite, Supplier<T> arrival) {
    CompletableFuture<Boolean> written = CompletableFuture.supplyAsync(checkInWrite, CONCURRENT_WRITES);
    T result;
    try {
      result = arrival.get();
    } catch (RuntimeException | Error e) {
      written.handle((ok, failure) -> null).join(); // not left writing after the request has answered
      throw e;
    }
    try {
      written.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw e;
    }
    return result;
  }

  /**
   * Records the arrival of a new check-in on its environment (rule W2): a backlog of missed slots longer than one write
   * holds is stored first, part by part, as the sweeper would; then the check-in's own write. Returns the slot the
   * check-in was committed as fulfilling.
   */
  private Instant arrive(Monitor monitor, MonitorEnvironment env, CheckIn checkIn, Set<UUID> replaced, Maintenance maintenance,
                         Instant now) {
    Deafness deaf = deafnessOfOverdue(env, now);
    MonitorEnvironment current = env;
    for (int part = 0; part < MissedSlots.MAX_CATCH_UP_WRITES; part++) {
      EnvironmentWriter.Written w = write(monitor, current, new EnvironmentEvent.SlotsOverdue(deaf, maintenance), now);
      current = w.env();
      if (!w.changed()) break;
    }
    Transition arrived = write(monitor, current, new EnvironmentEvent.CheckInArrived(checkIn, deaf, replaced, maintenance), now)
        .transition();
    if (arrived.overdueLeft()) Log.warn("missed slots left unmarked: a check-in arrived after too long without sweeping",
        "monitorId", monitor.id(), "environment", env.name(), "checkInId", checkIn.id().toString());
    return arrived.slot();
  }

  /**
   * Rule U1 for the slots a check-in marks first (rule W2): the periods cronmon was deaf since the oldest of them, read
   * only when there are such slots. A period the sweeper has not decided yet (its deadline minute is this very one) is
   * not known here: such a slot is marked missed (docs/semantics.md rule U3).
   */
  private Deafness deafnessOfOverdue(MonitorEnvironment env, Instant now) {
    if (!MissedSlots.overdue(env, now)) return Deafness.NONE;
    Instant oldest = env.nextCheckIn() != null ? env.nextCheckIn()
        : env.nextCheckInLatest().minus(java.time.Duration.ofMinutes(MonitorConfig.MAX_MINUTES));
    return deafness.since(oldest);
  }

  /**
   * Rule M4: the monitor's maintenance windows, read only when a question needs them (an outcome that could open or
   * resolve an incident, an overdue slot): an ok check-in of a healthy monitor reads nothing more.
   */
  private Maintenance maintenanceOf(Monitor monitor) {
    return Maintenance.lazily(() -> store.maintenanceWindows(monitor.organization()), monitor);
  }

  /**
   * Rule M3: an outcome at {@code now} that could open or resolve an incident (a failure, or an ok while one is open)
   * counts for nothing when a window applying to the monitor is under way.
   */
  private static boolean inMaintenance(CheckInStatus status, MonitorEnvironment env, Maintenance maintenance, Instant now) {
    boolean couldAlert = status.isFailure() || (status == CheckInStatus.OK && env.activeIncident() != null);
    return couldAlert && maintenance.at(now);
  }

  /**
   * {@code event} applied to the environment through the one writer; an environment deleted meanwhile starts afresh,
   * as it would for the next check-in.
   */
  private EnvironmentWriter.Written write(Monitor monitor, MonitorEnvironment env, EnvironmentEvent event, Instant now) {
    return writer.apply(env, () -> MonitorEnvironment.fresh(monitor.id(), env.name(), now),
        (current, existingMissed) -> Lifecycle.apply(monitor, current, event, now, existingMissed));
  }

  /** A check-in that lost its slot to the sweeper between its write and its environment's: it names no slot after all. */
  private void correctExpectedTime(UUID id, Instant slot) {
    Retry.untilWritten("check-in " + id, attempt -> {
      CheckIn c = store.checkIn(id).orElseThrow();
      if (Objects.equals(c.expectedTime(), slot)) return Optional.of(c);
      CheckIn corrected = c.withExpectedTime(slot);
      return store.saveCheckIn(corrected) ? Optional.of(corrected) : Optional.empty();
    });
  }

  /** {@code env} is the run's environment as read before; its write is on its version, re-read on a conflict. */
  private Optional<CheckInResult> update(CheckInCommand command, CheckIn existing, MonitorEnvironment env, Instant now) {
    Monitor monitor = command.monitor();
    if (command.status() == CheckInStatus.IN_PROGRESS) {
      // Rule C5: a late or repeated in_progress never reopens or restarts a run.
      return Optional.of(CheckInResult.of(CheckInResult.Outcome.UNCHANGED, existing.id()));
    }
    long duration = command.durationMs() != null ? command.durationMs() : Duration.between(existing.dateCreated(), now).toMillis();
    RunReport report = command.report();
    switch (existing.status()) {
      case IN_PROGRESS -> {
        Lifecycle.Finished finished = Lifecycle.finished(monitor.config(), command.status(), duration);
        RunFacts facts = existing.facts().closedWith(report.exitStatus(),
            finished.reason() != null ? finished.reason() : report.reason(), report.output());
        boolean quiet = inMaintenance(finished.status(), env, maintenanceOf(monitor), now);
        if (quiet) facts = facts.inMaintenance();
        if (!store.saveCheckIn(existing.close(finished.status(), duration, now, facts))) return Optional.empty();
        saveOutput(existing, report.output(), now);
        write(monitor, env, new EnvironmentEvent.RunClosed(existing.id(), finished.status(), quiet, duration), now);
        return Optional.of(CheckInResult.of(CheckInResult.Outcome.UPDATED, existing.id()));
      }
      case TIMEOUT, UNKNOWN -> {
        // Sentry #54865: a run already marked timeout keeps that status; only the late duration (and what the job
        // reported with it) is recorded. A run marked unknown (rule U1) likewise: its outcome was decided when its
        // close could not be heard.
        RunFacts facts = existing.facts().closedWith(report.exitStatus(), report.reason(), report.output());
        if (!store.saveCheckIn(existing.close(existing.status(), duration, now, facts))) return Optional.empty();
        saveOutput(existing, report.output(), now);
        return Optional.of(CheckInResult.of(CheckInResult.Outcome.UPDATED, existing.id()));
      }
      default -> {
        return alreadyFinished(command, existing);
      }
    }
  }

  /**
   * Rule C13: the open runs this start without id replaces, each marked superseded (still {@code in_progress}, never
   * timed out) before the new run's arrival takes it off the environment. Only runs whose id cronmon assigned (started
   * without one) are replaced. Null when marking one lost a race: the attempt is redone on fresh reads.
   */
  private Set<UUID> supersede(MonitorEnvironment env, Instant now) {
    Set<UUID> replaced = new HashSet<>();
    for (OpenRun run : env.openRuns()) {
      CheckIn c = store.checkIn(run.checkInId()).orElse(null);
      if (c == null || c.status() != CheckInStatus.IN_PROGRESS || !c.facts().assignedId()) continue;
      if (!c.isSuperseded() && !store.saveCheckIn(c.superseded(now))) return null;
      replaced.add(c.id());
    }
    return replaced;
  }

  /** Rule C12: the output beside its check-in, written after the check-in item (so a refused check-in writes none). */
  private void saveOutput(CheckIn checkIn, JobOutput output, Instant now) {
    if (output != null) store.saveOutput(checkIn.id(), checkIn.dateCreated(), now, output);
  }

  /**
   * Rule C14: a note in the monitor's history (healthchecks' {@code /log}), with its output beside it. It changes no
   * state: no slot, no run, no incident; it counts toward the environment's rate limit (rule C6) when the environment
   * exists, and a note for an environment that has none creates none.
   */
  public CheckInResult note(Monitor monitor, String environment, JobOutput output) {
    if (monitor.status() == MonitorStatus.DISABLED) return disabled(monitor, null);
    Instant now = clock.instant();
    Optional<MonitorEnvironment> env = store.environment(monitor.id(), environment);
    if (env.isPresent() && !limits.allows(env.get().checkInRate(), now)) return rateLimited(null);
    CheckIn note = new CheckIn(UUID.randomUUID(), monitor.id(), monitor.projectId(), environment, CheckInStatus.LOG, null,
        now, now, null, null, monitor.config(), null, 1, RunFacts.NONE.closedWith(null, null, output));
    if (!store.saveCheckIn(note)) throw new IllegalStateException("a random check-in id collided: " + note.id());
    saveOutput(note, output, now);
    env.ifPresent(e -> write(monitor, e, new EnvironmentEvent.Noted(), now));
    return CheckInResult.of(CheckInResult.Outcome.CREATED, note.id());
  }

  /**
   * Why {@code command} would be refused, judged on the stored state without writing anything: a disabled monitor,
   * an environment beyond the cap, an id of another monitor or environment, a run that already finished. The intake
   * asks before it applies a check-in's monitor_config, so that a refused check-in changes nothing at all.
   * {@code command.monitor()} may be one not stored yet (a check-in that would create it).
   */
  public Optional<CheckInResult> refusal(CheckInCommand command) {
    Monitor monitor = command.monitor();
    if (monitor.status() == MonitorStatus.DISABLED) return Optional.of(disabled(monitor, command.id()));
    Optional<MonitorEnvironment> env = store.environment(monitor.id(), command.environment());
    if (env.isEmpty()) {
      Optional<CheckInResult> full = environmentLimitExceeded(command);
      if (full.isPresent()) return full;
    } else if (!limits.allows(env.get().checkInRate(), clock.instant())) {
      return Optional.of(rateLimited(command.id()));
    }
    if (command.id() == null) return Optional.empty();
    Optional<CheckIn> existing = store.checkIn(command.id());
    if (existing.isEmpty()) return Optional.empty();
    return idConflict(command, existing.get()).or(() -> alreadyFinished(command, existing.get()));
  }

  private CheckInResult rateLimited(UUID id) {
    return CheckInResult.rejected(CheckInResult.Outcome.RATE_LIMITED, id,
        "Rate limited, please send no more than " + limits.perMinute() + " check-ins per minute per monitor environment");
  }

  private static CheckInResult disabled(Monitor monitor, UUID id) {
    return CheckInResult.rejected(CheckInResult.Outcome.MONITOR_DISABLED, id,
        "Monitor \"" + monitor.slug() + "\" is disabled and does not accept check-ins");
  }

  private static Optional<CheckInResult> idConflict(CheckInCommand command, CheckIn existing) {
    if (existing.monitorId().equals(command.monitor().id()) && existing.environment().equals(command.environment())) return Optional.empty();
    return Optional.of(CheckInResult.rejected(CheckInResult.Outcome.ID_CONFLICT, command.id(),
        "Check-in " + command.id() + " belongs to another monitor or environment", existing));
  }

  /** Rule C5: ok/error for a run that finished (except by timeout, Sentry #54865) is refused; in_progress is ignored. */
  private static Optional<CheckInResult> alreadyFinished(CheckInCommand command, CheckIn existing) {
    if (command.status() == CheckInStatus.IN_PROGRESS || existing.status() == CheckInStatus.IN_PROGRESS
        || existing.status() == CheckInStatus.TIMEOUT || existing.status() == CheckInStatus.UNKNOWN) {
      return Optional.empty();
    }
    return Optional.of(CheckInResult.rejected(CheckInResult.Outcome.ALREADY_FINISHED, existing.id(),
        "Check-in " + existing.id() + " has already finished (" + existing.status().wire() + ")", existing));
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

  private static Optional<OpenRun> newestOpenRun(MonitorEnvironment env) {
    return env.openRuns().stream().max(Comparator.comparing(OpenRun::started));
  }
}
