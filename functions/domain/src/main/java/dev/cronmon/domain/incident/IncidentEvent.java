package dev.cronmon.domain.incident;

import java.time.Instant;
import java.util.List;

/**
 * Opening or resolving an incident, or a notice about an open one (broken, muted). Stored with the state change that caused it and published after;
 * {@code id} is stable (incident id + type) so consumers can drop duplicates. {@code owner}: the monitor's owner as
 * given (docs/semantics.md rule O1), or null; {@code reminder}: for a reminder, its number (1 for the first; rule R2), else 0.
 */
public record IncidentEvent(
    String id,
    Type type,
    String organization,
    String monitorId,
    String monitorSlug,
    String monitorName,
    String environment,
    String incidentId,
    Instant incidentStarted,
    Instant time,
    List<Failure> failures,
    Instant lastOk,
    String owner,
    int reminder) {

  /** An event that is not a reminder. */
  public IncidentEvent(String id, Type type, String organization, String monitorId, String monitorSlug, String monitorName,
                       String environment, String incidentId, Instant incidentStarted, Instant time, List<Failure> failures, Instant lastOk,
                       String owner) {
    this(id, type, organization, monitorId, monitorSlug, monitorName, environment, incidentId, incidentStarted, time, failures, lastOk,
        owner, 0);
  }

  /** An event of a monitor without an owner. */
  public IncidentEvent(String id, Type type, String organization, String monitorId, String monitorSlug, String monitorName,
                       String environment, String incidentId, Instant incidentStarted, Instant time, List<Failure> failures, Instant lastOk) {
    this(id, type, organization, monitorId, monitorSlug, monitorName, environment, incidentId, incidentStarted, time, failures, lastOk, null);
  }

  /**
   * An incident opened or resolved (rules I1, I2); its environment was found broken, or muted for being broken
   * (rules B1, B2): notices about an incident that stays open; a reminder that it is still open (rule R2).
   */
  public enum Type {
    OPENED,
    RESOLVED,
    BROKEN,
    MUTED,
    REMINDER;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Sentry's wording: "A missed check-in was detected", "2 missed and 1 timeout check-ins detected". */
  public String reason() {
    return Reasons.describe(failures);
  }
}
