package dev.cronmon.domain.processing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A check-in that cronmon dropped, as Sentry records it: the check-in as it arrived ({@code payload}, JSON text cut
 * to a few KB by the service that keeps it), when ({@code received}), on which endpoint ({@code source}:
 * {@code envelope} or {@code cron}), for which project, and why ({@code errors}, at least one).
 */
public record ProcessingError(UUID id, String projectId, String monitorSlug, Instant received, String source, String payload,
                              List<Problem> errors) {
  public ProcessingError {
    if (errors.isEmpty()) throw new IllegalArgumentException("a processing error has at least one problem");
    errors = List.copyOf(errors);
  }
}
