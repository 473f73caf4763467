package dev.cronmon.domain.lifecycle;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.incident.ResolvedIncident;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one event does to a monitor environment: the environment after it (its version still the one it was computed
 * from; {@code service.EnvironmentWriter} sets the next), and everything written with it in one conditional write. The incident
 * events it creates are in the environment's outbox ({@link #newEvents}).
 *
 * @param before    the environment it was computed from (as {@link EarlierShapes} reads it)
 * @param checkIns  check-ins created (missed) or closed (timeout) by this change, written with the environment
 * @param resolved  incidents this change resolved, kept as history (docs/semantics.md rule I3)
 * @param recorded  check-ins the sweeper recorded for a request that died before it could (rule W5)
 * @param slot      for an arriving check-in: the slot it fulfils, or null (rule S6)
 * @param overdueLeft for an arriving check-in: slots still overdue that this write could not hold (rule W2)
 */
public record Transition(MonitorEnvironment before, MonitorEnvironment env, List<CheckIn> checkIns,
                         List<ResolvedIncident> resolved, List<CheckIn> recorded, Instant slot, boolean overdueLeft) {

  public Transition {
    checkIns = List.copyOf(checkIns);
    resolved = List.copyOf(resolved);
    recorded = List.copyOf(recorded);
  }

  /** Whether there is anything to write. */
  public boolean changes() {
    return !env.equals(before) || !checkIns.isEmpty() || !resolved.isEmpty();
  }

  /** Outbox events this change added. */
  public List<IncidentEvent> newEvents() {
    Set<String> known = new HashSet<>();
    before.outbox().forEach(e -> known.add(e.id()));
    return env.outbox().stream().filter(e -> !known.contains(e.id())).toList();
  }

  public int count(CheckInStatus status) {
    return (int) checkIns.stream().filter(c -> c.status() == status).count();
  }
}
