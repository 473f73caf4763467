package dev.cronmon.domain.alert;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Which channels hear about a monitor's incidents: {@code channels} for every environment, unless
 * {@code environments} names the environment, whose list then applies instead (an empty list silences it).
 * A monitor's own rule wins; a project's rule is the default for its monitors that have none.
 */
public record AlertRule(List<String> channels, Map<String, List<String>> environments, long version) {

  public AlertRule {
    channels = List.copyOf(channels);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    environments.forEach((env, ids) -> copy.put(env, List.copyOf(ids)));
    environments = java.util.Collections.unmodifiableMap(copy);
  }

  public List<String> channelsFor(String environment) {
    return environments.getOrDefault(environment, channels);
  }

  /** Every channel id the rule names, once. */
  public List<String> channelIds() {
    LinkedHashSet<String> ids = new LinkedHashSet<>(channels);
    environments.values().forEach(ids::addAll);
    return List.copyOf(ids);
  }

  public AlertRule withVersion(long newVersion) {
    return new AlertRule(channels, environments, newVersion);
  }

  /** Whose rule: a monitor's (by monitor id, so a slug rename keeps it) or a project's default. */
  public record Owner(Kind kind, String id) {
    public enum Kind { MONITOR, PROJECT }

    public static Owner monitor(String monitorId) {
      return new Owner(Kind.MONITOR, monitorId);
    }

    public static Owner project(String projectId) {
      return new Owner(Kind.PROJECT, projectId);
    }
  }
}
