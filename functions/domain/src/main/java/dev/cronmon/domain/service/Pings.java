package dev.cronmon.domain.service;

import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorPing;
import dev.cronmon.domain.store.CheckInRead;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.store.Credential;
import dev.cronmon.domain.store.Retry;
import dev.cronmon.domain.tenant.PingKey;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The addresses of healthchecks' pinging API (docs/semantics.md rules P1–P3): what a ping UUID and a ping key address,
 * and each monitor's ping UUID and its rotation (a project's ping key is made and rotated with its other credentials,
 * {@link dev.cronmon.domain.service.OrganizationAdmin}). A monitor gets its ping UUID the first time it is shown
 * (or pinged by key and slug, or rotated), so monitors made before pings existed, or by an SDK's monitor_config, have
 * one as soon as anyone can see it.
 */
public final class Pings {
  private final CronStore store;
  private final Clock clock;

  public Pings(CronStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Rule P1: the monitor {@code pingId} addresses: one strongly consistent read of the ping item, then the monitor it
   * names (by id, so a renamed monitor keeps its ping URL). Empty for an unknown or rotated UUID and a deleted monitor.
   */
  public Optional<Monitor> monitorOf(UUID pingId) {
    return store.monitorPing(pingId).flatMap(p -> monitorNamedBy(p, null));
  }

  /**
   * As above, from {@code read} when it holds this UUID's lookup (the check-in's one read,
   * {@link CronStore#checkInRead}), with the monitor it read when that is the one the UUID names.
   */
  public Optional<Monitor> monitorOf(UUID pingId, CheckInRead read) {
    if (read == null || !read.holds(Credential.pingId(pingId))) return monitorOf(pingId);
    return read.monitorPing().flatMap(p -> monitorNamedBy(p, read.monitor() == null ? null : read.monitor().monitor()));
  }

  /** The monitor {@code ping} names, in its organization: {@code known} when it is that one, else read by id. */
  private Optional<Monitor> monitorNamedBy(MonitorPing ping, Monitor known) {
    Monitor m = known != null && known.id().equals(ping.monitorId()) ? known : store.monitorsById(List.of(ping.monitorId())).get(ping.monitorId());
    return Optional.ofNullable(m).filter(x -> x.organization().equals(ping.organization()));
  }

  /** Rule P2: the project a ping key belongs to (one strongly consistent read); empty for an unknown or rotated key. */
  public Optional<PingKey> project(String pingKey) {
    return store.pingKey(pingKey);
  }

  /** As above, from {@code read} when it holds this key's lookup. */
  public Optional<PingKey> project(String pingKey, CheckInRead read) {
    return read != null && read.holds(Credential.pingKey(pingKey)) ? read.pingKey() : project(pingKey);
  }

  /** The monitor's ping UUID, given to it now if it has none yet. */
  public MonitorPing pingOf(Monitor monitor) {
    return Retry.untilWritten("ping UUID of monitor " + monitor.id(), attempt -> {
      Optional<MonitorPing> existing = store.pingOfMonitor(monitor.id());
      if (existing.isPresent()) return existing;
      MonitorPing ping = new MonitorPing(UUID.randomUUID(), monitor.organization(), monitor.id(), clock.instant());
      return store.putMonitorPing(ping) ? Optional.of(ping) : Optional.empty();
    });
  }

  /** Rule P3: a new ping UUID for the monitor; the old one stops addressing it at once. */
  public MonitorPing rotate(Monitor monitor) {
    return Retry.untilWritten("ping UUID of monitor " + monitor.id(), attempt -> {
      MonitorPing next = new MonitorPing(UUID.randomUUID(), monitor.organization(), monitor.id(), clock.instant());
      Optional<MonitorPing> existing = store.pingOfMonitor(monitor.id());
      boolean written = existing.isPresent() ? store.replaceMonitorPing(existing.get(), next) : store.putMonitorPing(next);
      return written ? Optional.of(next) : Optional.empty();
    });
  }

  /** The deleted monitor's ping UUID goes with it. */
  public void forget(String monitorId) {
    store.pingOfMonitor(monitorId).ifPresent(store::deleteMonitorPing);
  }
}
