package dev.cronmon.local;

import static dev.cronmon.local.SentryWire.checkInJson;
import static dev.cronmon.local.SentryWire.envelope;
import static dev.cronmon.local.SentryWire.hourly;
import static dev.cronmon.local.SentryWire.sentryAuth;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.domain.processing.ProcessingErrorType;
import dev.cronmon.domain.tenant.DsnKey;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** `POST /api/{project_id}/envelope/` over real HTTP: every way SDKs put an envelope on the wire, and what is refused. */
class EnvelopeEndpointTest extends LocalStackTestBase {

  @BeforeEach
  void atTenPast() {
    clock.set(Instant.parse("2026-03-02T10:10:00Z"));
  }

  private String path() {
    return "/api/" + stack.credentials().projectId() + "/envelope/";
  }

  private String key() {
    return stack.credentials().publicKey();
  }

  private Response post(byte[] body, String... headers) {
    return post(path(), body, headers);
  }

  private Response post(String path, byte[] body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.baseUri() + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return send(b.build());
  }

  private JsonNode checkIns(String slug) {
    Response r = api("GET", orgPath("/monitors/" + slug + "/checkins/"), null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private JsonNode monitor(String slug) {
    Response r = api("GET", orgPath("/monitors/" + slug + "/"), null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static String eventId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  static Stream<Arguments> wireVariants() {
    List<Arguments> variants = new ArrayList<>();
    for (String encoding : List.of("plain", "gzip", "deflate")) {
      for (boolean withLength : List.of(true, false)) {
        for (boolean trailingNewline : List.of(true, false)) {
          for (boolean withContentType : List.of(true, false)) {
            variants.add(Arguments.of(encoding, withLength, trailingNewline, withContentType));
          }
        }
      }
    }
    return variants.stream();
  }

  @ParameterizedTest(name = "{0}, length {1}, trailing newline {2}, Content-Type {3}")
  @MethodSource("wireVariants")
  void envelope_isAccepted_inEveryWireVariant(String encoding, boolean withLength, boolean trailingNewline, boolean withContentType) {
    String slug = ("wire-" + encoding + "-" + withLength + "-" + trailingNewline + "-" + withContentType).toLowerCase();
    String eventId = eventId();
    SentryWire.EnvelopeBuilder b = envelope("{\"event_id\":\"" + eventId + "\",\"sent_at\":\"2026-03-02T10:10:00Z\"}")
        .item("check_in", checkInJson(slug, "ok", eventId, hourly()), withLength);
    if (!trailingNewline) b.withoutTrailingNewline();
    byte[] plain = b.bytes();
    byte[] body = switch (encoding) {
      case "gzip" -> SentryWire.gzip(plain);
      case "deflate" -> SentryWire.deflate(plain);
      default -> plain;
    };
    List<String> headers = new ArrayList<>(List.of("X-Sentry-Auth", sentryAuth(key())));
    if (!encoding.equals("plain")) headers.addAll(List.of("Content-Encoding", encoding));
    if (withContentType) headers.addAll(List.of("Content-Type", "application/x-sentry-envelope"));

    Response r = post(body, headers.toArray(String[]::new));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("id").asText()).isEqualTo(eventId);
    JsonNode history = checkIns(slug);
    assertThat(history).hasSize(1);
    assertThat(history.get(0).get("id").asText().replace("-", "")).isEqualTo(eventId);
    assertThat(history.get(0).get("status").asText()).isEqualTo("ok");
  }

  @Test
  void payloadWithNewlines_isReadByItsLength_andTheItemsAfterItStillCount() {
    String pretty = "{\n  \"monitor_slug\": \"pretty-job\",\n  \"status\": \"in_progress\",\n  " + hourly() + "\n}";
    byte[] body = envelope("{}")
        .item("check_in", pretty, true)
        .item("check_in", checkInJson("pretty-job", "ok", null, "\"duration\": 2.5"), true)
        .bytes();

    Response r = post(body, "X-Sentry-Auth", sentryAuth(key()));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode history = checkIns("pretty-job");
    assertThat(history).hasSize(1);
    assertThat(history.get(0).get("status").asText()).isEqualTo("ok");
    assertThat(history.get(0).get("duration").asLong()).isEqualTo(2_500);
  }

  @Test
  void chunkedGzipBody_ofUnknownLength_isAccepted() throws Exception {
    byte[] gz = SentryWire.gzip(envelope("{}").checkIn(checkInJson("chunked-job", "ok", null, hourly())).bytes());
    HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(stack.baseUri() + path()))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(gz)))
        .header("X-Sentry-Auth", sentryAuth(key())).header("Content-Encoding", "gzip")
        .build();
    assertThat(request.bodyPublisher().orElseThrow().contentLength()).isNegative(); // so the client sends it chunked

    HttpResponse<String> r = http11.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{}");
    assertThat(checkIns("chunked-job")).hasSize(1);
  }

