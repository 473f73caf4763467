package dev.cronmon.domain.service;

import dev.cronmon.domain.checkin.CheckIn;
import java.util.UUID;

/**
 * What became of a check-in: accepted (possibly changing nothing, as for a late `in_progress`) or rejected;
 * {@code existing}: for {@link Outcome#ID_CONFLICT} and {@link Outcome#ALREADY_FINISHED}, the stored check-in the id
 * named (else null).
 */
public record CheckInResult(Outcome outcome, UUID id, String message, CheckIn existing) {

  public enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED,
    ALREADY_FINISHED,
    ID_CONFLICT,
    MONITOR_DISABLED,
    ENVIRONMENT_LIMIT,
    /** The environment took its limit of check-ins this minute (docs/semantics.md rule C6); nothing was written. */
    RATE_LIMITED,
    /** An `in_progress` for an environment already holding its limit of open runs; nothing was written. */
    TOO_MANY_OPEN_RUNS
  }

  public boolean accepted() {
    return outcome == Outcome.CREATED || outcome == Outcome.UPDATED || outcome == Outcome.UNCHANGED;
  }

  static CheckInResult of(Outcome outcome, UUID id) {
    return new CheckInResult(outcome, id, null, null);
  }

  static CheckInResult rejected(Outcome outcome, UUID id, String message) {
    return new CheckInResult(outcome, id, message, null);
  }

  static CheckInResult rejected(Outcome outcome, UUID id, String message, CheckIn existing) {
    return new CheckInResult(outcome, id, message, existing);
  }
}
