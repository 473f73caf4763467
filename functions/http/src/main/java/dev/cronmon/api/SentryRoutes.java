package dev.cronmon.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.api.sentry.BodyDecoder;
import dev.cronmon.api.sentry.CheckInIds;
import dev.cronmon.api.sentry.CheckInPayload;
import dev.cronmon.api.sentry.Dsn;
import dev.cronmon.api.sentry.Envelope;
import dev.cronmon.api.sentry.EnvelopeItem;
import dev.cronmon.api.sentry.EnvelopeParser;
import dev.cronmon.api.sentry.SentryAuth;
import dev.cronmon.api.sentry.SentryProtocolException;
import dev.cronmon.common.Json;
import dev.cronmon.common.Log;
import dev.cronmon.domain.monitor.FieldErrors;
import dev.cronmon.domain.processing.Problem;
import dev.cronmon.domain.processing.ProcessingErrorType;
import dev.cronmon.domain.store.CheckInRead;
import dev.cronmon.domain.store.Credential;
import dev.cronmon.domain.tenant.DsnKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sentry's ingestion endpoints, as SDKs, sentry-cli and curl call them: the envelope endpoint and the cron endpoint.
 * Authentication is by DSN public key, which must belong to the project in the path.
 */
final class SentryRoutes {
  /** A `check_in` item is at most 100 KiB in Sentry; a whole decoded body at most 1 MiB here. */
  static final int MAX_ITEM_BYTES = 100 * 1024;

  private final Authenticator auth;
  private final CheckInIntake intake;
  private final DroppedCheckIns dropped;

  SentryRoutes(Authenticator auth, CheckInIntake intake, DroppedCheckIns dropped, Router router) {
    this.auth = auth;
    this.intake = intake;
    this.dropped = dropped;
    router.add("POST", "/api/{projectId}/envelope/", this::envelope);
    router.add("GET", "/api/{projectId}/cron/{slug}/{sentryKey}/", this::cron);
    router.add("POST", "/api/{projectId}/cron/{slug}/{sentryKey}/", this::cron);
    router.add("GET", "/api/{projectId}/cron/{slug}/", this::cron);
    router.add("POST", "/api/{projectId}/cron/{slug}/", this::cron);
  }

