package dev.cronmon.domain.store;

import dev.cronmon.domain.maintenance.MaintenanceWindow;
import java.util.List;
import java.util.Optional;

/**
 * An organization's maintenance windows (docs/semantics.md rules M1–M5), in its own partition: the sweeper reads them
 * all at once, once per organization and tick. Writes are on the version, as {@link AlertStore}'s channels.
 */
public interface MaintenanceStore {
  Optional<MaintenanceWindow> maintenanceWindow(String organization, String id);

  /** The organization's windows, by id (at most {@code MaintenanceAdmin.MAX_WINDOWS_PER_ORGANIZATION}). */
  List<MaintenanceWindow> maintenanceWindows(String organization);

  /** Creates (version 1) or replaces (stored version = {@code window.version() - 1}) the window. */
  boolean saveMaintenanceWindow(MaintenanceWindow window);

  /** Deletes the window if its stored version is {@code version}; false otherwise. */
  boolean deleteMaintenanceWindow(String organization, String id, long version);
}
