package dev.cronmon.domain.store;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.incident.ResolvedIncident;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import java.util.List;
import java.util.Optional;

/**
 * Monitor environments, the commit point of every check-in and sweep decision. Writes are on the version: version 1
 * creates (the environment must not exist), version n replaces the stored version n - 1; a refused condition is a
 * {@code false}, and the caller re-reads (reads are strongly consistent) and decides again.
 */
public interface EnvironmentStore {
  Optional<MonitorEnvironment> environment(String monitorId, String name);

  /** The monitor's environments, by name. */
  List<MonitorEnvironment> environments(String monitorId);

  /** How many environments the monitor has, counting no further than {@code atMost}. */
  int countEnvironments(String monitorId, int atMost);

  /** Creates (version 1) or replaces (stored version = {@code env.version() - 1}) the environment. */
  boolean saveEnvironment(MonitorEnvironment env);

  /**
   * Saves the environment, the check-ins and the incidents the change resolved (as history), all or nothing: each
   * under the rule of {@link #saveEnvironment} and {@link CheckInHistory#saveCheckIn} (version 1 creates, version n
   * replaces n - 1), the incidents created; false, with nothing written, when any of those conditions fails. This is how
   * one transition is written together with what it made (missed and timed-out check-ins, resolved incidents).
   */
  boolean saveEnvironmentChange(MonitorEnvironment env, List<CheckIn> checkIns, List<ResolvedIncident> resolved);

  /** {@link #saveEnvironmentChange} with no resolved incident. */
  default boolean saveEnvironmentWithCheckIns(MonitorEnvironment env, List<CheckIn> checkIns) {
    return saveEnvironmentChange(env, checkIns, List.of());
  }

  /** {@link #saveEnvironmentChange} with no check-ins. */
  default boolean saveEnvironment(MonitorEnvironment env, ResolvedIncident resolved) {
    return saveEnvironmentChange(env, List.of(), List.of(resolved));
  }

  /** Deletes the environment if its stored version is {@code env.version()}. */
  boolean deleteEnvironment(MonitorEnvironment env);
}
