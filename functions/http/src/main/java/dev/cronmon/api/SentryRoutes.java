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
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.tenant.DsnKey;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sentry's ingestion endpoints, as SDKs, sentry-cli and curl call them: the envelope endpoint and the cron endpoint.
 * Authentication is by DSN public key, which must belong to the project in the path.
 */
final class SentryRoutes {
  /** A `check_in` item is at most 100 KiB in Sentry; a whole decoded body at most 1 MiB here. */
  static final int MAX_ITEM_BYTES = 100 * 1024;

  private final CronStore store;
  private final CheckInIntake intake;

  SentryRoutes(CronStore store, CheckInIntake intake, Router router) {
    this.store = store;
    this.intake = intake;
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
    // A key in the request is checked before the body is read, so a stranger learns nothing about our parser.
    Optional<DsnKey> requestDsnKey = requestKey.map(k -> key(k, projectId));
    Envelope envelope = protocol(() -> EnvelopeParser.parse(
        BodyDecoder.decode(request.body(), request.header("content-encoding").orElse(null), Router.MAX_BODY_BYTES), MAX_ITEM_BYTES));
    String eventId = eventId(envelope);
    Optional<Dsn> headerDsn = envelope.dsn();
    if (headerDsn.isPresent()) {
      // Relay refuses an envelope whose own dsn names another key or project than the request does.
      Dsn dsn = headerDsn.get();
      if (!dsn.projectId().equals(projectId)) throw ApiException.detail(400, "The envelope's dsn names project " + dsn.projectId() + ", not " + projectId);
      if (requestKey.isPresent() && !requestKey.get().equals(dsn.publicKey())) throw ApiException.detail(400, "The envelope's dsn names another key than the request");
    }
    DsnKey key = requestDsnKey.orElseGet(() -> key(headerDsn.map(Dsn::publicKey)
        .orElseThrow(() -> ApiException.detail(401, "Missing DSN public key (X-Sentry-Auth, sentry_key, or the envelope's dsn)")), projectId));

    int accepted = 0;
    ApiException rateLimited = null;
    ApiException firstRefusal = null;
    for (EnvelopeItem item : envelope.items()) {
      if (!EnvelopeParser.CHECK_IN.equals(item.type())) continue; // events, sessions, client reports: not ours to keep
      try {
        submit(key, protocol(() -> CheckInPayload.fromJson(item.payload())), null);
        accepted++;
      } catch (ApiException refused) {
        Log.warn("envelope check-in dropped", "project", projectId, "status", refused.status(), "error", refused.body());
        if (refused.status() == 429) rateLimited = refused;
        else if (firstRefusal == null) firstRefusal = refused;
      }
    }
    Map<String, String> backOff = rateLimited == null ? Map.of() : sentryRateLimit(rateLimited);
    if (accepted == 0 && rateLimited != null) throw rateLimited.withHeaders(backOff);
    // Relay answers 200 and drops bad items; when nothing at all was kept we say why, which helps the 2 a.m. curl user.
    if (accepted == 0 && firstRefusal != null) throw firstRefusal;
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
    DsnKey key = key(publicKey, params.get("projectId"));
    boolean json = request.header("content-type").map(t -> t.toLowerCase(Locale.ROOT).startsWith("application/json")).orElse(false)
        && request.body() != null && request.body().length > 0;
    CheckInPayload payload;
    if (json) {
      // The JSON body is one check-in item: the same 100 KiB limit as in an envelope.
      if (request.body().length > MAX_ITEM_BYTES) throw ApiException.detail(413, "check-in is " + request.body().length + " bytes; the limit is " + MAX_ITEM_BYTES);
      payload = protocol(() -> CheckInPayload.fromJson(request.body()));
    } else {
      Double seconds = Requests.parseNumber(request.queryParam("duration").orElse(null), "duration");
      payload = new CheckInPayload(request.queryParam("check_in_id").orElse(null), null,
          request.queryParam("status").orElse(null), request.queryParam("environment").orElse(null), seconds, null, null);
    }
    try {
      CheckInIntake.Accepted accepted = submit(key, payload, params.get("slug"));
      return ApiResponse.json(202, Json.write(Map.of("id", accepted.id().toString())));
    } catch (ApiException refused) {
      if (refused.status() != 429) throw refused;
      // Relay never answers 429 here: a `curl --fail` in a crontab must not fail the job over a rate limit. The
      // check-in is dropped (and logged); Retry-After still says when it would be taken again.
      Log.warn("cron check-in dropped", "project", key.projectId(), "monitor", params.get("slug"), "error", refused.body());
      return ApiResponse.json(202, "{}").withHeader("Retry-After", refused.headers().getOrDefault("Retry-After", "60"));
    }
  }

  private CheckInIntake.Accepted submit(DsnKey key, CheckInPayload payload, String slugFromPath) {
    Double seconds = payload.durationSeconds();
    if (seconds != null && (!Double.isFinite(seconds) || seconds < 0)) throw ApiException.fields(new dev.cronmon.domain.monitor.FieldErrors().add("duration", "Must be a non-negative number of seconds."));
    return intake.submit(new CheckInIntake.Submission(key.organization(), key::projectId,
        slugFromPath != null ? slugFromPath : payload.monitorSlug(), payload.status(), Requests.checkInId(payload.checkInId()),
        payload.environment(), seconds == null ? null : Math.round(seconds * 1000), payload.monitorConfig(), payload.traceId(), true));
  }

  /** The live key, which must belong to the project of the URL; a wrong or revoked key reads like an unknown one. */
  private DsnKey key(String publicKey, String projectId) {
    DsnKey key = store.dsnKey(publicKey).filter(k -> !k.revoked())
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
