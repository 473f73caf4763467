package dev.cronmon.domain.checkin;

import java.util.Locale;
import java.util.Optional;

/**
 * Check-in statuses. Clients send the first three; the sweeper makes `missed` and `timeout`, and `unknown` where a
 * deadline fell while cronmon could not hear check-ins (docs/semantics.md rule U1): neither a failure nor an ok. `log`
 * is a note in the history (healthchecks' {@code /log} ping, rule C14), never a run and never a failure.
 */
public enum CheckInStatus {
  IN_PROGRESS,
  OK,
  ERROR,
  MISSED,
  TIMEOUT,
  UNKNOWN,
  LOG;

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

  /** Whether this status is the outcome of a run or a slot (everything but a note). */
  public boolean isRun() {
    return this != LOG;
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
