package dev.cronmon.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one ObjectMapper configuration of cronmon, built once: request bodies, Sentry envelopes, incident events, alert
 * payloads and log lines all go through it. Its read limits are strict because every body is hostile until parsed;
 * nothing cronmon reads legitimately comes near them (a check-in item is at most 100 KiB, a body at most 1 MiB).
 */
public final class Json {
  public static final ObjectMapper MAPPER = build();

  private Json() {}

  /** What {@link #parse} throws for text that is not one JSON value; the message is the parser's first line. */
  public static final class MalformedJsonException extends RuntimeException {
    MalformedJsonException(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }

  private static ObjectMapper build() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(64)
        .maxStringLength(1 << 20)
        .maxNumberLength(100)
        .build());
    mapper.registerModule(new JavaTimeModule());
    mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    return mapper;
  }

  /** A JSON value; JSON {@code null} for an empty or absent body. */
  public static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) return MAPPER.nullNode();
    try {
      JsonNode node = MAPPER.readTree(body);
      return node == null ? MAPPER.nullNode() : node;
    } catch (IOException e) {
      throw new MalformedJsonException(firstLine(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
    }
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) return "unreadable body";
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
