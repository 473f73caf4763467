package dev.cronmon.domain.lifecycle;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.incident.Incident;
import dev.cronmon.domain.incident.ResolvedIncident;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A {@link Transition} while {@link Lifecycle#apply} builds it: the environment as it becomes, and the items the change
 * creates. One per application, never shared, so the transition function stays pure from the outside.
 */
final class Change {
  private final MonitorEnvironment before;
  MonitorEnvironment env;
  final List<CheckIn> checkIns = new ArrayList<>();
  final List<ResolvedIncident> resolved = new ArrayList<>();
  final List<CheckIn> recorded = new ArrayList<>();
  Instant slot;
  boolean overdueLeft;

  Change(MonitorEnvironment before) {
    this.before = before;
    this.env = before;
  }

  /**
   * A finished check-in reaches the incident rules; an incident it resolves becomes history in the same write
   * (docs/semantics.md rule I3), whichever event brought the check-in.
   */
  void record(Monitor monitor, UUID checkInId, CheckInStatus status, Instant time) {
    record(monitor, checkInId, status, time, false);
  }

  /** As above; an outcome in a maintenance window counts for nothing, as `unknown` does (rule M3). */
  void record(Monitor monitor, UUID checkInId, CheckInStatus status, Instant time, boolean maintenance) {
    if (maintenance) return;
    Incident open = env.activeIncident();
    env = IncidentTracker.record(monitor, env, checkInId, status, time);
    if (open != null && env.activeIncident() == null) resolved.add(ResolvedIncident.of(env.monitorId(), env.name(), open, time));
  }

  Transition done() {
    return new Transition(before, env, checkIns, resolved, recorded, slot, overdueLeft);
  }
}
