package dev.cronmon.domain.monitor;

import dev.cronmon.domain.config.MonitorConfig;
import java.time.Instant;

/**
 * A monitor: what one scheduled job is expected to do. {@code version} guards every write (optimistic concurrency);
 * {@code configError} is the last `monitor_config` of a check-in that could not be applied (docs/semantics.md rule C9), for the API;
 * {@code owner} who owns it, or null (docs/semantics.md rule O1); {@code mutedUntil}: with {@code muted}, the time a
 * snooze ends (rules N1–N3), or null: muted for good.
 */
public record Monitor(
    String id,
    String organization,
    String projectId,
    String slug,
    String name,
    MonitorStatus status,
    boolean muted,
    MonitorConfig config,
    Instant dateCreated,
    String configError,
    long version,
    Owner owner,
    Instant mutedUntil) {

  /** A monitor not snoozed. */
  public Monitor(String id, String organization, String projectId, String slug, String name, MonitorStatus status, boolean muted,
                 MonitorConfig config, Instant dateCreated, String configError, long version, Owner owner) {
    this(id, organization, projectId, slug, name, status, muted, config, dateCreated, configError, version, owner, null);
  }

  /** Whether the monitor is muted at {@code now}: muted for good, or snoozed until a time still ahead (rules I4, N1, N2). */
  public boolean mutedAt(Instant now) {
    return muted && (mutedUntil == null || now.isBefore(mutedUntil));
  }

  /** Muted with no end (rule R4 ends reminders then). */
  public boolean mutedForGood() {
    return muted && mutedUntil == null;
  }

  /** A monitor without an owner. */
  public Monitor(String id, String organization, String projectId, String slug, String name, MonitorStatus status, boolean muted,
                 MonitorConfig config, Instant dateCreated, String configError, long version) {
    this(id, organization, projectId, slug, name, status, muted, config, dateCreated, configError, version, null);
  }

  public Monitor withConfig(MonitorConfig newConfig) {
    return new Monitor(id, organization, projectId, slug, name, status, muted, newConfig, dateCreated, null, version, owner, mutedUntil);
  }

  public Monitor withConfigError(String error) {
    return new Monitor(id, organization, projectId, slug, name, status, muted, config, dateCreated, error, version, owner, mutedUntil);
  }

  public Monitor withVersion(long newVersion) {
    return new Monitor(id, organization, projectId, slug, name, status, muted, config, dateCreated, configError, newVersion, owner, mutedUntil);
  }

  public Monitor withOwner(Owner newOwner) {
    return new Monitor(id, organization, projectId, slug, name, status, muted, config, dateCreated, configError, version, newOwner, mutedUntil);
  }
}