  private ApiResponse envelope(ApiRequest request, Map<String, String> params) {
    String projectId = params.get("projectId");
    Optional<String> requestKey = request.header("x-sentry-auth").flatMap(SentryAuth::publicKeyFromAuthHeader)
        .or(() -> request.header("authorization").flatMap(SentryAuth::publicKeyFromAuthHeader))
        .or(() -> request.queryParam("sentry_key").filter(k -> !k.isBlank()));
    Envelope envelope;
    String eventId;
    try {
      envelope = protocol(() -> EnvelopeParser.parse(
          BodyDecoder.decode(request.body(), request.header("content-encoding").orElse(null), Router.MAX_BODY_BYTES), MAX_ITEM_BYTES));
      eventId = eventId(envelope);
    } catch (ApiException badBody) {
      // A key in the request is checked before what was wrong with the body is said: a stranger learns nothing of our parser.
      requestKey.ifPresent(k -> key(k, projectId, null));
      throw badBody;
    }
    Optional<Dsn> headerDsn = envelope.dsn();
    Optional<String> publicKey = requestKey.or(() -> headerDsn.map(Dsn::publicKey));
    // The key, the first check-in's monitor and environment: one read (docs/data-model.md, "Round trips of a check-in").
    CheckInRead readAhead = publicKey.map(k -> readAhead(k, envelope.items().stream()
        .filter(item -> EnvelopeParser.CHECK_IN.equals(item.type())).findFirst()
        .map(item -> lenientJson(item.payload())).orElse(null), null)).orElse(null);
    DsnKey requestDsnKey = requestKey.map(k -> key(k, projectId, readAhead)).orElse(null);
    if (headerDsn.isPresent()) {
      // Relay refuses an envelope whose own dsn names another key or project than the request does.
      Dsn dsn = headerDsn.get();
      if (!dsn.projectId().equals(projectId)) throw ApiException.detail(400, "The envelope's dsn names project " + dsn.projectId() + ", not " + projectId);
      if (requestKey.isPresent() && !requestKey.get().equals(dsn.publicKey())) throw ApiException.detail(400, "The envelope's dsn names another key than the request");
    }
    DsnKey key = requestDsnKey != null ? requestDsnKey : key(publicKey
        .orElseThrow(() -> ApiException.detail(401, "Missing DSN public key (X-Sentry-Auth, sentry_key, or the envelope's dsn)")), projectId, readAhead);

    int accepted = 0;
    ApiException rateLimited = null;
    CheckInRead unused = readAhead;
    for (EnvelopeItem item : envelope.items()) {
      if (!EnvelopeParser.CHECK_IN.equals(item.type())) continue; // events, sessions, client reports: not ours to keep
      String payload = new String(item.payload(), StandardCharsets.UTF_8);
      CheckInPayload checkIn = null;
      CheckInRead read = unused;
      unused = null; // the read ahead was the first check-in's
      try {
        checkIn = checkInPayload(() -> CheckInPayload.fromJson(CheckInPayload.readJson(item.payload())));
        submit(key, checkIn, null, read);
        accepted++;
      } catch (ApiException refused) {
        // The envelope's rate limit is answered, as today (429, or the headers of a 200): SDKs back off from it.
        if (refused.status() == 429) rateLimited = refused;
        else dropped.record(key, checkIn == null ? null : checkIn.monitorSlug(), "envelope", payload, refused);
      }
    }
    Map<String, String> backOff = rateLimited == null ? Map.of() : sentryRateLimit(rateLimited);
    if (accepted == 0 && rateLimited != null) throw rateLimited.withHeaders(backOff);
    // Relay answers 200 to a well-formed, authenticated envelope, whatever its check-ins hold: what it refused is a
    // processing error the project's people see in the API and the dashboard (rule E1).
    ApiResponse response = ApiResponse.json(200, Json.write(eventId == null ? Map.of() : Map.of("id", eventId)));
    for (Map.Entry<String, String> h : backOff.entrySet()) response = response.withHeader(h.getKey(), h.getValue());
    return response;
  }

  /**
   * The headers that make SDKs back off: {@code Retry-After} and Relay's {@code X-Sentry-Rate-Limits}
   * ({@code seconds:categories:scope:reason}). The SDKs hold back every check-in (category {@code monitor}) of the
   * process for that long, not just those of the limited monitor environment: at most until the minute ends.
   */
  private static Map<String, String> sentryRateLimit(ApiException rateLimited) {
    String seconds = rateLimited.headers().getOrDefault("Retry-After", "60");
    return Map.of("Retry-After", seconds, "X-Sentry-Rate-Limits", seconds + ":monitor:project:monitor_environment_rate_limit");
  }

  /** The envelope's {@code event_id} as Relay echoes it (32 hex digits), or null when it has none. */
  private static String eventId(Envelope envelope) {
    JsonNode eventId = envelope.header().get("event_id");
    if (eventId == null || eventId.isNull()) return null;
    if (!eventId.isTextual()) throw ApiException.detail(400, "The envelope header's event_id must be a UUID");
    try {
      return CheckInIds.normalize(eventId.textValue()).map(id -> id.toString().replace("-", "")).orElse(null);
    } catch (SentryProtocolException e) {
      throw ApiException.detail(400, "The envelope header's event_id must be a UUID");
    }
  }

