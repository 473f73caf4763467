package dev.cronmon.domain.checkin;

import java.util.Locale;
import java.util.Optional;

/**
 * Check-in statuses. Clients send the first three; the sweeper makes `missed` and `timeout`; `log` is a note in the
 * history (healthchecks' {@code /log} ping, docs/semantics.md rule C14), never a run and never a failure.
 */
public enum CheckInStatus {
  IN_PROGRESS,
  OK,
  ERROR,
  MISSED,
  TIMEOUT,
  LOG;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isFailure() {
    return this == ERROR || this == MISSED || this == TIMEOUT;
  }

  public boolean isTerminal() {
    return this != IN_PROGRESS;
  }

  /** Whether this status is the outcome of a run or a slot (everything but a note). */
  public boolean isRun() {
    return this != LOG;
  }

  /** Statuses a client may send; `missed`/`timeout` are refused as Sentry refuses them. */
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
