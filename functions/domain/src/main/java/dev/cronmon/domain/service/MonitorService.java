package dev.cronmon.domain.service;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.checkin.OpenRun;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.lifecycle.EnvironmentEvent;
import dev.cronmon.domain.monitor.DisplayName;
import dev.cronmon.domain.monitor.FieldErrors;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorConfigInput;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.monitor.Owner;
import dev.cronmon.domain.monitor.Slug;
import dev.cronmon.domain.monitor.Snooze;
import dev.cronmon.domain.error.ValidationException;
import dev.cronmon.domain.lifecycle.Lifecycle;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.store.MonitorRead;
import dev.cronmon.domain.store.Retry;
import dev.cronmon.domain.store.UpdateOutcome;
import dev.cronmon.domain.tenant.Limits;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Creating monitors (API) and upserting them from a check-in's `monitor_config` (docs/semantics.md rule C9); updating,
 * muting and deleting them, with the deadlines of their environments kept in step (rule S7, through the state core:
 * {@link Lifecycle}, {@link EnvironmentWriter}); and the per-organization cap on monitors ({@link Limits}). Every
 * conditional write re-reads and tries again through {@link Retry#untilWritten}.
 */
public final class MonitorService {
  private final CronStore store;
  private final EnvironmentWriter writer;
  private final Clock clock;
  private final Limits limits;

  public MonitorService(CronStore store, Clock clock) {
    this(store, clock, Limits.DEFAULT);
  }

  public MonitorService(CronStore store, Clock clock, Limits limits) {
    this.store = store;
    this.writer = new EnvironmentWriter(store);
    this.clock = clock;
    this.limits = limits;
  }

  /**
   * The monitor a check-in is for, after applying its {@code monitor_config} (null when the check-in has none).
   * {@code rejected} is set when the monitor does not exist and cannot be created; {@code configErrors} holds the
   * problems with a config that was not applied (the check-in then goes ahead on the stored config);
   * {@code limitExceeded} says why a monitor could not be created when the organization is at its cap.
   */
  /**
   * {@code read}: the monitor as read with the check-in's environment (see {@link MonitorRead}) when the upsert wrote
   * nothing; null when it wrote, or refused.
   */
  public record Upsert(Monitor monitor, FieldErrors configErrors, boolean rejected, String limitExceeded, MonitorRead read) {
    public Upsert(Monitor monitor, FieldErrors configErrors, boolean rejected) {
      this(monitor, configErrors, rejected, null, null);
    }

    public Upsert(Monitor monitor, FieldErrors configErrors, boolean rejected, String limitExceeded) {
      this(monitor, configErrors, rejected, limitExceeded, null);
    }
  }

  public Upsert upsertFromCheckIn(String organization, String projectId, String slug, MonitorConfigInput monitorConfig) {
    return upsertFromCheckIn(organization, () -> projectId, slug, null, monitorConfig, prospective -> true);
  }

  /**
   * As above; {@code mayWrite} sees the monitor as it would be written, before it is, and may veto the write (the
   * upsert then answers {@code rejected}): the intake vetoes it for a check-in it is going to refuse, since a refused
   * request writes nothing. Only asked when there is something to write. {@code projectId} is asked only when the
   * monitor is created. {@code environment}: the check-in's, read with the monitor when the store can (null: none).
   */
  public Upsert upsertFromCheckIn(String organization, Supplier<String> projectId, String slug, String environment,
                                  MonitorConfigInput monitorConfig, Predicate<Monitor> mayWrite) {
    return upsertFromCheckIn(organization, projectId, slug, environment, monitorConfig, mayWrite, null);
  }

  /**
   * As above; {@code readAhead} (may be null) is the monitor as the request already read it with its credential
   * ({@link dev.cronmon.domain.store.CronStore#checkInRead}): the first attempt starts from it when it is this
   * monitor's, a retry reads afresh.
   */
  public Upsert upsertFromCheckIn(String organization, Supplier<String> projectId, String slug, String environment,
                                  MonitorConfigInput monitorConfig, Predicate<Monitor> mayWrite, MonitorRead readAhead) {
    boolean hasConfig = monitorConfig != null;
    return Retry.untilWritten("monitor " + slug, attempt -> {
      boolean reuse = attempt == 0 && readAhead != null && readAhead.monitor().organization().equals(organization)
          && readAhead.monitor().slug().equals(slug);
      Optional<MonitorRead> read = reuse ? Optional.of(readAhead) : store.monitorForCheckIn(organization, slug, environment);
      Optional<Monitor> existing = read.map(MonitorRead::monitor);
      FieldErrors errors = new FieldErrors();
      if (existing.isEmpty()) {
        if (!hasConfig) {
          return Optional.of(new Upsert(null, errors.add("monitor_slug", "Monitor \"" + slug + "\" does not exist and the check-in has no monitor_config to create it"), true));
        }
        MonitorConfig config = monitorConfig.applyTo(null, errors);
        if (config == null) return Optional.of(new Upsert(null, errors, true));
        Optional<String> full = monitorLimitExceeded(organization);
        if (full.isPresent()) return Optional.of(new Upsert(null, errors, true, full.get()));
        Monitor created = new Monitor(UUID.randomUUID().toString(), organization, projectId.get(), slug, slug,
            MonitorStatus.ACTIVE, false, config, clock.instant(), null, 1, monitorConfig.owner().orElse(null));
        if (!mayWrite.test(created)) return Optional.of(new Upsert(null, errors, true));
        // Empty when created concurrently by another check-in: the next attempt merges into that one.
        return store.putMonitor(created) ? Optional.of(new Upsert(created, errors, false)) : Optional.empty();
      }
      Monitor monitor = existing.get();
      if (!hasConfig) return Optional.of(new Upsert(monitor, errors, false, null, read.get()));
      MonitorConfig merged = monitorConfig.applyTo(monitor.config(), errors);
      String configError = merged == null ? errors.message("monitor_config.") : null;
      Owner owner = merged == null ? monitor.owner() : monitorConfig.owner().orElse(monitor.owner());
      if (Objects.equals(merged == null ? monitor.config() : merged, monitor.config()) && Objects.equals(configError, monitor.configError())
          && Objects.equals(owner, monitor.owner())) {
        return Optional.of(new Upsert(monitor, errors, false, null, read.get())); // the common case: SDKs send the same config every time
      }
      Monitor updated = (merged == null ? monitor.withConfigError(configError) : monitor.withConfig(merged).withOwner(owner))
          .withVersion(monitor.version() + 1);
      if (!mayWrite.test(updated)) return Optional.of(new Upsert(monitor, errors, true));
      return store.replaceMonitor(updated) ? Optional.of(new Upsert(updated, errors, false)) : Optional.empty();
    });
  }

  /** Creates a monitor through the API; empty when the slug is already in use in the organization. */
  public Optional<Monitor> create(String organization, String projectId, String slug, String name, MonitorStatus status,
                                  boolean muted, MonitorConfig config) {
    return create(organization, projectId, slug, name, status, muted, config, null);
  }

  /** As above, with its owner (null: none). */
  public Optional<Monitor> create(String organization, String projectId, String slug, String name, MonitorStatus status,
                                  boolean muted, MonitorConfig config, Owner owner) {
    Monitor monitor = new Monitor(UUID.randomUUID().toString(), organization, projectId, slug, name, status, muted,
        config, clock.instant(), null, 1, owner);
    return store.putMonitor(monitor) ? Optional.of(monitor) : Optional.empty();
  }

  /**
   * Why the organization may not get another monitor, if it may not. The count is a Query read before the write, so
   * requests racing at the cap can each pass: the cap is exact up to the number of concurrent creations.
   */
  public Optional<String> monitorLimitExceeded(String organization) {
    int max = limits.forOrganization(store.organization(organization).orElse(null)).maxMonitors();
    if (store.countMonitors(organization, max) < max) return Optional.empty();
    return Optional.of("You may not exceed " + max + " monitors per organization");
  }

  /**
   * What a monitor update asks for; null fields are left as they are. {@code config} is merged over the monitor's;
   * {@code owner} is set (null: removed) only when {@code ownerGiven}; {@code mutedUntil} snoozes the monitor (rule N1),
   * and {@code muted} given without it mutes for good or unmutes, ending a snooze.
   */
  public record Changes(String name, String slug, MonitorStatus status, Boolean muted, MonitorConfigInput config, boolean ownerGiven,
                        Owner owner, Instant mutedUntil) {
    public Changes(String name, String slug, MonitorStatus status, Boolean muted, MonitorConfigInput config) {
      this(name, slug, status, muted, config, false, null, null);
    }

    public Changes(String name, String slug, MonitorStatus status, Boolean muted, MonitorConfigInput config, boolean ownerGiven,
                   Owner owner) {
      this(name, slug, status, muted, config, ownerGiven, owner, null);
    }
  }

  /** The updated monitor, or the field errors that refused the update (nothing written then). */
  public record Updated(Monitor monitor, FieldErrors errors) {}

  /**
   * Merges {@code changes} into the monitor (PUT), then brings every environment's deadlines in step with the new
   * config and status (docs/semantics.md rule S7). Empty when there is no such monitor. A slug change moves the monitor item
   * (its id, environments and history stay). The environments are also brought in step when nothing changed, so
   * repeating a request finishes one that was interrupted between the monitor and its environments.
   */
  public Optional<Updated> update(String organization, String slug, Changes changes) {
    return Retry.untilWritten("monitor " + slug, attempt -> {
      Optional<Monitor> found = store.monitor(organization, slug);
      if (found.isEmpty()) return Optional.of(Optional.<Updated>empty());
      Monitor existing = found.get();
      FieldErrors errors = new FieldErrors();
      if (changes.name() != null) DisplayName.problem(changes.name()).ifPresent(p -> errors.add("name", p));
      if (changes.slug() != null) Slug.problem(changes.slug()).ifPresent(p -> errors.add("slug", p));
      if (changes.mutedUntil() != null) Snooze.problem(changes.mutedUntil(), clock.instant()).ifPresent(p -> errors.add("mutedUntil", p));
      MonitorConfig config = existing.config();
      boolean configGiven = changes.config() != null;
      if (configGiven) {
        FieldErrors configErrors = new FieldErrors();
        config = changes.config().applyTo(existing.config(), configErrors);
        errors.addAll("config.", configErrors);
      }
      if (!errors.isEmpty()) return Optional.of(Optional.of(new Updated(null, errors)));
      Monitor updated = new Monitor(existing.id(), organization, existing.projectId(),
          changes.slug() != null ? changes.slug() : existing.slug(),
          changes.name() != null ? changes.name() : existing.name(),
          changes.status() != null ? changes.status() : existing.status(),
          changes.mutedUntil() != null || (changes.muted() != null ? changes.muted() : existing.muted()),
          config, existing.dateCreated(), configGiven ? null : existing.configError(), existing.version() + 1,
          changes.ownerGiven() ? changes.owner() : existing.owner(),
          changes.mutedUntil() != null ? changes.mutedUntil() : changes.muted() != null ? null : existing.mutedUntil());
      if (!updated.equals(existing.withVersion(updated.version()))) {
        UpdateOutcome outcome = updated.slug().equals(existing.slug())
            ? (store.replaceMonitor(updated) ? UpdateOutcome.UPDATED : UpdateOutcome.STALE)
            : store.renameMonitor(existing, updated);
        if (outcome == UpdateOutcome.SLUG_TAKEN) {
          return Optional.of(Optional.of(new Updated(null, new FieldErrors().add("slug", "The slug \"" + updated.slug() + "\" is already in use."))));
        }
        if (outcome == UpdateOutcome.STALE) return Optional.empty();
      } else {
        updated = existing;
      }
      for (MonitorEnvironment env : store.environments(updated.id())) keepInStep(updated, env);
      return Optional.of(Optional.of(new Updated(updated, errors)));
    });
  }

  /** Mutes or unmutes one environment of a monitor; empty when the monitor or the environment does not exist. */
  public Optional<MonitorEnvironment> muteEnvironment(Monitor monitor, String environment, boolean muted) {
    return store.environment(monitor.id(), environment)
        .flatMap(env -> updateEnvironment(monitor, env, new EnvironmentEvent.Muted(muted)));
  }

  /**
   * Snoozes one environment (rules N1–N3): until {@code until}, or until its open incident resolves ({@code until}
   * null). Empty when the monitor or the environment does not exist; a field error (nothing written) for a time that
   * cannot end a snooze, or for "until resolved" without an open incident.
   */
  public Optional<MonitorEnvironment> snoozeEnvironment(Monitor monitor, String environment, Instant until) {
    Optional<MonitorEnvironment> env = store.environment(monitor.id(), environment);
    if (env.isEmpty()) return env;
    FieldErrors errors = new FieldErrors();
    if (until != null) Snooze.problem(until, clock.instant()).ifPresent(p -> errors.add("mutedUntil", p));
    else if (env.get().activeIncident() == null) errors.add("mutedUntilResolved", "The environment has no open incident.");
    if (!errors.isEmpty()) throw new ValidationException(errors.asMap());
    return updateEnvironment(monitor, env.get(), new EnvironmentEvent.Muted(true, until, until == null));
  }

  /**
   * Deletes the monitor and its environments. Check-ins and resolved incidents are left to expire (90-day TTL):
   * nothing reaches them once the monitor id is gone, and deleting a busy monitor's history would cost a write per
   * check-in. False when there is no such monitor.
   */
  public boolean delete(String organization, String slug) {
    return Retry.untilWritten("monitor " + slug, attempt -> {
      Optional<Monitor> found = store.monitor(organization, slug);
      if (found.isEmpty()) return Optional.of(false);
      if (!store.deleteMonitor(found.get())) return Optional.empty();
      for (MonitorEnvironment env : store.environments(found.get().id())) deleteEnvironment(found.get(), env);
      return Optional.of(true);
    });
  }

  /**
   * Deletes one environment of a monitor (its state, deadlines, open runs and incidents); its check-ins stay in the
   * monitor's history until they expire. False when there is no such environment.
   */
  public boolean deleteEnvironment(Monitor monitor, String environment) {
    Optional<MonitorEnvironment> env = store.environment(monitor.id(), environment);
    if (env.isEmpty()) return false;
    deleteEnvironment(monitor, env.get());
    store.deleteResolvedIncidents(monitor.id(), environment);
    return true;
  }

  private void deleteEnvironment(Monitor monitor, MonitorEnvironment env) {
    MonitorEnvironment[] current = {env};
    Retry.untilWritten("environment " + env.name() + " of monitor " + monitor.id(), attempt -> {
      if (store.deleteEnvironment(current[0])) return Optional.of(true);
      Optional<MonitorEnvironment> reread = store.environment(monitor.id(), env.name());
      if (reread.isEmpty()) return Optional.of(false); // deleted by someone else
      current[0] = reread.get();
      return Optional.empty();
    });
  }

  /** Brings one environment in step with its monitor (rule S7), then moves the timeouts of its open runs' check-ins to match. */
  private void keepInStep(Monitor monitor, MonitorEnvironment env) {
    updateEnvironment(monitor, env, new EnvironmentEvent.MonitorChanged()).ifPresent(saved -> {
      for (OpenRun run : saved.openRuns()) moveTimeout(run);
    });
  }

  /** The check-in item of an open run carries the run's timeout too; it follows the environment's, never leads it. */
  private void moveTimeout(OpenRun run) {
    Retry.untilWritten("check-in " + run.checkInId(), attempt -> {
      Optional<CheckIn> checkIn = store.checkIn(run.checkInId());
      if (checkIn.isEmpty() || checkIn.get().status() != CheckInStatus.IN_PROGRESS) return Optional.of(false); // closed meanwhile
      if (run.timeoutAt().equals(checkIn.get().timeoutAt())) return Optional.of(false);
      return store.saveCheckIn(checkIn.get().withTimeoutAt(run.timeoutAt())) ? Optional.of(true) : Optional.empty();
    });
  }

  /**
   * Applies {@code event} to the stored environment through the one writer (re-reading and re-applying when a check-in
   * or the sweeper wrote it first); nothing is written when it changes nothing. Empty when it was deleted.
   */
  private Optional<MonitorEnvironment> updateEnvironment(Monitor monitor, MonitorEnvironment env, EnvironmentEvent event) {
    Instant now = clock.instant();
    return Optional.ofNullable(writer.apply(env, null,
        (current, existingMissed) -> Lifecycle.apply(monitor, current, event, now, existingMissed)).env());
  }
}
