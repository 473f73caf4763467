package dev.cronmon.domain.incident;

import java.time.Instant;
import java.util.List;

/**
 * An incident of one monitor environment after it resolved: kept as history (the open one lives on its environment).
 * Written in the same transaction as the environment update that resolved it, so history never misses one.
 */
public record ResolvedIncident(String monitorId, String environment, String id, Instant started, Instant resolved,
                               List<Failure> failures) {

  public ResolvedIncident {
    failures = List.copyOf(failures);
  }

  public static ResolvedIncident of(String monitorId, String environment, Incident incident, Instant resolved) {
    return new ResolvedIncident(monitorId, environment, incident.id(), incident.started(), resolved, incident.failures());
  }
}
