package dev.cronmon.domain.processing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The write counter of one error list: {@code seq} numbers the errors written to it (1, 2, …; it is also the
 * counter's version, so two writers cannot take one number), {@code minute} and {@code inMinute} how many were written
 * in the last clock minute that had any. Error {@code seq} goes to slot {@code seq mod }{@link #SLOTS}, replacing the
 * oldest (docs/semantics.md rule E3).
 */
public record ErrorCounter(long seq, Instant minute, int inMinute) {
  public static final ErrorCounter NONE = new ErrorCounter(0, null, 0);
  /** The slots of a list: it keeps its newest {@value} errors. */
  public static final int SLOTS = 10;

  /** Whether another error may be written at {@code now}: at most {@code perMinute} per clock minute. */
  public boolean allows(Instant now, int perMinute) {
    return !now.truncatedTo(ChronoUnit.MINUTES).equals(minute) || inMinute < perMinute;
  }

  /** The counter after one more error written at {@code now}. */
  public ErrorCounter next(Instant now) {
    Instant m = now.truncatedTo(ChronoUnit.MINUTES);
    return new ErrorCounter(seq + 1, m, m.equals(minute) ? inMinute + 1 : 1);
  }

  public int slot() {
    return (int) (seq % SLOTS);
  }
}
