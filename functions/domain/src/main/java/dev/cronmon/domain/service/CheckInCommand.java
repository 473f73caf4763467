package dev.cronmon.domain.service;

import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.monitor.Monitor;
import java.util.UUID;

/**
 * One check-in as any wire path delivers it. {@code id} null means "the newest open run of this monitor environment,
 * else a new check-in" (no id, `latest`, or the all-zero UUID on the wire).
 */
public record CheckInCommand(Monitor monitor, String environment, CheckInStatus status, UUID id, Long durationMs, String traceId) {}
