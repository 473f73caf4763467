package dev.cronmon.domain.error;

/** The request is valid but contradicts the current state (a project that still has monitors): the HTTP layer answers 409. */
public final class ConflictException extends RuntimeException {
  public ConflictException(String message) {
    super(message, null, false, false);
  }
}
