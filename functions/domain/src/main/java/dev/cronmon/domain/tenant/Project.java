package dev.cronmon.domain.tenant;

import java.time.Instant;

/** A project groups monitors and owns DSN keys. Its id is numeric because SDKs parse it from the DSN as a number. */
public record Project(String id, String organization, String slug, String name, Instant dateCreated) {}
