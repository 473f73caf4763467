package dev.cronmon.domain.store;

/**
 * A conditional write lost its race {@link Retry#MAX_ATTEMPTS} times in a row: the item kept changing under the
 * caller. Nothing of the failed attempts was written; the request may be repeated (the HTTP layer answers 409).
 */
public final class ConcurrentUpdateException extends RuntimeException {
  public ConcurrentUpdateException(String message) {
    super(message);
  }
}
