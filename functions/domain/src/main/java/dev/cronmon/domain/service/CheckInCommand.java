package dev.cronmon.domain.service;

import dev.cronmon.domain.checkin.RunReport;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.monitor.Monitor;
import java.util.UUID;

/**
 * One check-in as any wire path delivers it. {@code id} null means "the newest open run of this monitor environment,
 * else a new check-in" (no id, `latest`, or the all-zero UUID on the wire). {@code report}: exit status, reason and
 * output, when the path carries them.
 */
public record CheckInCommand(Monitor monitor, String environment, CheckInStatus status, UUID id, Long durationMs, String traceId,
                             RunReport report) {
  public CheckInCommand {
    if (report == null) report = RunReport.NONE;
  }

  public CheckInCommand(Monitor monitor, String environment, CheckInStatus status, UUID id, Long durationMs, String traceId) {
    this(monitor, environment, status, id, durationMs, traceId, RunReport.NONE);
  }
}
