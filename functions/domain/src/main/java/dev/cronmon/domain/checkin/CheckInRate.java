package dev.cronmon.domain.checkin;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How many check-ins one monitor environment took in one clock minute (docs/semantics.md rule C6). It lives on the environment
 * item, which every accepted check-in writes anyway, so counting costs no extra request.
 *
 * @param minute the start of the counted minute (UTC), or null before the first counted check-in
 */
public record CheckInRate(Instant minute, int count) {
  public static final CheckInRate NONE = new CheckInRate(null, 0);

  /** The count of the minute {@code now} falls in; a count of an earlier minute no longer matters. */
  public int countAt(Instant now) {
    return minute != null && minute.equals(now.truncatedTo(ChronoUnit.MINUTES)) ? count : 0;
  }

  public CheckInRate plusOne(Instant now) {
    return new CheckInRate(now.truncatedTo(ChronoUnit.MINUTES), countAt(now) + 1);
  }

  /** Whole seconds until the next minute starts and the count resets (1..60), for {@code Retry-After}. */
  public static long secondsUntilNextMinute(Instant now) {
    Instant next = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    long millis = next.toEpochMilli() - now.toEpochMilli();
    return Math.max(1, (millis + 999) / 1000);
  }
}
