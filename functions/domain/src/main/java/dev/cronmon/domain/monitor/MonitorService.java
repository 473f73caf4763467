package dev.cronmon.domain.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.domain.store.CronStore;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/** Creating monitors (API) and upserting them from a check-in's `monitor_config` (DESIGN.md rule 7). */
public final class MonitorService {
  private static final int MAX_ATTEMPTS = 5;

  private final CronStore store;
  private final Clock clock;

  public MonitorService(CronStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * The monitor a check-in is for, after applying its {@code monitor_config} (null when the check-in has none).
   * {@code rejected} is set when the monitor does not exist and cannot be created; {@code configErrors} holds the
   * problems with a config that was not applied (the check-in then goes ahead on the stored config).
   */
  public record Upsert(Monitor monitor, FieldErrors configErrors, boolean rejected) {}

  public Upsert upsertFromCheckIn(String organization, String projectId, String slug, JsonNode monitorConfig) {
    return upsertFromCheckIn(organization, projectId, slug, monitorConfig, monitor -> true);
  }

  /**
   * As above, but an existing monitor is changed only when {@code mayChange} accepts it; otherwise it is returned as
   * stored. The check-in paths pass their rate limit here, so a check-in that will be refused writes nothing.
   */
  public Upsert upsertFromCheckIn(String organization, String projectId, String slug, JsonNode monitorConfig,
                                  Predicate<Monitor> mayChange) {
    boolean hasConfig = monitorConfig != null && !monitorConfig.isNull() && !monitorConfig.isMissingNode();
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Monitor> existing = store.monitor(organization, slug);
      FieldErrors errors = new FieldErrors();
      if (existing.isEmpty()) {
        if (!hasConfig) {
          return new Upsert(null, errors.add("monitor_slug", "Monitor \"" + slug + "\" does not exist and the check-in has no monitor_config to create it"), true);
        }
        MonitorConfig config = MonitorConfigInput.fromSdk(monitorConfig).applyTo(null, errors);
        if (config == null) return new Upsert(null, errors, true);
        Monitor created = new Monitor(UUID.randomUUID().toString(), organization, projectId, slug, slug,
            MonitorStatus.ACTIVE, false, config, clock.instant(), null, 1);
        if (store.putMonitor(created)) return new Upsert(created, errors, false);
        continue; // created concurrently by another check-in: merge into that one
      }
      Monitor monitor = existing.get();
      if (!hasConfig) return new Upsert(monitor, errors, false);
      MonitorConfig merged = MonitorConfigInput.fromSdk(monitorConfig).applyTo(monitor.config(), errors);
      String configError = merged == null ? errors.message("monitor_config.") : null;
      if (Objects.equals(merged == null ? monitor.config() : merged, monitor.config()) && Objects.equals(configError, monitor.configError())) {
        return new Upsert(monitor, errors, false); // the common case: SDKs send the same config on every check-in
      }
      if (!mayChange.test(monitor)) return new Upsert(monitor, errors, false);
      Monitor updated = (merged == null ? monitor.withConfigError(configError) : monitor.withConfig(merged)).withVersion(monitor.version() + 1);
      if (store.replaceMonitor(updated)) return new Upsert(updated, errors, false);
    }
    throw new IllegalStateException("monitor " + slug + " kept changing during upsert");
  }

  /** Creates a monitor through the API; empty when the slug is already in use in the organization. */
  public Optional<Monitor> create(String organization, String projectId, String slug, String name, MonitorStatus status,
                                  boolean muted, MonitorConfig config) {
    Monitor monitor = new Monitor(UUID.randomUUID().toString(), organization, projectId, slug, name, status, muted,
        config, clock.instant(), null, 1);
    return store.putMonitor(monitor) ? Optional.of(monitor) : Optional.empty();
  }
}
