package dev.cronmon.domain.store;

import dev.cronmon.domain.monitor.MonitorPing;
import dev.cronmon.domain.tenant.PingKey;
import java.util.Optional;
import java.util.UUID;

/**
 * The storage port of healthchecks-style ping addresses (docs/semantics.md rules P1–P3): each monitor's ping UUID and
 * each project's ping key, both found by the secret alone with one strongly consistent read, so that a rotated one
 * stops working at once. Every write is conditional; a refused condition is a {@code false}.
 */
public interface PingAddresses {

  /** The monitor a ping UUID addresses (strongly consistent). */
  Optional<MonitorPing> monitorPing(UUID pingId);

  /** The monitor's current ping UUID. */
  Optional<MonitorPing> pingOfMonitor(String monitorId);

  /** Gives the monitor its first ping UUID; false when it has one (or the UUID is taken). */
  boolean putMonitorPing(MonitorPing ping);

  /** Replaces the monitor's ping UUID {@code previous} with {@code next} at once; false when it is no longer {@code previous}. */
  boolean replaceMonitorPing(MonitorPing previous, MonitorPing next);

  /** Deletes the monitor's ping UUID (the monitor is gone); false when it is already gone. */
  boolean deleteMonitorPing(MonitorPing ping);

  /** The project a ping key belongs to (strongly consistent). */
  Optional<PingKey> pingKey(String key);

  /** The project's current ping key. */
  Optional<PingKey> pingKeyOfProject(String projectId);

  /** Gives the project its first ping key; false when it has one (or the key is taken). */
  boolean putPingKey(PingKey key);

  /** Replaces the project's ping key {@code previous} with {@code next} at once; false when it is no longer {@code previous}. */
  boolean replacePingKey(PingKey previous, PingKey next);

  /** Deletes the project's ping key: it stops working at once; false when it is already gone. */
  boolean deletePingKey(PingKey key);
}
