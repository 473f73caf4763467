package dev.cronmon.api.sentry;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * A check-in as SDKs send it: the payload of a {@code check_in} envelope item, or the JSON body of
 * the cron endpoint. Only shapes are checked here (a status that is a string, a duration that is a
 * number); values are judged by the check-in rules. Unknown fields are ignored, as in Relay.
 *
 * @param checkInId {@code check_in_id} as sent; see {@link CheckInIds#normalize}
 * @param durationSeconds {@code duration}, in seconds on this wire
 * @param monitorConfig {@code monitor_config}, an object validated by the monitor upsert
 * @param traceId {@code contexts.trace.trace_id}
 */
public record CheckInPayload(String checkInId, String monitorSlug, String status, String environment,
    Double durationSeconds, JsonNode monitorConfig, String traceId) {

  /** Parses a JSON body. */
  public static CheckInPayload fromJson(byte[] json) {
    return fromJson(readJson(json));
  }

  /** A JSON body as a JSON object, before its fields are judged. */
  public static JsonNode readJson(byte[] json) {
    if (json == null) {
      throw SentryProtocolException.badRequest("check-in is empty");
    }
    return SentryJson.readObject(new String(json, StandardCharsets.UTF_8), "check-in");
  }

  /** Reads an already parsed JSON value. */
  public static CheckInPayload fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw SentryProtocolException.badRequest("check-in must be a JSON object");
    }
    JsonNode trace = object(object(json, "contexts", "contexts"), "trace", "contexts.trace");
    return new CheckInPayload(
        string(json, "check_in_id", "check_in_id"),
        string(json, "monitor_slug", "monitor_slug"),
        string(json, "status", "status"),
        string(json, "environment", "environment"),
        duration(json),
        object(json, "monitor_config", "monitor_config"),
        string(trace, "trace_id", "contexts.trace.trace_id"));
  }

  /** A field's value, or null when the parent or the field is missing or JSON {@code null}. */
  private static JsonNode field(JsonNode parent, String name) {
    JsonNode value = parent == null ? null : parent.get(name);
    return value == null || value.isNull() ? null : value;
  }

  private static String string(JsonNode parent, String name, String path) {
    JsonNode value = field(parent, name);
    if (value != null && !value.isTextual()) {
      throw SentryProtocolException.badRequest(path + " must be a string");
    }
    return value == null ? null : value.textValue();
  }

  private static JsonNode object(JsonNode parent, String name, String path) {
    JsonNode value = field(parent, name);
    if (value != null && !value.isObject()) {
      throw SentryProtocolException.badRequest(path + " must be an object");
    }
    return value;
  }

  private static Double duration(JsonNode json) {
    JsonNode value = field(json, "duration");
    if (value == null) {
      return null;
    }
    // 1e999 is valid JSON but no duration; Relay's f64 field refuses it as well.
    if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
      throw SentryProtocolException.badRequest("duration must be a number (seconds)");
    }
    return value.doubleValue();
  }
}
