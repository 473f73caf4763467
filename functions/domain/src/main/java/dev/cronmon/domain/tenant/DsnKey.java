package dev.cronmon.domain.tenant;

import java.time.Instant;

/** A project's public DSN key (`https://<publicKey>@host/<projectId>`); revoked keys stop working at once. */
public record DsnKey(String publicKey, String projectId, String organization, String label, boolean revoked, Instant dateCreated) {}
