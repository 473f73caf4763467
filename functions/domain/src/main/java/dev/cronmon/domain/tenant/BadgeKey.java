package dev.cronmon.domain.tenant;

import java.time.Instant;

/**
 * A project's badge key, the secret in the public URLs of its status badges ({@code /badge/<key>.svg},
 * {@code /badge/<key>/<slug>.svg}; docs/semantics.md rule G3): it shows the state of the project's monitors and
 * nothing else, and rotates like a ping key.
 */
public record BadgeKey(String key, String organization, String projectId, Instant dateCreated) {}
