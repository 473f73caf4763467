package dev.cronmon.domain.store;

import java.util.List;

/** One page of a listing; {@code nextCursor} is null on the last page. Cursors are opaque to clients. */
public record Page<T>(List<T> items, String nextCursor) {
  /** Largest page any listing returns, whatever the caller asks for. */
  public static final int MAX_SIZE = 1000;

  /** The page size a listing serves for {@code limit}: at most {@link #MAX_SIZE}; below 1 is a programming error. */
  public static int size(int limit) {
    if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    return Math.min(limit, MAX_SIZE);
  }

  public static <T> Page<T> empty() {
    return new Page<>(List.of(), null);
  }
}
