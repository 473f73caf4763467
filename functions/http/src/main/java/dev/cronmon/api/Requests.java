package dev.cronmon.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.api.sentry.CheckInIds;
import dev.cronmon.api.sentry.SentryProtocolException;
import dev.cronmon.common.Json;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** Small readers shared by the routes: typed fields of JSON bodies and ids of paths, each refusing bad input with a 400. */
public final class Requests {
  private Requests() {}

  public static JsonNode objectBody(ApiRequest request) {
    JsonNode body = json(request.body());
    if (body.isNull()) return Json.MAPPER.createObjectNode();
    if (!body.isObject()) throw ApiException.detail(400, "Expected a JSON object");
    return body;
  }

  /** A body as JSON; malformed JSON is the client's error (400), never ours. */
  public static JsonNode json(byte[] body) {
    try {
      return Json.parse(body);
    } catch (Json.MalformedJsonException e) {
      throw ApiException.detail(400, "Malformed JSON: " + e.getMessage());
    }
  }

  public static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw ApiException.detail(400, "\"" + field + "\" must be a string");
    return v.textValue();
  }

  /** An ISO-8601 date and time with an offset ({@code 2026-01-01T00:00:00Z}, {@code …+02:00}); empty when it is not one. */
  public static java.util.Optional<java.time.Instant> instant(String text) {
    try {
      return java.util.Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
    } catch (java.time.DateTimeException e) {
      return java.util.Optional.empty();
    }
  }

  public static Boolean bool(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isBoolean()) throw ApiException.detail(400, "\"" + field + "\" must be true or false");
    return v.booleanValue();
  }

  public static Double number(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) return null;
    if (v.isNumber()) return v.doubleValue();
    if (v.isTextual()) return parseNumber(v.textValue(), field);
    throw ApiException.detail(400, "\"" + field + "\" must be a number");
  }

  public static Double parseNumber(String text, String field) {
    if (text == null || text.isEmpty()) return null;
    try {
      double d = Double.parseDouble(text);
      if (Double.isFinite(d)) return d;
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw ApiException.detail(400, "\"" + field + "\" must be a number");
  }

  /** A check-in id in either UUID form; null for none, `latest`, or the all-zero UUID (all mean "the newest open run"). */
  public static UUID checkInId(String raw) {
    if (raw == null || raw.equals("latest")) return null;
    try {
      Optional<UUID> id = CheckInIds.normalize(raw);
      return id.filter(u -> !CheckInIds.isNil(u)).orElse(null);
    } catch (SentryProtocolException e) {
      throw ApiException.detail(400, "Invalid check-in id: must be a UUID");
    }
  }

  public static int intParam(ApiRequest request, String name, int defaultValue, int min, int max) {
    String raw = request.queryParam(name).orElse(null);
    if (raw == null || raw.isEmpty()) return defaultValue;
    try {
      int v = Integer.parseInt(raw);
      if (v >= min && v <= max) return v;
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw ApiException.detail(400, "\"" + name + "\" must be an integer between " + min + " and " + max);
  }

  /**
   * A store read that takes a cursor from the client: the store refuses one it did not make (tampered, truncated, of
   * another listing) with IllegalArgumentException, which is the client's error here and nowhere else.
   */
  public static <T> T withClientCursor(Supplier<T> read) {
    try {
      return read.get();
    } catch (IllegalArgumentException e) {
      throw ApiException.detail(400, "Invalid cursor");
    }
  }

  /** A client's value quoted in an error message, cut short: error bodies never echo a 1 MiB field back. */
  public static String truncate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  /** Where the client reached us (API Gateway sets X-Forwarded-Proto), to print DSNs it can paste; null if unknown. */
  public static String baseUrl(ApiRequest request) {
    String host = request.header("host").orElse(null);
    if (host == null || host.isBlank() || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,255}")) return null;
    String scheme = request.header("x-forwarded-proto").filter(p -> p.equals("https") || p.equals("http")).orElse("http");
    return scheme + "://" + host;
  }
}
