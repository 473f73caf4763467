package dev.cronmon.domain.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Input a domain service refuses, with a message per field in Sentry's {@code {"field": ["message"]}} shape (a
 * {@code FieldErrors}' map): the HTTP layer answers 400 with it. Thrown only before anything was written.
 */
public final class ValidationException extends RuntimeException {
  private final Map<String, List<String>> fieldErrors;

  public ValidationException(Map<String, List<String>> fieldErrors) {
    this(String.valueOf(fieldErrors), fieldErrors);
  }

  private ValidationException(String message, Map<String, List<String>> fieldErrors) {
    super(message, null, false, false);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    fieldErrors.forEach((field, messages) -> copy.put(field, List.copyOf(messages)));
    this.fieldErrors = Collections.unmodifiableMap(copy);
  }

  /** One field, one message. */
  public static ValidationException of(String field, String message) {
    return new ValidationException(Map.of(field, List.of(message)));
  }

  /** A refusal of the request as a whole rather than of a field (answered {@code {"detail": message}}). */
  public static ValidationException detail(String message) {
    return new ValidationException(message, Map.of());
  }

  /** Empty for a refusal of the whole request: then {@link #getMessage()} says why. */
  public Map<String, List<String>> fieldErrors() {
    return fieldErrors;
  }
}
