package dev.cronmon.domain.alert;

import java.time.Instant;

/**
 * The record that makes "each (event, channel) is sent once" hold. It is claimed (conditionally, on
 * {@code version}) before sending, with a lease: while the lease runs nobody else sends; a claimer that crashes
 * mid-send leaves a lease that expires, and the platform's retry claims it again. It ends {@code DELIVERED} or
 * {@code FAILED} (permanent), or goes back to {@code RETRY} (transient, lease released) for the next attempt.
 */
public record Delivery(
    String channelId,
    String eventId,
    Status status,
    Instant leaseUntil,
    int attempts,
    String lastError,
    Instant updatedAt,
    long version) {

  public enum Status {
    SENDING,
    RETRY,
    DELIVERED,
    FAILED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Status fromWire(String s) {
      return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** Whether this delivery is settled for good: nothing is ever sent for it again. */
  public boolean finished() {
    return status == Status.DELIVERED || status == Status.FAILED;
  }

  /** Whether another sender may hold it right now. */
  public boolean leasedAt(Instant now) {
    return status == Status.SENDING && leaseUntil != null && leaseUntil.isAfter(now);
  }

  public static Delivery firstClaim(String channelId, String eventId, Instant now, Instant leaseUntil) {
    return new Delivery(channelId, eventId, Status.SENDING, leaseUntil, 1, null, now, 1);
  }

  public Delivery reclaim(Instant now, Instant newLease) {
    return new Delivery(channelId, eventId, Status.SENDING, newLease, attempts + 1, lastError, now, version + 1);
  }

  public Delivery settle(Status outcome, String error, Instant now) {
    return new Delivery(channelId, eventId, outcome, outcome == Status.SENDING ? leaseUntil : now, attempts, error, now, version + 1);
  }
}
