package dev.cronmon.domain.store;

import java.util.List;

/** One page of a listing; {@code nextCursor} is null on the last page. Cursors are opaque to clients. */
public record Page<T>(List<T> items, String nextCursor) {}
