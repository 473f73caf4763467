package dev.cronmon.domain.alert;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Which channels hear about a monitor's incidents: {@code channels} for every environment, unless
 * {@code environments} names the environment, whose list then applies instead (an empty list silences it).
 * A monitor's own rule wins; a project's rule is the default for its monitors that have none. {@code remindEvery}: how
 * often the opening alert is repeated while the incident stays open (docs/semantics.md rules R1–R5), or null: never.
 */
public record AlertRule(List<String> channels, Map<String, List<String>> environments, Duration remindEvery, long version) {
  /** The shortest reminder period (rule R1): a reminder every sweep would be a page storm, not a reminder. */
  public static final Duration MIN_REMINDER = Duration.ofMinutes(10);
  /** The longest (rule R1): a month; longer is indistinguishable from none. */
  public static final Duration MAX_REMINDER = Duration.ofDays(30);

  public AlertRule {
    if (remindEvery != null && (remindEvery.compareTo(MIN_REMINDER) < 0 || remindEvery.compareTo(MAX_REMINDER) > 0)) {
      throw new IllegalArgumentException("reminder period out of bounds: " + remindEvery);
    }
    channels = List.copyOf(channels);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    environments.forEach((env, ids) -> copy.put(env, List.copyOf(ids)));
    environments = java.util.Collections.unmodifiableMap(copy);
  }

  /** A rule without reminders. */
  public AlertRule(List<String> channels, Map<String, List<String>> environments, long version) {
    this(channels, environments, null, version);
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
    return new AlertRule(channels, environments, remindEvery, newVersion);
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
