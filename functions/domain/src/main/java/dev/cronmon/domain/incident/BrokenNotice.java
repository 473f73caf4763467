package dev.cronmon.domain.incident;

import java.time.Instant;

/**
 * What the broken-monitor rule did to an open incident (docs/semantics.md rules B1, B2), under Sentry's names: when
 * the environment's alert channels were told it is broken, and when it was muted automatically (null until then).
 */
public record BrokenNotice(Instant userNotifiedTimestamp, Instant environmentMutedTimestamp) {}
