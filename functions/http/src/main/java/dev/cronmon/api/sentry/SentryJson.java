package dev.cronmon.api.sentry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cronmon.common.Json;
import java.io.IOException;

/** The JSON reader of Sentry's wire formats: the one mapper configuration ({@link Json}), strict about trailing data. */
final class SentryJson {
  private static final ObjectMapper MAPPER = Json.MAPPER;

  private SentryJson() {}

  /** Parses one JSON object; {@code what} names it in the error message. */
  static JsonNode readObject(String json, String what) {
    JsonNode node;
    try (JsonParser parser = MAPPER.createParser(json)) {
      node = MAPPER.readTree(parser);
      // Like serde_json::from_slice in Relay: `{"a":1} x` is not one JSON value.
      if (node != null && parser.nextToken() != null) {
        throw SentryProtocolException.badRequest(what + " has more after its JSON value");
      }
    } catch (IOException e) { // Jackson's parse errors, including its size and depth limits
      String reason = e instanceof JsonProcessingException j
          ? j.getOriginalMessage() : e.getMessage();
      throw SentryProtocolException.badRequest(what + " is not valid JSON: " + reason);
    }
    if (node == null || !node.isObject()) {
      throw SentryProtocolException.badRequest(what + " must be a JSON object");
    }
    return node;
  }
}
