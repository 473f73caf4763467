package dev.cronmon.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one ObjectMapper of the process, built once; strict limits because every body is hostile until parsed. */
public final class Json {
  public static final ObjectMapper MAPPER = build();

  private Json() {}

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

  /** Parses a request body; malformed JSON is the client's error (400), never ours. */
  public static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) return MAPPER.nullNode();
    try {
      JsonNode node = MAPPER.readTree(body);
      return node == null ? MAPPER.nullNode() : node;
    } catch (IOException e) {
      throw ApiException.detail(400, "Malformed JSON: " + firstLine(e.getMessage()));
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
