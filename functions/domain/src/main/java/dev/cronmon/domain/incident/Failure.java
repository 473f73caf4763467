package dev.cronmon.domain.incident;

import dev.cronmon.domain.checkin.CheckInStatus;
import java.time.Instant;
import java.util.UUID;

/** One failing check-in (error, missed or timeout) in a streak or an incident. */
public record Failure(UUID checkInId, CheckInStatus status, Instant time) {}
