package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.api.ApiRequest;
import dev.cronmon.api.ApiResponse;
import dev.cronmon.api.IngestApi;
import dev.cronmon.api.ManageApi;
import dev.cronmon.common.Json;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.service.Bootstrap;
import dev.cronmon.domain.time.MutableClock;
import dev.cronmon.dynamodb.CapacityMeter;
import dev.cronmon.dynamodb.DynamoCronStore;
import dev.cronmon.dynamodb.TableSchema;
import dev.cronmon.dynamodblocal.DynamoDbLocal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Hostile input is normal input: random paths, methods, headers, query strings and bodies, driven through
 * both routers in process against DynamoDB Local. Never a 5xx; a refused request writes nothing (the store's
 * {@link CapacityMeter} counts every write DynamoDB acknowledges); names, slugs and environment names that are
 * unprintable, spoofing or 10 KB long are refused with field errors.
 */
class ApiFuzzProperties {
  private static final MutableClock CLOCK = MutableClock.at("2026-03-02T10:00:00Z");
  private static DynamoDbLocal dynamo;
  private static CapacityMeter meter;
  private static CronStore store;
  private static IngestApi ingest;
  private static ManageApi manage;
  private static Bootstrap.Credentials credentials;
  private static String readToken;
  /** Real ids of real things, so that random requests also reach the code behind the lookups. */
  private static Map<String, String> valid;

  @BeforeContainer
  static void start() {
    dynamo = DynamoDbLocal.inMemory();
    TableSchema.createTable(dynamo.client(), "fuzz");
    meter = new CapacityMeter();
    store = new DynamoCronStore(DynamoDbLocal.newClient(dynamo.endpoint(), meter), "fuzz");
    ingest = new IngestApi(store, CLOCK);
    manage = new ManageApi(store, CLOCK);
    credentials = Bootstrap.createOrganization(store, CLOCK, "acme", "Acme");
    readToken = json(manage.handle(request("POST", "/api/0/organizations/acme/api-tokens/", admin(),
        "{\"name\":\"read\",\"scopes\":[\"org:read\"]}"))).get("token").asText();
    String spareToken = json(manage.handle(request("POST", "/api/0/organizations/acme/api-tokens/", admin(),
        "{\"name\":\"spare\",\"scopes\":[\"org:write\"]}"))).get("id").asText();
    String spareKey = json(manage.handle(request("POST", "/api/0/projects/acme/default/keys/", admin(), "{}"))).get("public").asText();
    String checkInId = json(ingest.handle(request("POST", "/api/0/organizations/acme/monitors/fuzzed/checkins/", admin(),
        "{\"status\":\"in_progress\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"@hourly\"}}}"))).get("id").asText();
    // Targets of the name properties, out of the random requests' reach (those may rename or delete what they find).
    ingest.handle(request("POST", "/api/0/organizations/acme/monitors/named/checkins/", admin(),
        "{\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"@hourly\"}}}"));
    manage.handle(request("POST", "/api/0/organizations/acme/projects/", admin(), "{\"name\":\"Named\",\"slug\":\"named-project\"}"));
    valid = Map.of("org", "acme", "slug", "fuzzed", "checkInId", checkInId, "environment", "production", "project", "default",
        "projectId", credentials.projectId(), "sentryKey", credentials.publicKey(), "keyId", spareKey, "tokenId", spareToken);
    valid = new java.util.HashMap<>(valid);
    valid.putAll(Map.of("channelId", "no-such-channel", "version", "v1", "file", "app.js", "windowId", "no-such-window"));
    String pingId = json(manage.handle(request("GET", "/api/0/organizations/acme/monitors/fuzzed/", admin(), null))).get("ping").get("id").asText();
    String pingKey = json(manage.handle(request("GET", "/api/0/projects/acme/default/ping-keys/", admin(), null))).get(0).get("key").asText();
    valid.put("key", json(manage.handle(request("GET", "/api/0/projects/acme/default/badge-key/", admin(), null))).get("key").asText());
    valid.putAll(Map.of("uuid", pingId, "uuidOrPingKey", pingKey, "signalOrSlug", "fuzzed", "pingKey", pingKey, "signal", "start"));
    // A processing error: a check-in of the project's key for a monitor that does not exist.
    ingest.handle(request("GET", "/api/" + credentials.projectId() + "/cron/never-created/" + credentials.publicKey() + "/", Map.of(), null));
    valid.put("errorId", json(manage.handle(request("GET", "/api/0/projects/acme/default/processing-errors/", admin(), null))).get(0).get("id").asText());
  }