  static Stream<Arguments> authForms() {
    return Stream.of(
        Arguments.of("X-Sentry-Auth, spaces after commas", "header", "Sentry sentry_version=7, sentry_client=x/1, sentry_key=%s"),
        Arguments.of("X-Sentry-Auth, no spaces", "header", "Sentry sentry_key=%s,sentry_version=7,sentry_client=x/1"),
        Arguments.of("Authorization: Sentry …", "authorization", "Sentry sentry_key=%s, sentry_version=7"),
        Arguments.of("?sentry_key= in the query", "query", "%s"),
        Arguments.of("the envelope header's dsn", "dsn", "%s"),
        Arguments.of("X-Sentry-Auth and a matching dsn", "header+dsn", "Sentry sentry_key=%s, sentry_version=7"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("authForms")
  void everyAuthForm_isAccepted(String name, String where, String format) {
    String slug = "auth-" + Integer.toHexString(name.hashCode());
    String value = String.format(format, key());
    String header = where.contains("dsn") ? "{\"dsn\":\"" + stack.dsn() + "\"}" : "{}";
    byte[] body = envelope(header).checkIn(checkInJson(slug, "ok", null, hourly())).bytes();

    Response r = switch (where) {
      case "header", "header+dsn" -> post(body, "X-Sentry-Auth", value);
      case "authorization" -> post(body, "Authorization", value);
      case "query" -> post(path() + "?sentry_version=7&sentry_key=" + value, body);
      default -> post(body);
    };

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(checkIns(slug)).hasSize(1);
  }

  @Test
  void refusedCredentials_getA4xx_andWriteNothing() {
    DsnKey foreign = SentryWire.keyOfAnotherProject(stack.services().store(), clock, org);
    byte[] body = envelope("{}").checkIn(checkInJson("refused-job", "ok", null, hourly())).bytes();
    byte[] otherDsn = envelope("{\"dsn\":\"http://" + foreign.publicKey() + "@127.0.0.1/" + foreign.projectId() + "\"}")
        .checkIn(checkInJson("refused-job", "ok", null, hourly())).bytes();
    var before = tableItems();

    Response missing = post(body);
    Response unknown = post(body, "X-Sentry-Auth", sentryAuth("0123456789abcdef0123456789abcdef"));
    Response anotherProject = post(body, "X-Sentry-Auth", sentryAuth(foreign.publicKey()));
    Response dsnOfAnotherProject = post(otherDsn);
    Response dsnDisagreesWithHeader = post(otherDsn, "X-Sentry-Auth", sentryAuth(key()));
    Response projectOfTheKeyInAnotherPath = post("/api/" + foreign.projectId() + "/envelope/", body, "X-Sentry-Auth", sentryAuth(key()));

    assertThat(missing.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(anotherProject.status()).isEqualTo(403);
    assertThat(dsnOfAnotherProject.status()).isEqualTo(400);
    assertThat(dsnDisagreesWithHeader.status()).isEqualTo(400);
    assertThat(projectOfTheKeyInAnotherPath.status()).isEqualTo(403);
    for (Response r : List.of(missing, unknown, anotherProject, dsnOfAnotherProject, dsnDisagreesWithHeader, projectOfTheKeyInAnotherPath)) {
      assertThat(r.json().get("detail").asText()).isNotBlank();
    }
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void otherItemTypes_areAcceptedAndIgnored_besideTheCheckIn() {
    String eventId = eventId();
    byte[] body = envelope("{\"event_id\":\"" + eventId + "\",\"sdk\":{\"name\":\"sentry.java\",\"version\":\"8.62.0\"}}")
        .item("event", "{\"event_id\":\"" + eventId + "\",\"message\":\"boom\\nline two\"}", true)
        .item("session", "{\"sid\":\"" + UUID.randomUUID() + "\",\"status\":\"ok\"}", false)
        .item("attachment", "binary\u0000bytes\nwith a newline", true)
        .checkIn(checkInJson("mixed-job", "ok", null, hourly()))
        .item("client_report", "{\"discarded_events\":[]}", true)
        .bytes();

    Response r = post(body, "X-Sentry-Auth", sentryAuth(key()));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("id").asText()).isEqualTo(eventId);
    assertThat(checkIns("mixed-job")).hasSize(1);
  }

  @Test
  void envelopeWithoutCheckIns_answers200_andWritesNothing() {
    byte[] body = envelope("{}").item("event", "{\"message\":\"not ours\"}", true).item("session", "{}", false).bytes();
    var before = tableItems();

    Response r = post(body, "X-Sentry-Auth", sentryAuth(key()));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{}");
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void checkInItemOver100KiB_gets413_andWritesNothing() {
    String padding = "\"release\":\"" + "x".repeat(100 * 1024) + "\"";
    byte[] body = envelope("{}").checkIn(checkInJson("big-job", "ok", null, hourly() + "," + padding)).bytes();
    var before = tableItems();

    Response r = post(body, "X-Sentry-Auth", sentryAuth(key()));

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().get("detail").asText()).contains("check_in");
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void gzipBomb_stopsAt1MiB_gets413_andWritesNothing() {
    // 64 MiB of newlines compress to about 64 KiB: far under the raw limit, far over the decoded one.
    byte[] bomb = SentryWire.gzip(new byte[64 << 20]);
    assertThat(bomb.length).isLessThan(1 << 20);
    var before = tableItems();

    Response r = post(bomb, "X-Sentry-Auth", sentryAuth(key()), "Content-Encoding", "gzip");

    assertThat(r.status()).isEqualTo(413);
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void bodyOver1MiB_beforeOrAfterDecompression_gets413_andWritesNothing() {
    String bigEvent = "{\"message\":\"" + "y".repeat((1 << 20) + 100) + "\"}";
    byte[] plain = envelope("{}").item("event", bigEvent, true).checkIn(checkInJson("huge-job", "ok", null, hourly())).bytes();
    var before = tableItems();

    Response raw = post(plain, "X-Sentry-Auth", sentryAuth(key()));
    Response decoded = post(SentryWire.gzip(plain), "X-Sentry-Auth", sentryAuth(key()), "Content-Encoding", "gzip");

    assertThat(raw.status()).isEqualTo(413);
    assertThat(decoded.status()).isEqualTo(413);
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void invalidConfig_forANewMonitor_isAProcessingErrorWithTheValidationErrors_andNothingElseIsWritten() {
    String sixFields = "\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 0 2 * * *\"}}";
    byte[] body = envelope("{}").checkIn(checkInJson("six-field-job", "ok", null, sixFields)).bytes();
    var before = tableItems();

    Response r = post(body, "X-Sentry-Auth", sentryAuth(key()));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode error = assertOnlyAProcessingErrorWritten(before, ProcessingErrorType.MONITOR_INVALID_CONFIG);
    assertThat(error.get("errors").get(0).get("errors").get("schedule").get(0).asText()).isEqualTo("Only 5 field crontab syntax is supported");
  }

  @Test
  void invalidConfig_forAnExistingMonitor_keepsTheCheckIn_andTheMonitorShowsWhy() {
    post(envelope("{}").checkIn(checkInJson("drifting-job", "ok", null, hourly())).bytes(), "X-Sentry-Auth", sentryAuth(key()));
    String badZone = "\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"},\"timezone\":\"Mars/Olympus\"}";
    clock.advance(Duration.ofMinutes(1));

    Response r = post(envelope("{}").checkIn(checkInJson("drifting-job", "error", null, badZone)).bytes(), "X-Sentry-Auth", sentryAuth(key()));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode history = checkIns("drifting-job");
    assertThat(history).hasSize(2);
    assertThat(history.get(0).get("status").asText()).isEqualTo("error");
    JsonNode m = monitor("drifting-job");
    assertThat(m.get("config").get("timezone").asText()).isEqualTo("UTC");
    assertThat(m.get("configError").asText()).startsWith("monitor_config.timezone: ");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"Nightly Backup Job", "  nightly backup job ", "NIGHTLY-BACKUP-JOB", "Nîghtly Bäckup Jöb"})
  void monitorSlug_isNormalisedAsSentryDoes(String raw) {
    byte[] body = envelope("{}").checkIn(checkInJson(raw, "ok", null, hourly())).bytes();

    Response r = post(body, "X-Sentry-Auth", sentryAuth(key()));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(monitor("nightly-backup-job").get("slug").asText()).isEqualTo("nightly-backup-job");
  }

  @Test
  void durationInSeconds_isStoredInMilliseconds() {
    byte[] body = envelope("{}").checkIn(checkInJson("seconds-job", "ok", null, hourly() + ",\"duration\":1.2344")).bytes();

    post(body, "X-Sentry-Auth", sentryAuth(key()));

    assertThat(checkIns("seconds-job").get(0).get("duration").asLong()).isEqualTo(1_234);
  }

  @Test
  void unknownMonitorWithoutConfig_gets200_andOnlyItsProcessingErrorIsWritten() {
    byte[] body = envelope("{}").checkIn(checkInJson("never-created", "ok", null, null)).bytes();
    var before = tableItems();

    Response r = post(body, "X-Sentry-Auth", sentryAuth(key()));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode error = assertOnlyAProcessingErrorWritten(before, ProcessingErrorType.MONITOR_NOT_FOUND);
    assertThat(error.get("checkin").get("payload").get("monitor_slug").asText()).isEqualTo("never-created");
    assertThat(error.get("checkin").get("source").asText()).isEqualTo("envelope");
  }

  private static final List<byte[]> MALFORMED = List.of(
      new byte[0],
      "not json\n".getBytes(StandardCharsets.UTF_8),
      "{}\n{\"type\":\"check_in\",\"length\":500}\n{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8),
      "{}\n{\"length\":2}\n{}".getBytes(StandardCharsets.UTF_8),
      "{\"event_id\":\"not-a-uuid\"}\n".getBytes(StandardCharsets.UTF_8));

  @Test
  void malformedEnvelopes_withAnUnknownKey_get401_notWhatWasWrongWithTheBody() {
    // The body is read before the key (the key is read with the check-in's monitor), but a stranger is still refused
    // as a stranger: nothing about our parser is said.
    var before = tableItems();
    for (byte[] body : MALFORMED) {
      Response r = post(body, "X-Sentry-Auth", sentryAuth("0123456789abcdef0123456789abcdef"));
      assertThat(r.status()).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(401);
    }
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void malformedEnvelopes_get400_andWriteNothing() {
    var before = tableItems();
    for (byte[] body : MALFORMED) {
      Response r = post(body, "X-Sentry-Auth", sentryAuth(key()));
      assertThat(r.status()).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(400);
      assertThat(r.json().get("detail").asText()).isNotBlank();
    }
    assertThat(tableItems()).isEqualTo(before);
  }
}
