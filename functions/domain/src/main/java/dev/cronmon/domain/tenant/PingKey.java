package dev.cronmon.domain.tenant;

import java.time.Instant;

/**
 * A project's ping key, the healthchecks-style address {@code /ping/<key>/<slug>} of its monitors (docs/semantics.md
 * rule P2): a secret that rotates and revokes like a DSN key.
 */
public record PingKey(String key, String organization, String projectId, Instant dateCreated) {}
