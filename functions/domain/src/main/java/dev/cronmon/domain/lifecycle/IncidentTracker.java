package dev.cronmon.domain.lifecycle;

import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.incident.Failure;
import dev.cronmon.domain.incident.Incident;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.monitor.EnvironmentStatus;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The incident rules (docs/semantics.md rules I1, I2, I4, I5): {@code failure_issue_threshold} consecutive failures
 * open one, {@code recovery_threshold} consecutive oks resolve it. Muted monitors and environments are tracked the same
 * way but put no event in the outbox, so they never alert. Keeping a resolved incident as history (I3) is
 * {@link Change#record}'s part, so that no caller can forget it.
 */
final class IncidentTracker {
  /** Failures kept in a streak or an incident: enough for the reason text, bounded so the item stays small (I1). */
  static final int MAX_FAILURES_KEPT = 20;

  private IncidentTracker() {}

  /** The environment after a finished check-in (ok, error, missed, timeout; unknown changes nothing) of {@code monitor}. */
  static MonitorEnvironment record(Monitor monitor, MonitorEnvironment env, UUID checkInId, CheckInStatus status, Instant time) {
    // Rule U2: an unknown outcome is neither a failure nor an ok; streaks and incidents go on across it. A note (rule
    // C14) is no outcome at all.
    if (status == CheckInStatus.IN_PROGRESS || status.isNeutral() || !status.isRun()) return env;
    // A failure or recovery while muted or snoozed is silent (rules I4, N2), judged at the check-in's time.
    boolean silent = monitor.mutedAt(time) || env.mutedAt(time);
    MonitorEnvironment.Builder next = env.toBuilder();
    Incident incident = env.activeIncident();
    if (status.isFailure()) {
      List<Failure> streak = keepLast(append(env.failureStreak(), new Failure(checkInId, status, time)));
      next.okStreak(0).failureStreak(streak);
      if (incident != null) {
        next.activeIncident(incident.withFailures(keepLast(append(incident.failures(), new Failure(checkInId, status, time)))));
        next.status(EnvironmentStatus.ERROR);
      } else if (streak.size() >= monitor.config().failureIssueThreshold()) {
        Instant started = streak.get(0).time();
        Incident opened = new Incident(UUID.randomUUID().toString(), started, streak, BrokenMonitors.firstLook(started), null, false);
        next.activeIncident(opened).status(EnvironmentStatus.ERROR);
        if (!silent) next.outbox(append(env.outbox(), event(IncidentEvent.Type.OPENED, monitor, env, opened, time)));
      }
      return next.build();
    }
    int okStreak = env.okStreak() + 1;
    next.okStreak(okStreak).failureStreak(List.of()).lastOk(time);
    if (incident == null) return next.status(EnvironmentStatus.OK).build();
    if (okStreak < monitor.config().recoveryThreshold()) return next.build();
    next.activeIncident(null).status(EnvironmentStatus.OK);
    if (env.mutedUntilResolved()) {
      // Rule N3: a snooze until the incident resolves ends with it, so its resolution is announced.
      next.muted(false).mutedUntil(null).mutedUntilResolved(false);
      silent = monitor.mutedAt(time);
    }
    if (!silent) next.outbox(append(env.outbox(), event(IncidentEvent.Type.RESOLVED, monitor, env, incident, time)));
    return next.build();
  }

  static IncidentEvent event(IncidentEvent.Type type, Monitor monitor, MonitorEnvironment env, Incident incident, Instant time) {
    return event(incident.id() + ":" + type.name().toLowerCase(java.util.Locale.ROOT), type, monitor, env, incident, time, 0);
  }

  /** Rule R2: reminder {@code number} of {@code incident}, with its own id so each channel gets it once. */
  static IncidentEvent reminder(Monitor monitor, MonitorEnvironment env, Incident incident, int number, Instant time) {
    return event(incident.id() + ":reminder:" + number, IncidentEvent.Type.REMINDER, monitor, env, incident, time, number);
  }

  private static IncidentEvent event(String id, IncidentEvent.Type type, Monitor monitor, MonitorEnvironment env,
                                     Incident incident, Instant time, int reminder) {
    return new IncidentEvent(id, type, monitor.organization(), monitor.id(), monitor.slug(), monitor.name(), env.name(),
        incident.id(), incident.started(), time, incident.failures(), env.lastOk(),
        monitor.owner() == null ? null : monitor.owner().value(), reminder);
  }

  private static <T> List<T> append(List<T> list, T item) {
    List<T> copy = new ArrayList<>(list);
    copy.add(item);
    return copy;
  }

  private static List<Failure> keepLast(List<Failure> failures) {
    return failures.size() <= MAX_FAILURES_KEPT ? failures : failures.subList(failures.size() - MAX_FAILURES_KEPT, failures.size());
  }
}
