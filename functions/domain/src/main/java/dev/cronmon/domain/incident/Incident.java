package dev.cronmon.domain.incident;

import java.time.Instant;
import java.util.List;

/** An open incident of one monitor environment; {@code started} is the time of the oldest failure that opened it. */
public record Incident(String id, Instant started, List<Failure> failures) {}
