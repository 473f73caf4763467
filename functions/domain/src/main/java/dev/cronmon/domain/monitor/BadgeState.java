package dev.cronmon.domain.monitor;

import java.time.Instant;
import java.util.Locale;

/**
 * What a status badge and the metrics' {@code up} say of a monitor environment (docs/semantics.md rule G1), in
 * healthchecks' three states. Ordered from best to worst: a badge over several environments shows the worst.
 */
public enum BadgeState {
  /** No open incident, and the next slot has not passed. */
  UP,
  /** A slot passed and its check-in has not come, with no incident open (yet): within its margin, or not decided. */
  LATE,
  /** An open incident. */
  DOWN;

  /** Rule G1: {@code env}'s state at {@code now}. */
  public static BadgeState of(MonitorEnvironment env, Instant now) {
    if (env.activeIncident() != null) return DOWN;
    if (env.nextCheckIn() != null && !env.nextCheckIn().isAfter(now)) return LATE;
    return UP;
  }

  public BadgeState worst(BadgeState other) {
    return compareTo(other) >= 0 ? this : other;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
