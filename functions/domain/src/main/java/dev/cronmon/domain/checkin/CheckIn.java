package dev.cronmon.domain.checkin;

import dev.cronmon.domain.config.MonitorConfig;
import java.time.Instant;
import java.util.UUID;

/**
 * One run (or one heartbeat, one missed slot, or one note of a healthchecks {@code /log} ping) of a monitor in an
 * environment. {@code timeoutAt} is set while the run is open (a run superseded by a later start, rule C13, is still
 * {@code in_progress} but has none); {@code version} guards concurrent closes; {@code facts} holds exit status, reason
 * and output size.
 */
public record CheckIn(
    UUID id,
    String monitorId,
    String projectId,
    String environment,
    CheckInStatus status,
    Long durationMs,
    Instant dateCreated,
    Instant dateUpdated,
    Instant expectedTime,
    Instant timeoutAt,
    MonitorConfig monitorConfig,
    String traceId,
    long version,
    RunFacts facts) {

  public CheckIn {
    if (facts == null) facts = RunFacts.NONE;
  }

  public CheckIn(UUID id, String monitorId, String projectId, String environment, CheckInStatus status, Long durationMs,
                 Instant dateCreated, Instant dateUpdated, Instant expectedTime, Instant timeoutAt, MonitorConfig monitorConfig,
                 String traceId, long version) {
    this(id, monitorId, projectId, environment, status, durationMs, dateCreated, dateUpdated, expectedTime, timeoutAt,
        monitorConfig, traceId, version, RunFacts.NONE);
  }

  public CheckIn close(CheckInStatus newStatus, Long newDurationMs, Instant now) {
    return close(newStatus, newDurationMs, now, facts);
  }

  public CheckIn close(CheckInStatus newStatus, Long newDurationMs, Instant now, RunFacts newFacts) {
    return new CheckIn(id, monitorId, projectId, environment, newStatus, newDurationMs, dateCreated, now, expectedTime,
        null, monitorConfig, traceId, version + 1, newFacts);
  }

  /** The open run replaced by a later start without id (rule C13): still in progress, but never timed out. */
  public CheckIn superseded(Instant now) {
    return new CheckIn(id, monitorId, projectId, environment, status, durationMs, dateCreated, now, expectedTime, null,
        monitorConfig, traceId, version + 1, facts.withReason(RunFacts.SUPERSEDED));
  }

  /** Whether this run was replaced by a later start (rule C13). */
  public boolean isSuperseded() {
    return status == CheckInStatus.IN_PROGRESS && timeoutAt == null;
  }

  /** With {@code expectedTime} corrected (rule S6). */
  public CheckIn withExpectedTime(Instant slot) {
    return new CheckIn(id, monitorId, projectId, environment, status, durationMs, dateCreated, dateUpdated, slot, timeoutAt,
        monitorConfig, traceId, version + 1, facts);
  }

  /** The open run with a new deadline (its monitor's max_runtime changed). */
  public CheckIn withTimeoutAt(Instant newTimeoutAt) {
    return new CheckIn(id, monitorId, projectId, environment, status, durationMs, dateCreated, dateUpdated, expectedTime,
        newTimeoutAt, monitorConfig, traceId, version + 1, facts);
  }
}
