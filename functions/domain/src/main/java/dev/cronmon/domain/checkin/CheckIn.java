package dev.cronmon.domain.checkin;

import dev.cronmon.domain.config.MonitorConfig;
import java.time.Instant;
import java.util.UUID;

/**
 * One run (or one heartbeat, or one missed slot) of a monitor in an environment.
 * {@code timeoutAt} is set while the run is open; {@code version} guards concurrent closes.
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
    long version) {

  public CheckIn close(CheckInStatus newStatus, Long newDurationMs, Instant now) {
    return new CheckIn(id, monitorId, projectId, environment, newStatus, newDurationMs, dateCreated, now, expectedTime,
        null, monitorConfig, traceId, version + 1);
  }

  /** The open run with a new deadline (its monitor's max_runtime changed). */
  public CheckIn withTimeoutAt(Instant newTimeoutAt) {
    return new CheckIn(id, monitorId, projectId, environment, status, durationMs, dateCreated, dateUpdated, expectedTime,
        newTimeoutAt, monitorConfig, traceId, version + 1);
  }
}