  private ApiResponse cron(ApiRequest request, Map<String, String> params) {
    String publicKey = Optional.ofNullable(params.get("sentryKey"))
        .or(() -> request.header("x-sentry-auth").flatMap(SentryAuth::publicKeyFromAuthHeader))
        .or(() -> request.header("authorization").flatMap(SentryAuth::publicKeyFromBasicAuth))
        .or(() -> request.header("authorization").flatMap(SentryAuth::publicKeyFromAuthHeader))
        .or(() -> request.queryParam("sentry_key").filter(k -> !k.isBlank()))
        .orElseThrow(() -> ApiException.detail(401, "Missing DSN public key (in the path, or Authorization: Basic base64(key:))"));
    String projectId = params.get("projectId");
    boolean json = request.header("content-type").map(t -> t.toLowerCase(Locale.ROOT).startsWith("application/json")).orElse(false)
        && request.body() != null && request.body().length > 0;
    String slug = params.get("slug");
    JsonNode body = null;
    if (json) {
      try {
        // The JSON body is one check-in item: the same 100 KiB limit as in an envelope; a body that is no JSON object is
        // no check-in at all (400), one whose fields are wrong is a refused check-in.
        if (request.body().length > MAX_ITEM_BYTES) throw ApiException.detail(413, "check-in is " + request.body().length + " bytes; the limit is " + MAX_ITEM_BYTES);
        body = protocol(() -> CheckInPayload.readJson(request.body()));
      } catch (ApiException badBody) {
        key(publicKey, projectId, null); // the key is checked before what was wrong with the body is said
        throw badBody;
      }
    }
    CheckInRead readAhead = readAhead(publicKey, json ? body : queryAsJson(request), slug);
    DsnKey key = key(publicKey, projectId, readAhead);
    String payloadText;
    CheckInPayload payload;
    if (json) {
      payloadText = new String(request.body(), StandardCharsets.UTF_8);
      JsonNode checkInBody = body;
      try {
        payload = checkInPayload(() -> CheckInPayload.fromJson(checkInBody));
      } catch (ApiException refused) {
        dropped.record(key, slug, "cron", payloadText, refused);
        return ApiResponse.json(202, "{}");
      }
    } else {
      Map<String, String> query = new java.util.LinkedHashMap<>();
      query.put("monitor_slug", slug);
      for (String name : List.of("status", "check_in_id", "environment", "duration")) request.queryParam(name).ifPresent(v -> query.put(name, v));
      payloadText = Json.write(query);
      String durationText = request.queryParam("duration").orElse(null);
      Double seconds;
      try {
        seconds = Requests.parseNumber(durationText, "duration");
      } catch (ApiException bad) {
        dropped.record(key, slug, "cron", payloadText, bad.dropping(null, invalidDuration(durationText)));
        return ApiResponse.json(202, "{}");
      }
      payload = new CheckInPayload(request.queryParam("check_in_id").orElse(null), null,
          request.queryParam("status").orElse(null), request.queryParam("environment").orElse(null), seconds, null, null);
    }
    try {
      CheckInIntake.Accepted accepted = submit(key, payload, slug, readAhead);
      return ApiResponse.json(202, Json.write(Map.of("id", accepted.id().toString())));
    } catch (ApiException refused) {
      // Relay never answers an error here for a check-in it took: a `curl --fail` in a crontab must not fail the job
      // over it. The check-in is dropped and kept as a processing error; for the rate limit Retry-After still says when
      // it would be taken again.
      dropped.record(key, slug, "cron", payloadText, refused);
      ApiResponse response = ApiResponse.json(202, "{}");
      return refused.status() == 429 ? response.withHeader("Retry-After", refused.headers().getOrDefault("Retry-After", "60")) : response;
    }
  }

