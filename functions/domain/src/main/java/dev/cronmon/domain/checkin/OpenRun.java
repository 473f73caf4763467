package dev.cronmon.domain.checkin;

import java.time.Instant;
import java.util.UUID;

/** An `in_progress` run as its environment tracks it: when it started and when it times out. */
public record OpenRun(UUID checkInId, Instant started, Instant timeoutAt) {}