  @AfterContainer
  static void stop() {
    dynamo.close();
  }

  private static Map<String, String> admin() {
    return Map.of("authorization", "Bearer " + credentials.token(), "content-type", "application/json");
  }

  private static ApiRequest request(String method, String path, Map<String, String> headers, String body) {
    return new ApiRequest(method, path, headers, Map.of(), body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  private static com.fasterxml.jackson.databind.JsonNode json(ApiResponse response) {
    return Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
  }

  /** A request and the function it is sent to (the one whose route it aims at, as API Gateway would route it). */
  record Sent(String function, ApiRequest request) {
    @Override
    public String toString() {
      return function + ": " + request.method() + " " + request.path() + " " + request.headers() + " " + request.query() + " "
          + (request.body() == null ? "" : new String(request.body(), StandardCharsets.UTF_8));
    }
  }

  /** The function answers; it never fails, and a refusal costs no write. */
  private static void assertHandledSafely(Sent sent) {
    ApiRequest request = sent.request();
    double writesBefore = meter.writeUnits();
    ApiResponse response = sent.function().equals(ApiRoutes.INGEST) ? ingest.handle(request) : manage.handle(request);
    Statistics.label("status").collect(response.status() / 100 + "xx");
    assertThat(response.status()).as("%s -> %s", sent, response.body()).isBetween(200, 499);
    if (response.status() >= 400) {
      assertThat(meter.writeUnits()).as("refused %s wrote: %s", sent, response.body()).isEqualTo(writesBefore);
      if (response.headers().getOrDefault("Content-Type", "").startsWith("text/plain")) {
        // healthchecks' pinging API answers a short text (HEAD: none), never a stack trace.
        assertThat(response.body().length()).as(response.body()).isLessThan(200);
      } else {
        assertThat(json(response).has("detail") || json(response).size() > 0).as(response.body()).isTrue();
      }
    }
  }


  // --- every route, random everything ---------------------------------------------------------------------------

  // Edge cases off: they would pile onto the first route with the most hostile values; plain randomness spreads over all.
  @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
  void anyRequest_toAnyRoute_isNever5xx_andWritesNothingWhenRefused(@ForAll("requests") Sent sent) {
    assertHandledSafely(sent);
  }

  @Provide
  Arbitrary<Sent> requests() {
    List<ApiRoutes> routes = ApiRoutes.all(store, CLOCK);
    Arbitrary<Sent> routed = Arbitraries.of(routes).flatMap(route -> {
      Arbitrary<String> method = Arbitraries.frequencyOf(
          net.jqwik.api.Tuple.of(8, Arbitraries.just(route.method())),
          net.jqwik.api.Tuple.of(1, Arbitraries.of("GET", "POST", "PUT", "DELETE")),
          net.jqwik.api.Tuple.of(1, Arbitraries.of("PATCH", "HEAD", "OPTIONS", "TRACE", "get", "")));
      Arbitrary<String> path = Arbitraries.frequencyOf(
          net.jqwik.api.Tuple.of(9, paramValues(route).map(route::path)),
          net.jqwik.api.Tuple.of(1, paramValues(route).map(values -> route.path(values) + "x/")));
      return Combinators.combine(method, path, headers(), query(), body(route))
          .as((m, p, h, q, b) -> new Sent(route.function(), new ApiRequest(m, p, h, q, b)));
    });
    Arbitrary<Sent> anywhere = Combinators.combine(Arbitraries.of(ApiRoutes.INGEST, ApiRoutes.MANAGE),
        Arbitraries.oneOf(hostile().map(h -> "/api/" + h), Arbitraries.strings().ofMaxLength(60).map(s -> "/" + s)),
        headers(), body(null)).as((f, p, h, b) -> new Sent(f, new ApiRequest("POST", p, h, Map.of(), b)));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, routed), net.jqwik.api.Tuple.of(1, anywhere));
  }

