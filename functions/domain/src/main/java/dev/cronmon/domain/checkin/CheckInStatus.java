package dev.cronmon.domain.checkin;

import java.util.Locale;
import java.util.Optional;

/**
 * Check-in statuses. Clients send the first three; the sweeper makes `missed` and `timeout`, and `unknown` where a
 * deadline fell while cronmon could not hear check-ins (docs/semantics.md rule U1): neither a failure nor an ok.
 */
public enum CheckInStatus {
  IN_PROGRESS,
  OK,
  ERROR,
  MISSED,
  TIMEOUT,
  UNKNOWN;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isFailure() {
    return this == ERROR || this == MISSED || this == TIMEOUT;
  }

  /** Rule U2: `unknown` counts for nothing, so a streak of failures or oks goes on across it. */
  public boolean isNeutral() {
    return this == UNKNOWN;
  }

  public boolean isTerminal() {
    return this != IN_PROGRESS;
  }

  /** Statuses a client may send; `missed`/`timeout`/`unknown` are refused as Sentry refuses them. */
  public static Optional<CheckInStatus> fromClient(String s) {
    if (s == null) return Optional.empty();
    return switch (s) {
      case "in_progress" -> Optional.of(IN_PROGRESS);
      case "ok" -> Optional.of(OK);
      case "error" -> Optional.of(ERROR);
      default -> Optional.empty();
    };
  }

  public static CheckInStatus fromWire(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
