package dev.cronmon.domain.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** The JSON writer of the alert package, built once (thread-safe). */
final class AlertJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private AlertJson() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
