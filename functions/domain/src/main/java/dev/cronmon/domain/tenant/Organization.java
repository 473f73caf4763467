package dev.cronmon.domain.tenant;

import java.time.Instant;

/** The tenant: every monitor, project, key and token belongs to exactly one organization. */
public record Organization(String slug, String name, Instant dateCreated) {}
