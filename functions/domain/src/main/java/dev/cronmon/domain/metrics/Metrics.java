package dev.cronmon.domain.metrics;

/**
 * The figures an operator watches (docs/operations.md, "Metrics"), as the domain sees them happen: check-ins taken and
 * refused, what each sweep tick marked and how late, alerts delivered and failed. An adapter decides how they are
 * written (on Lambda: one CloudWatch Embedded Metric Format log line per invocation, no API call). Implementations are
 * called from request threads concurrently and must be thread-safe.
 */
public interface Metrics {
  /** Counts nothing. */
  Metrics NONE = new Metrics() {};

  /** A check-in was taken (created, updated or changed nothing, as a late `in_progress`). */
  default void checkInAccepted() {}

  /**
   * A check-in was refused; {@code reason} in lower case: its processing-error type when it has one
   * ({@code monitor_environment_ratelimited}), else what the HTTP layer refused the request for ({@code unauthorized}).
   */
  default void checkInRefused(String reason) {}

  /** What one sweep tick did, once per tick. */
  default void tick(SweepTick tick) {}

  /** An incident event reached one channel. */
  default void alertDelivered() {}

  /** An incident event could not reach one channel and will not be retried. */
  default void alertFailed() {}

  /** An incident event's delivery to one channel is left for a retry. */
  default void alertRetried() {}
}
