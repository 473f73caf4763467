package dev.cronmon.domain.alert;

import java.time.Duration;

/**
 * What one send attempt came to. {@code TRANSIENT} (timeouts, 5xx, 429) is worth retrying, {@code retryAfter} being
 * the receiver's hint when it gave one; {@code PERMANENT} (other 4xx, a refused URL) is not.
 */
public record SendResult(Kind kind, String detail, Duration retryAfter) {
  public enum Kind { DELIVERED, TRANSIENT, PERMANENT }

  public static SendResult delivered(String detail) {
    return new SendResult(Kind.DELIVERED, detail, null);
  }

  public static SendResult transientFailure(String detail, Duration retryAfter) {
    return new SendResult(Kind.TRANSIENT, detail, retryAfter);
  }

  public static SendResult permanentFailure(String detail) {
    return new SendResult(Kind.PERMANENT, detail, null);
  }

  public boolean delivered() {
    return kind == Kind.DELIVERED;
  }
}
