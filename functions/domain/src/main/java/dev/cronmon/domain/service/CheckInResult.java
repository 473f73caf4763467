package dev.cronmon.domain.service;

import java.util.UUID;

/** What became of a check-in: accepted (possibly changing nothing, as for a late `in_progress`) or rejected. */
public record CheckInResult(Outcome outcome, UUID id, String message) {

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
    return new CheckInResult(outcome, id, null);
  }

  static CheckInResult rejected(Outcome outcome, UUID id, String message) {
    return new CheckInResult(outcome, id, message);
  }
}
