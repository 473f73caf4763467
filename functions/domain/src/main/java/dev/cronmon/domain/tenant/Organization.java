package dev.cronmon.domain.tenant;

import java.time.Instant;

/**
 * The tenant: every monitor, project, key and token belongs to exactly one organization. {@code maxMonitors} and
 * {@code maxEnvironmentsPerMonitor} are the operator's overrides of the deployment's {@link Limits}; null means the
 * default.
 */
public record Organization(String slug, String name, Instant dateCreated, Integer maxMonitors, Integer maxEnvironmentsPerMonitor) {

  public Organization(String slug, String name, Instant dateCreated) {
    this(slug, name, dateCreated, null, null);
  }

  public Organization withLimits(Integer newMaxMonitors, Integer newMaxEnvironmentsPerMonitor) {
    return new Organization(slug, name, dateCreated, newMaxMonitors, newMaxEnvironmentsPerMonitor);
  }
}
