package dev.cronmon.domain.monitor;

import java.time.Instant;
import java.util.UUID;

/**
 * A monitor's ping UUID, the healthchecks-style address {@code /ping/<pingId>} (docs/semantics.md rule P1): random,
 * rotatable, and never the monitor's id (which events and webhooks carry).
 */
public record MonitorPing(UUID pingId, String organization, String monitorId, Instant dateCreated) {}
