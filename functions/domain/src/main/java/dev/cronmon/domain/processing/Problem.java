package dev.cronmon.domain.processing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One reason a check-in was dropped: its type, cronmon's sentence for people ({@code detail}), and the fields Sentry's
 * type carries: {@code reason}, {@code existingEnvironment}, {@code guid} or {@code duration} in {@code data}, and the
 * per-field messages of {@link ProcessingErrorType#CHECKIN_VALIDATION_FAILED} and
 * {@link ProcessingErrorType#MONITOR_INVALID_CONFIG} in {@code fieldErrors}.
 */
public record Problem(ProcessingErrorType type, String detail, Map<String, String> data, Map<String, List<String>> fieldErrors) {
  public Problem {
    data = Map.copyOf(data);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    fieldErrors.forEach((field, messages) -> copy.put(field, List.copyOf(messages)));
    fieldErrors = java.util.Collections.unmodifiableMap(copy);
  }

  public static Problem of(ProcessingErrorType type, String detail) {
    return new Problem(type, detail, Map.of(), Map.of());
  }

  public static Problem of(ProcessingErrorType type, String detail, String field, String value) {
    return new Problem(type, detail, Map.of(field, value), Map.of());
  }

  /** A type whose Sentry shape is {@code {reason}}: the detail is the reason. */
  public static Problem withReason(ProcessingErrorType type, String reason) {
    return of(type, reason, "reason", reason);
  }

  public static Problem withFieldErrors(ProcessingErrorType type, String detail, Map<String, List<String>> fieldErrors) {
    return new Problem(type, detail, Map.of(), fieldErrors);
  }
}
