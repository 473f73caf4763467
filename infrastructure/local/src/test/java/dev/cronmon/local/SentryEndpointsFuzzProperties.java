package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.tenant.DsnKey;
import dev.cronmon.domain.time.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Fuzzing the Sentry endpoints over real HTTP against the local stack: truncated envelopes, wrong lengths, invalid
 * JSON items, binary garbage, huge or deeply nested JSON, wrong keys, another project's key, non-UUID ids, 6-field
 * crons, bad encodings. Whatever arrives, the answer is the status the protocol requires (200 / 202) or a 4xx with a
 * JSON `detail` or field errors, never a 5xx; and a refused request leaves the table exactly as it was.
 */
class SentryEndpointsFuzzProperties {
  private static final MutableClock CLOCK = MutableClock.at("2026-03-04T08:00:00Z");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LocalStack stack;
  private static DsnKey foreignKey;

  @BeforeContainer
  static void startStack() {
    stack = LocalStack.start(new LocalStack.Options(0, null, null, CLOCK));
    foreignKey = SentryWire.keyOfAnotherProject(stack.services().store(), CLOCK, stack.credentials().organization());
    // The monitor most attempts name exists, so well-formed query-form check-ins (which carry no config) are taken.
    HttpResponse<String> created = send(new Attempt("POST", "/api/0/organizations/" + stack.credentials().organization()
        + "/monitors/fuzz-job/checkins/", "{\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"}}}"
        .getBytes(StandardCharsets.UTF_8), Map.of("Authorization", "Bearer " + stack.credentials().token(), "Content-Type", "application/json")));
    assertThat(created.statusCode()).isEqualTo(201);
  }

  @AfterContainer
  static void stopStack() {
    stack.close();
  }

  // ---- what is sent -----------------------------------------------------------------------------

  /** A request as a hostile or sloppy client builds it. */
  record Attempt(String method, String pathAndQuery, byte[] body, Map<String, String> headers) {
    @Override
    public String toString() {
      String shown = new String(body, 0, Math.min(body.length, 300), StandardCharsets.ISO_8859_1);
      return method + " " + pathAndQuery + " " + headers + " (" + body.length + " bytes) " + shown;
    }
  }

  /** Mostly {@code good}, one time in four something hostile: so every try has a fair chance to reach the end. */
  private static <T> Arbitrary<T> usually(Arbitrary<T> good, Arbitrary<T> hostile) {
    return Arbitraries.frequencyOf(Tuple.of(3, good), Tuple.of(1, hostile));
  }

  private static <T> Arbitrary<T> usuallyValue(T good, Arbitrary<T> hostile) {
    return usually(Arbitraries.just(good), hostile);
  }

  private static Arbitrary<String> slugs() {
    return usuallyValue("fuzz-job", Arbitraries.oneOf(
        Arbitraries.of("fuzz-job", "Fuzz Job", "12345", "", "x".repeat(80), "ünïcödé-jöb", "a/b", "%zz", "fuzz#job"),
        Arbitraries.strings().ofMaxLength(60)));
  }

  private static Arbitrary<String> ids() {
    return usually(Arbitraries.oneOf(
        Arbitraries.create(() -> UUID.randomUUID().toString()),
        Arbitraries.create(() -> UUID.randomUUID().toString().replace("-", "")),
        Arbitraries.just("")), Arbitraries.oneOf(
        Arbitraries.of("00000000000000000000000000000000", "00000000-0000-0000-0000-000000000000", "latest", "1-2-3-4-5",
            "not-a-uuid", "{" + UUID.randomUUID() + "}", "g".repeat(32)),
        Arbitraries.strings().ofMaxLength(40)));
  }

  private static Arbitrary<String> schedules() {
    return usuallyValue("{\"type\":\"crontab\",\"value\":\"0 * * * *\"}", Arbitraries.oneOf(
        Arbitraries.of("{\"type\":\"crontab\",\"value\":\"0 0 * * * *\"}",
            "{\"type\":\"crontab\",\"value\":\"@every 5m\"}", "{\"type\":\"crontab\",\"value\":\"61 25 * * *\"}",
            "{\"type\":\"interval\",\"value\":0,\"unit\":\"minute\"}", "{\"type\":\"interval\",\"value\":2,\"unit\":\"fortnight\"}",
            "{\"type\":\"interval\",\"value\":1e400,\"unit\":\"hour\"}", "{\"type\":\"weekly\"}", "\"0 * * * *\"", "[1,\"hour\"]", "null"),
        Arbitraries.strings().ofMaxLength(30).map(s -> "{\"type\":\"crontab\",\"value\":" + quote(s) + "}")));
  }

  /** A check-in payload: mostly well-formed JSON with hostile values, sometimes not JSON at all. */
  private static Arbitrary<String> checkInPayloads() {
    Arbitrary<String> wellFormed = Combinators.combine(slugs(),
        usually(Arbitraries.of("ok", "error", "in_progress"), Arbitraries.of("missed", "timeout", "OK", "")),
        ids(),
        usually(Arbitraries.of("", ",\"duration\":1.5"), Arbitraries.of(",\"duration\":-3", ",\"duration\":\"10\"", ",\"duration\":1e308", ",\"duration\":null")),
        usually(Arbitraries.of("", ",\"environment\":\"staging\""), Arbitraries.of(",\"environment\":\"" + "e".repeat(70) + "\"", ",\"environment\":\"a#b\"", ",\"environment\":7")),
        schedules(),
        usuallyValue("", Arbitraries.of(",\"timezone\":\"Mars/Base\"", ",\"checkin_margin\":0", ",\"max_runtime\":99999999", ",\"failure_issue_threshold\":\"x\"")))
        .as((slug, status, id, duration, env, schedule, extra) -> "{\"monitor_slug\":" + quote(slug) + ",\"status\":" + quote(status)
            + ",\"check_in_id\":" + quote(id) + duration + env + ",\"monitor_config\":{\"schedule\":" + schedule + extra + "}}");
    Arbitrary<String> broken = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(200),
        Arbitraries.integers().between(1, 3000).map(depth -> "[".repeat(depth) + "]".repeat(depth)),
        Arbitraries.integers().between(1, 3000).map(depth -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)),
        Arbitraries.integers().between(1, 120).map(kb -> "{\"status\":\"ok\",\"monitor_slug\":\"fuzz-job\",\"pad\":\"" + "p".repeat(kb * 1024) + "\"}"),
        Arbitraries.of("null", "[]", "\"ok\"", "{\"status\":\"ok\"", "{\"status\":\"ok\"} trailing"));
    return usually(wellFormed, broken);
  }

  private static Arbitrary<byte[]> envelopeBodies() {
    Arbitrary<byte[]> built = Combinators.combine(
        usually(Arbitraries.of("{}", "{\"event_id\":\"" + UUID.randomUUID().toString().replace("-", "") + "\"}",
            "{\"dsn\":\"" + "http://" + "%KEY%" + "@127.0.0.1/" + "%PROJECT%" + "\"}"),
            Arbitraries.of("{\"event_id\":\"nope\"}", "{\"dsn\":\"not a dsn\"}", "[]", "not json")),
        checkInPayloads().list().ofMinSize(1).ofMaxSize(3),
        Arbitraries.of("check_in", "event", "session", "client_report", "", "Check_In"),
        usuallyValue(0, Arbitraries.integers().between(-3, 3)),
        Arbitraries.of(true, false),
        usuallyValue(Integer.MAX_VALUE, Arbitraries.integers().between(0, 2_000)))
        .as((header, payloads, otherType, lengthError, trailingNewline, cut) -> {
          StringBuilder b = new StringBuilder(header
              .replace("%KEY%", stack.credentials().publicKey()).replace("%PROJECT%", stack.credentials().projectId()));
          for (int i = 0; i < payloads.size(); i++) {
            byte[] p = payloads.get(i).getBytes(StandardCharsets.UTF_8);
            String type = i == 1 ? otherType : "check_in";
            long length = p.length + (i == 0 ? lengthError : 0);
            b.append('\n').append(i == 2 ? "{\"type\":\"" + type + "\"}" : "{\"type\":\"" + type + "\",\"length\":" + length + "}")
                .append('\n').append(payloads.get(i));
          }
          if (trailingNewline) b.append('\n');
          byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
          // Sometimes cut the envelope short, as a dropped connection or a wrong Content-Length would.
          return cut < bytes.length ? Arrays.copyOf(bytes, cut) : bytes;
        });
    return Arbitraries.frequencyOf(Tuple.of(9, built), Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(2000)));
  }

  private static Arbitrary<Map<String, String>> envelopeAuth() {
    return usuallyValue("ours", Arbitraries.of("none", "unknown", "foreign", "garbage", "basic")).map(which -> switch (which) {
      case "ours" -> Map.of("X-Sentry-Auth", SentryWire.sentryAuth(stack.credentials().publicKey()));
      case "unknown" -> Map.of("X-Sentry-Auth", SentryWire.sentryAuth(UUID.randomUUID().toString().replace("-", "")));
      case "foreign" -> Map.of("X-Sentry-Auth", SentryWire.sentryAuth(foreignKey.publicKey()));
      case "garbage" -> Map.of("X-Sentry-Auth", "Sentry sentry_key");
      case "basic" -> Map.of("Authorization", SentryWire.basicAuth(stack.credentials().publicKey()));
      default -> Map.of();
    });
  }

  @Provide
  Arbitrary<Attempt> envelopes() {
    return Combinators.combine(envelopeBodies(), envelopeAuth(),
        usually(Arbitraries.of("plain", "gzip", "deflate"), Arbitraries.of("br", "gzip-lie")),
        Arbitraries.of("", "application/x-sentry-envelope", "text/plain", "application/json"),
        usuallyValue("ours", Arbitraries.of("foreign", "0", "abc")))
        .as((body, auth, encoding, contentType, project) -> {
          Map<String, String> headers = new java.util.HashMap<>(auth);
          byte[] sent = switch (encoding) {
            case "gzip" -> SentryWire.gzip(body);
            case "deflate" -> SentryWire.deflate(body);
            default -> body;
          };
          if (!encoding.equals("plain")) headers.put("Content-Encoding", encoding.equals("gzip-lie") ? "gzip" : encoding);
          if (!contentType.isEmpty()) headers.put("Content-Type", contentType);
          String projectId = switch (project) {
            case "ours" -> stack.credentials().projectId();
            case "foreign" -> foreignKey.projectId();
            default -> project;
          };
          return new Attempt("POST", "/api/" + projectId + "/envelope/", sent, headers);
        });
  }

  @Provide
  Arbitrary<Attempt> cronRequests() {
    Arbitrary<String> query = Combinators.combine(
        usually(Arbitraries.of("ok", "error", "in_progress"), Arbitraries.of("missed", "", "Done")), ids(),
        usually(Arbitraries.of("", "1.25"), Arbitraries.of("-1", "abc", "NaN", "1e999", "0x10")),
        usually(Arbitraries.of("", "production", "staging"), Arbitraries.of("e".repeat(70), "a#b")))
        .as((status, id, duration, env) -> "?status=" + enc(status) + "&check_in_id=" + enc(id)
            + (duration.isEmpty() ? "" : "&duration=" + enc(duration)) + (env.isEmpty() ? "" : "&environment=" + enc(env)));
    return Combinators.combine(Arbitraries.of("GET", "POST"), slugs(),
        usually(Arbitraries.of("path", "basic"), Arbitraries.of("none", "unknown", "foreign")), query,
        checkInPayloads(), Arbitraries.of("", "application/json", "text/plain"))
        .as((method, slug, auth, q, payload, contentType) -> {
          String base = "/api/" + stack.credentials().projectId() + "/cron/" + encPath(slug) + "/";
          Map<String, String> headers = new java.util.HashMap<>();
          switch (auth) {
            case "path" -> base += stack.credentials().publicKey() + "/";
            case "unknown" -> base += "f".repeat(32) + "/";
            case "foreign" -> base += foreignKey.publicKey() + "/";
            case "basic" -> headers.put("Authorization", SentryWire.basicAuth(stack.credentials().publicKey()));
            default -> { }
          }
          byte[] body = method.equals("POST") && !contentType.isEmpty() ? payload.getBytes(StandardCharsets.UTF_8) : new byte[0];
          if (!contentType.isEmpty()) headers.put("Content-Type", contentType);
          return new Attempt(method, base + q, body, headers);
        });
  }

  // ---- the properties ---------------------------------------------------------------------------

  @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
  void envelopeEndpoint_answers200OrA4xx_neverA5xx_andARefusalWritesNothing(@ForAll("envelopes") Attempt attempt) {
    assertTolerated(attempt, 200);
  }

  @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
  void cronEndpoint_answers202OrA4xx_neverA5xx_andARefusalWritesNothing(@ForAll("cronRequests") Attempt attempt) {
    assertTolerated(attempt, 202);
  }

  private static void assertTolerated(Attempt attempt, int success) {
    CLOCK.advance(Duration.ofSeconds(7)); // time passes between requests, as it does for real clients
    List<Map<String, AttributeValue>> before = tableItems();

    HttpResponse<String> r = send(attempt);
    Statistics.collect(r.statusCode()); // printed with the report: the fuzz must reach the accepting paths too

    assertThat(r.statusCode()).as("%s answered %s", attempt, r.body()).isIn(success, 400, 401, 403, 404, 409, 413, 415, 429);
    assertThat(r.headers().firstValue("content-type")).as(attempt.toString()).contains("application/json");
    if (r.statusCode() >= 400) {
      assertThat(r.body()).as(attempt.toString()).startsWith("{\"");
      assertThat(tableItems()).as("a refused %s wrote nothing", attempt).isEqualTo(before);
    }
    if (success == 202 && r.statusCode() == 202 && r.body().equals("{}")) {
      // A check-in the cron endpoint dropped (docs/semantics.md rule E1): at most its processing error was written.
      List<Map<String, AttributeValue>> after = tableItems();
      List<Map<String, AttributeValue>> changed = new ArrayList<>(after);
      changed.removeAll(before);
      List<Map<String, AttributeValue>> gone = new ArrayList<>(before);
      gone.removeAll(after);
      assertThat(gone).as("a dropped %s removed nothing", attempt).allSatisfy(i -> assertThat(i.get("kind").s()).startsWith("processing-error"));
      assertThat(changed).as("a dropped %s wrote only its processing error", attempt)
          .allSatisfy(i -> assertThat(i.get("kind").s()).isIn("processing-error", "processing-error-counter"));
    }
  }

  private static HttpResponse<String> send(Attempt attempt) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.baseUri() + attempt.pathAndQuery()))
        .method(attempt.method(), HttpRequest.BodyPublishers.ofByteArray(attempt.body()));
    attempt.headers().forEach(b::header);
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<Map<String, AttributeValue>> tableItems() {
    return new ArrayList<>(stack.dynamo().client().scanPaginator(ScanRequest.builder().tableName("CronmonTable").consistentRead(true).build())
        .items().stream().toList());
  }

  private static String quote(String s) {
    return dev.cronmon.common.Json.write(s);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A path segment: percent-encoded, except that a literal "%zz" is kept to send a malformed escape. */
  private static String encPath(String s) {
    return s.equals("%zz") ? "%25zz" : URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
