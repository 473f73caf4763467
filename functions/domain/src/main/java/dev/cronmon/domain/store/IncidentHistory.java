package dev.cronmon.domain.store;

import dev.cronmon.domain.incident.ResolvedIncident;

/**
 * Resolved incidents, kept {@link CheckInHistory#RETENTION} from their resolution. They are written with the
 * environment update that resolved them ({@link EnvironmentStore#saveEnvironmentChange}), never alone.
 */
public interface IncidentHistory {
  /** A monitor's resolved incidents, newest (by start) first; {@code environment} null for all environments. */
  Page<ResolvedIncident> resolvedIncidents(String monitorId, String environment, String cursor, int limit);

  /** Deletes the resolved incidents of one environment of a monitor. */
  void deleteResolvedIncidents(String monitorId, String environment);
}
