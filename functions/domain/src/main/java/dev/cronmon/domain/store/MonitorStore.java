package dev.cronmon.domain.store;

import dev.cronmon.domain.monitor.Monitor;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Monitors, by organization and slug (unique per organization) and by id. Reads are strongly consistent: a writer that
 * lost a race re-reads the winner's monitor.
 */
public interface MonitorStore {
  Optional<Monitor> monitor(String organization, String slug);

  /**
   * The monitor of {@code slug} and, read with it, its environment {@code environment} as stored (the check-in's hot
   * path: the check-in starts from it instead of reading the environment again).
   */
  Optional<MonitorRead> monitorForCheckIn(String organization, String slug, String environment);

  /** Creates the monitor at version 1; false when the slug is taken in the organization (or the id exists). */
  boolean putMonitor(Monitor monitor);

  /** Writes {@code monitor} (version n ≥ 2) if the stored version is n - 1; false otherwise. */
  boolean replaceMonitor(Monitor monitor);

  /** Moves {@code previous} to {@code renamed}'s slug, with {@code renamed.version() == previous.version() + 1}. */
  UpdateOutcome renameMonitor(Monitor previous, Monitor renamed);

  /** Deletes the monitor (and its alert rule) if its stored version is {@code monitor.version()}. */
  boolean deleteMonitor(Monitor monitor);

  /** In slug order, {@code limit} at a time (at most {@link Page#MAX_SIZE}); the last page has no cursor. */
  Page<Monitor> monitors(String organization, String cursor, int limit);

  /** How many monitors the organization has, counting no further than {@code atMost}. */
  int countMonitors(String organization, int atMost);

  /** Whether any monitor of the organization belongs to the project. */
  boolean projectHasMonitors(String organization, String projectId);

  /** The monitors with these ids (the sweeper knows environments, which name their monitor by id); unknown ids are absent. */
  Map<String, Monitor> monitorsById(Collection<String> monitorIds);
}
