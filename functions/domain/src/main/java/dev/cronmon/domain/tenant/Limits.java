package dev.cronmon.domain.tenant;

import dev.cronmon.domain.config.Variables;
import java.util.function.Function;

/**
 * Abuse limits of one organization: how many monitors it may have, and how many environments each monitor may have.
 * The deployment's defaults come from environment variables that template.yaml sets; an operator may give one
 * organization other values (stored on its item, never settable through the API a tenant holds a token for).
 */
public record Limits(int maxMonitors, int maxEnvironmentsPerMonitor) {
  public static final String MAX_MONITORS_PER_ORG = "MAX_MONITORS_PER_ORG";
  public static final String MAX_ENVIRONMENTS_PER_MONITOR = "MAX_ENVIRONMENTS_PER_MONITOR";
  /** Far above a real team's needs, low enough that a leaked token cannot fill the table. */
  public static final Limits DEFAULT = new Limits(1000, 100);
  public static final int MAX_LIMIT = 1_000_000;

  public Limits {
    if (maxMonitors < 1 || maxMonitors > MAX_LIMIT) throw new IllegalArgumentException("maxMonitors out of range: " + maxMonitors);
    if (maxEnvironmentsPerMonitor < 1 || maxEnvironmentsPerMonitor > MAX_LIMIT) {
      throw new IllegalArgumentException("maxEnvironmentsPerMonitor out of range: " + maxEnvironmentsPerMonitor);
    }
  }

  /** The deployment's defaults from its environment variables; absent ones take {@link #DEFAULT}'s values. */
  public static Limits fromEnvironment(Function<String, String> env) {
    return new Limits(
        Variables.integer(env, MAX_MONITORS_PER_ORG, DEFAULT.maxMonitors, 1, MAX_LIMIT),
        Variables.integer(env, MAX_ENVIRONMENTS_PER_MONITOR, DEFAULT.maxEnvironmentsPerMonitor, 1, MAX_LIMIT));
  }

  /** These defaults with the organization's own values, where the operator set some. */
  public Limits forOrganization(Organization organization) {
    if (organization == null) return this;
    return new Limits(
        organization.maxMonitors() != null ? organization.maxMonitors() : maxMonitors,
        organization.maxEnvironmentsPerMonitor() != null ? organization.maxEnvironmentsPerMonitor() : maxEnvironmentsPerMonitor);
  }
}