  /** What a route's body looks like when valid, as field → JSON value; random requests start from it and mutate it. */
  private static Map<String, String> validBody(ApiRoutes route) {
    if (route == null || route.method().equals("GET") || route.method().equals("DELETE")) return Map.of();
    String t = route.template();
    if (t.contains("/checkins/")) return Map.of("status", "\"ok\"", "duration", "1200",
        "monitor_config", "{\"schedule\":{\"type\":\"crontab\",\"value\":\"*/5 * * * *\"},\"checkin_margin\":3}");
    if (t.contains("/cron/")) return Map.of("status", "\"in_progress\"", "environment", "\"qa\"");
    if (t.endsWith("/environments/{environment}/")) return Map.of("isMuted", "true");
    if (t.endsWith("/monitors/") || t.endsWith("/monitors/{slug}/")) return Map.of("name", "\"Fuzzed job\"", "status", "\"active\"",
        "is_muted", "false", "config", "{\"schedule_type\":\"interval\",\"schedule\":[2,\"hour\"],\"max_runtime\":45}");
    if (t.endsWith("/api-tokens/")) return Map.of("name", "\"fuzz\"", "scopes", "[\"org:read\"]");
    return Map.of("name", "\"Fuzzed\"");
  }

  private Arbitrary<Map<String, String>> paramValues(ApiRoutes route) {
    List<Arbitrary<Map.Entry<String, String>>> each = new ArrayList<>();
    for (String name : route.params()) {
      each.add(Arbitraries.frequencyOf(
          net.jqwik.api.Tuple.of(12, Arbitraries.just(valid.get(name))),
          net.jqwik.api.Tuple.of(2, hostile()),
          net.jqwik.api.Tuple.of(1, Arbitraries.of("%ZZ", "%", "%00", "..", "%2F", "0", "-1", "latest", "00000000000000000000000000000000"))
      ).map(v -> Map.entry(name, v)));
    }
    if (each.isEmpty()) return Arbitraries.just(Map.of());
    return Combinators.combine(each).as(entries -> entries.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (x, y) -> x)));
  }

  private Arbitrary<Map<String, String>> headers() {
    Arbitrary<String> authorization = Arbitraries.of(
        "Bearer " + credentials.token(), "Bearer " + readToken, "Bearer cronmon_" + "0".repeat(64), "Bearer ", "bearer " + credentials.token(),
        "DSN http://" + credentials.publicKey() + "@127.0.0.1/" + credentials.projectId(), "DSN not-a-dsn", "Basic Og==",
        "Basic " + java.util.Base64.getEncoder().encodeToString((credentials.publicKey() + ":").getBytes(StandardCharsets.UTF_8)), "", "Bearer x".repeat(100));
    Arbitrary<String> contentType = Arbitraries.of("application/json", "application/x-sentry-envelope", "text/plain", "application/json; charset=utf-16", "");
    Arbitrary<String> contentEncoding = Arbitraries.of("gzip", "deflate", "br", "identity", "gzip, gzip", "x-unknown");
    Arbitrary<String> sentryAuth = Arbitraries.of("Sentry sentry_key=" + credentials.publicKey(), "Sentry sentry_key=", "Sentry ,,,=", "garbage");
    Arbitrary<String> mostlyAdmin = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.just("Bearer " + credentials.token())), net.jqwik.api.Tuple.of(3, authorization));
    return Combinators.combine(mostlyAdmin.injectNull(0.1), contentType.injectNull(0.3), contentEncoding.injectNull(0.9), sentryAuth.injectNull(0.5))
        .as((a, t, e, s) -> {
          Map<String, String> h = new HashMap<>();
          if (a != null) h.put("authorization", a);
          if (t != null) h.put("content-type", t);
          if (e != null) h.put("content-encoding", e);
          if (s != null) h.put("x-sentry-auth", s);
          h.put("host", "127.0.0.1:8787");
          return h;
        });
  }

  private Arbitrary<Map<String, String>> query() {
    Arbitrary<String> key = Arbitraries.of("cursor", "per_page", "environment", "project", "query", "sort", "asc", "start", "end",
        "statsPeriod", "sentry_key", "status", "check_in_id", "duration", "scheduleType", "cronSchedule", "intervalFrequency",
        "intervalUnit", "timezone", "from", "numTicks");
    Arbitrary<String> value = Arbitraries.oneOf(hostile(), Arbitraries.of("0", "1", "-1", "100", "101", "99999999999", "status", "name",
        "2026-03-02T10:00:00Z", "24h", "ok", "in_progress", "crontab", "interval", "hour", "* * * * *", "UTC", "bSxmdXp6ZWQ", "YzE6eA"));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, Arbitraries.just(Map.<String, String>of())),
        net.jqwik.api.Tuple.of(1, Arbitraries.maps(key, value).ofMaxSize(3)));
  }

  private Arbitrary<byte[]> body(ApiRoutes route) {
    Map<String, String> base = validBody(route);
    Arbitrary<String> mutated = Arbitraries.maps(Arbitraries.of(FIELDS), scalar()).ofMaxSize(2).map(overrides -> {
      Map<String, String> merged = new HashMap<>(base);
      merged.putAll(overrides);
      return merged.entrySet().stream().map(e -> jsonString(e.getKey()) + ":" + e.getValue()).collect(Collectors.joining(",", "{", "}"));
    });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, Arbitraries.just((byte[]) null)),
        net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)),
        net.jqwik.api.Tuple.of(base.isEmpty() ? 1 : 6, mutated.map(s -> s.getBytes(StandardCharsets.UTF_8))),
        net.jqwik.api.Tuple.of(2, jsonObject(3).map(s -> s.getBytes(StandardCharsets.UTF_8))),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("{", "[]", "null", "\"x\"", "{\"a\":" + "[".repeat(100) + "}", "{}\n{\"type\":\"check_in\"}\n{}")
            .map(s -> s.getBytes(StandardCharsets.UTF_8))));
  }

  private static final List<String> FIELDS = List.of("name", "slug", "status", "is_muted", "isMuted", "config", "monitor_config",
      "schedule", "schedule_type", "checkin_margin", "max_runtime", "timezone", "failure_issue_threshold", "recovery_threshold", "type",
      "value", "unit", "environment", "duration", "check_in_id", "project", "scopes", "monitor_slug");

  private Arbitrary<String> scalar() {
    return Arbitraries.oneOf(
        hostile().map(ApiFuzzProperties::jsonString),
        Arbitraries.of("true", "false", "null", "0", "-1", "1e308", "-0.5", "40321", "720", "123456789012345678901234567890", "[2,\"hour\"]",
            "[\"org:read\"]", "[\"org:admin\",7]", "\"0 * * * *\"", "\"@daily\"", "\"interval\"", "\"crontab\"", "\"ok\"", "\"disabled\"",
            "{\"schedule_type\":\"crontab\",\"schedule\":\"0 0 * * * *\"}", "{\"timezone\":\"Mars/Base\"}", "{}"));
  }

  /** JSON objects with the fields the routes read, holding values of every JSON type (and nested configs). */
  private Arbitrary<String> jsonObject(int depth) {
    Arbitrary<String> value = depth == 0 ? scalar() : Arbitraries.oneOf(scalar(), scalar(), jsonObject(depth - 1));
    return Arbitraries.maps(Arbitraries.of(FIELDS), value).ofMaxSize(6).map(m -> m.entrySet().stream()
        .map(e -> jsonString(e.getKey()) + ":" + e.getValue()).collect(Collectors.joining(",", "{", "}")));
  }

  // --- hostile names are refused with field errors ------------------------------------------------------------

  /** Where a name enters, and the field its error is reported under. */
  private record NameField(String method, String path, Function<String, String> body, String field, boolean slug) {}

  private static final List<NameField> NAME_FIELDS = List.of(
      new NameField("POST", "/api/0/organizations/acme/monitors/", v -> "{\"name\":" + jsonString(v) + ",\"slug\":\"ok-slug\",\"config\":{\"schedule_type\":\"crontab\",\"schedule\":\"@daily\"}}", "name", false),
      new NameField("POST", "/api/0/organizations/acme/monitors/", v -> "{\"name\":\"Fine\",\"slug\":" + jsonString(v) + ",\"config\":{\"schedule_type\":\"crontab\",\"schedule\":\"@daily\"}}", "slug", true),
      new NameField("PUT", "/api/0/organizations/acme/monitors/named/", v -> "{\"name\":" + jsonString(v) + "}", "name", false),
      new NameField("PUT", "/api/0/organizations/acme/monitors/named/", v -> "{\"slug\":" + jsonString(v) + "}", "slug", true),
      new NameField("POST", "/api/0/organizations/acme/projects/", v -> "{\"name\":" + jsonString(v) + ",\"slug\":\"fine\"}", "name", false),
      new NameField("POST", "/api/0/organizations/acme/projects/", v -> "{\"name\":\"Fine\",\"slug\":" + jsonString(v) + "}", "slug", true),
      new NameField("PUT", "/api/0/projects/acme/named-project/", v -> "{\"name\":" + jsonString(v) + "}", "name", false),
      new NameField("POST", "/api/0/projects/acme/named-project/keys/", v -> "{\"name\":" + jsonString(v) + "}", "name", false),
      new NameField("POST", "/api/0/organizations/acme/api-tokens/", v -> "{\"name\":" + jsonString(v) + ",\"scopes\":[\"org:read\"]}", "name", false),
      new NameField("POST", "/api/0/organizations/acme/monitors/named/checkins/", v -> "{\"status\":\"ok\",\"environment\":" + jsonString(v) + "}", "environment", false));

  @Property(tries = 200)
  void unprintableSpoofingOrHugeNames_areRefusedWithAFieldError(@ForAll("nameFields") NameField where, @ForAll("hostile") String name) {
    ApiRequest request = request(where.method(), where.path(), admin(), where.body().apply(name));
    double writesBefore = meter.writeUnits();

    ApiResponse response = where.path().endsWith("/checkins/") ? ingest.handle(request) : manage.handle(request);

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(json(response).has(where.field())).as(response.body()).isTrue();
    assertThat(meter.writeUnits()).isEqualTo(writesBefore);
  }

  @Property(tries = 100)
  void nonAsciiSlugs_areRefusedWithAFieldError(@ForAll("nameFields") NameField where, @ForAll("unicodeWords") String slug) {
    if (!where.slug()) return;
    ApiResponse response = manage.handle(request(where.method(), where.path(), admin(), where.body().apply(slug)));

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(json(response).has(where.field())).as(response.body()).isTrue();
  }

  @Property(tries = 100)
  void unprintableEnvironmentNames_inPaths_areRefusedWithAFieldError(@ForAll("hostile") String environment) {
    String encoded = java.net.URLEncoder.encode(environment, StandardCharsets.UTF_8).replace("+", "%20");
    ApiResponse response = manage.handle(request("PUT", "/api/0/organizations/acme/monitors/named/environments/" + encoded + "/", admin(), "{\"isMuted\":true}"));

    assertThat(response.status()).as(response.body()).isIn(400, 404);
    if (response.status() == 400) assertThat(json(response).has("environment")).as(response.body()).isTrue();
  }

  @Provide
  Arbitrary<NameField> nameFields() {
    return Arbitraries.of(NAME_FIELDS);
  }

  /** Strings no name may be: a control, format, private-use or unpaired surrogate character somewhere, or 10 KB long. */
  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<String> text = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
    Arbitrary<Character> bad = Arbitraries.of('\u0000', '\u0007', '\n', '\u001B', '\u007F', '\u0085', '\u200B', '\u200E', '\u202E',
        '\u2066', '\uFEFF', '\u2028', '\uE000', '\uD800', '\uDFFF');
    return Arbitraries.oneOf(
        Combinators.combine(text, bad, text).as((a, c, b) -> a + c + b),
        Combinators.combine(bad, text).as((c, a) -> c + a),
        Arbitraries.strings().withCharRange('a', 'z').ofLength(10).map(s -> s.repeat(1024)));
  }

  @Provide
  Arbitrary<String> unicodeWords() {
    return Arbitraries.of("nächtlich", "日本語", "résumé", "ｆｕｌｌ", "јоb", "emoji-💥", "straße");
  }

  /** JSON string literal with every non-ASCII character escaped, so unpaired surrogates survive into the request. */
  private static String jsonString(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') out.append('\\').append(c);
      else if (c < 0x20 || c > 0x7E) out.append(String.format("\\u%04X", (int) c));
      else out.append(c);
    }
    return out.append('"').toString();
  }
}