  private CheckInIntake.Accepted submit(DsnKey key, CheckInPayload payload, String slugFromPath, CheckInRead readAhead) {
    Double seconds = payload.durationSeconds();
    if (seconds != null && (!Double.isFinite(seconds) || seconds < 0)) {
      throw ApiException.fields(new FieldErrors().add("duration", "Must be a non-negative number of seconds."))
          .dropping(null, invalidDuration(String.valueOf(seconds)));
    }
    UUID id;
    try {
      id = Requests.checkInId(payload.checkInId());
    } catch (ApiException bad) {
      throw bad.dropping(null, Problem.of(ProcessingErrorType.CHECKIN_INVALID_GUID, "check_in_id \"" + Requests.truncate(payload.checkInId()) + "\" is not a UUID"));
    }
    return intake.submit(new CheckInIntake.Submission(key.organization(), key::projectId,
        slugFromPath != null ? slugFromPath : payload.monitorSlug(), payload.status(), id,
        payload.environment(), seconds == null ? null : Math.round(seconds * 1000), payload.monitorConfig(), payload.traceId(), true),
        readAhead);
  }

  /**
   * The key read with the monitor, environment and check-in id that {@code checkIn} (a check-in item's JSON, or null)
   * names, as far as they are well-formed; what is not is left to the submission to refuse.
   */
  private CheckInRead readAhead(String publicKey, JsonNode checkIn, String slugFromPath) {
    String slug = slugFromPath != null ? slugFromPath : textOf(checkIn, "monitor_slug");
    UUID id;
    try {
      id = Requests.checkInId(textOf(checkIn, "check_in_id"));
    } catch (ApiException notAnId) {
      id = null;
    }
    return intake.readAhead(Credential.dsnKey(publicKey), null, slug, textOf(checkIn, "environment"), id);
  }

  private static String textOf(JsonNode json, String field) {
    JsonNode v = json == null ? null : json.get(field);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  /** A check-in item's JSON, or null when it is none. */
  private static JsonNode lenientJson(byte[] payload) {
    try {
      return CheckInPayload.readJson(payload);
    } catch (SentryProtocolException e) {
      return null;
    }
  }

  /** The cron endpoint's query parameters that name what a check-in reads, as a check-in item's fields. */
  private static JsonNode queryAsJson(ApiRequest request) {
    var json = Json.MAPPER.createObjectNode();
    request.queryParam("environment").ifPresent(v -> json.put("environment", v));
    request.queryParam("check_in_id").ifPresent(v -> json.put("check_in_id", v));
    return json;
  }

  private static Problem invalidDuration(String duration) {
    return Problem.of(ProcessingErrorType.CHECKIN_INVALID_DURATION, "duration \"" + Requests.truncate(String.valueOf(duration))
        + "\" is not a non-negative number of seconds", "duration", String.valueOf(duration));
  }

  /** A check-in item whose fields have the wrong shapes: a refused check-in (CHECKIN_VALIDATION_FAILED), not a bad request. */
  private static CheckInPayload checkInPayload(java.util.function.Supplier<CheckInPayload> parse) {
    try {
      return parse.get();
    } catch (SentryProtocolException e) {
      throw ApiException.detail(400, e.getMessage()).dropping(null, Problem.withFieldErrors(ProcessingErrorType.CHECKIN_VALIDATION_FAILED,
          e.getMessage(), Map.of("payload", List.of(e.getMessage()))));
    }
  }

  /** The live key, which must belong to the project of the URL; a wrong or revoked key reads like an unknown one. */
  private DsnKey key(String publicKey, String projectId, CheckInRead readAhead) {
    DsnKey key = auth.dsnKey(publicKey, readAhead).filter(k -> !k.revoked())
        .orElseThrow(() -> ApiException.detail(401, "Invalid or revoked DSN key"));
    if (!key.projectId().equals(projectId)) throw ApiException.detail(403, "DSN key does not belong to project " + projectId);
    return key;
  }

  private static <T> T protocol(java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (SentryProtocolException e) {
      int status = switch (e.kind()) {
        case TOO_LARGE -> 413;
        case UNSUPPORTED_ENCODING -> 415;
        case BAD_REQUEST -> 400;
      };
      throw ApiException.detail(status, e.getMessage());
    }
  }
}
