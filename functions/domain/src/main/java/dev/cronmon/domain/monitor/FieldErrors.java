package dev.cronmon.domain.monitor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-field validation messages, in Sentry's `{"field": ["message"]}` shape. Errors are values, not exceptions. */
public final class FieldErrors {
  private final Map<String, List<String>> errors = new LinkedHashMap<>();

  public FieldErrors add(String field, String message) {
    errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    return this;
  }

  public FieldErrors addAll(String prefix, FieldErrors other) {
    other.errors.forEach((field, messages) -> messages.forEach(m -> add(prefix + field, m)));
    return this;
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  public Map<String, List<String>> asMap() {
    return Collections.unmodifiableMap(errors);
  }

  /** One line for people and logs: {@code prefix.field: message; prefix.field: message}. */
  public String message(String prefix) {
    StringBuilder line = new StringBuilder();
    errors.forEach((field, messages) -> messages.forEach(m -> {
      if (line.length() > 0) line.append("; ");
      line.append(prefix).append(field).append(": ").append(m);
    }));
    return line.toString();
  }

  @Override
  public String toString() {
    return errors.toString();
  }
}
