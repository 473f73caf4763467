package dev.cronmon.api.sentry;

import static dev.cronmon.api.sentry.Bytes.concat;
import static dev.cronmon.api.sentry.Bytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronmon.api.sentry.SentryProtocolException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit tests, no I/O: {@link EnvelopeParser}, cases taken from SENTRY-NOTES and Relay's own tests. */
class EnvelopeParserTest {

  static final int LIMIT = 100 * 1024;

  static final String JAVA_HEADER = "{\"event_id\":\"bb07b5040e894cce9f6c5d22bed6885c\","
      + "\"sdk\":{\"name\":\"sentry.java\",\"version\":\"8.62.0\"},"
      + "\"trace\":{\"trace_id\":\"366fc3fbab624dfba82b25ac8542abda\",\"public_key\":\"<key>\","
      + "\"environment\":\"prod\"},\"sent_at\":\"2026-11-24T03:26:31.579Z\"}";

  static final String JAVA_CHECK_IN = "{\"check_in_id\":\"bb07b5040e894cce9f6c5d22bed6885c\","
      + "\"monitor_slug\":\"nightly-job\",\"status\":\"in_progress\",\"environment\":\"prod\","
      + "\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 2 * * *\"},"
      + "\"checkin_margin\":5,\"max_runtime\":30,\"timezone\":\"America/New_York\","
      + "\"failure_issue_threshold\":2,\"recovery_threshold\":3},"
      + "\"contexts\":{\"trace\":{\"trace_id\":\"366fc3fbab624dfba82b25ac8542abda\","
      + "\"span_id\":\"6a6512cacbfa4656\"}}}";

  /** The envelope the Java SDK 8.62 sends, with the length computed for this payload. */
  static byte[] javaSdkEnvelope() {
    int length = JAVA_CHECK_IN.getBytes(StandardCharsets.UTF_8).length;
    return utf8(JAVA_HEADER + "\n"
        + "{\"content_type\":\"application/json\",\"type\":\"check_in\",\"length\":" + length + "}\n"
        + JAVA_CHECK_IN + "\n");
  }

  @Test
  void parse_shouldReadTheJavaSdkEnvelope_whenItArrivesGzipped() {
    // GIVEN the body as sent on the wire
    byte[] wire = Bytes.gzip(javaSdkEnvelope());

    // WHEN
    Envelope envelope = EnvelopeParser.parse(BodyDecoder.decode(wire, "gzip", 1 << 20), LIMIT);

    // THEN
    assertThat(envelope.header().path("sdk").path("name").asText()).isEqualTo("sentry.java");
    assertThat(envelope.items()).singleElement().satisfies(item -> {
      assertThat(item.type()).isEqualTo("check_in");
      assertThat(item.itemHeader().path("content_type").asText()).isEqualTo("application/json");
      assertThat(new String(item.payload(), StandardCharsets.UTF_8)).isEqualTo(JAVA_CHECK_IN);
      CheckInPayload checkIn = CheckInPayload.fromJson(item.payload());
      assertThat(checkIn.monitorSlug()).isEqualTo("nightly-job");
      assertThat(checkIn.status()).isEqualTo("in_progress");
      assertThat(checkIn.traceId()).isEqualTo("366fc3fbab624dfba82b25ac8542abda");
    });
  }

  @Test
  void parse_shouldReadPayloadToEndOfLine_whenNoLength() {
    Envelope envelope = parse("{}\n{\"type\":\"check_in\"}\n{\"status\":\"ok\"}\n");
    assertThat(envelope.header().isEmpty()).isTrue();
    assertThat(payloads(envelope)).containsExactly("{\"status\":\"ok\"}");
  }

  @Test
  void parse_shouldReadPayloadToEndOfBody_whenNoLengthAndNoTrailingNewline() {
    assertThat(payloads(parse("{}\n{\"type\":\"check_in\"}\n{\"status\":\"ok\"}")))
        .containsExactly("{\"status\":\"ok\"}");
  }

  @Test
  void parse_shouldKeepNewlinesInThePayload_whenLengthCoversThem() {
    String payload = "{\n  \"status\": \"ok\"\n}\n";
    Envelope envelope = parse("{}\n{\"type\":\"check_in\",\"length\":" + payload.length() + "}\n"
        + payload + "\n{\"type\":\"event\",\"length\":2}\n{}");
    assertThat(payloads(envelope)).containsExactly(payload, "{}");
  }

  @Test
  void parse_shouldCountLengthInBytes_whenPayloadIsMultiByteUtf8() {
    String payload = "{\"environment\":\"prod-ü€\"}";
    int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
    assertThat(bytes).isGreaterThan(payload.length());
    assertThat(payloads(parse("{}\n{\"type\":\"check_in\",\"length\":" + bytes + "}\n" + payload)))
        .containsExactly(payload);
  }

  @Test
  void parse_shouldReadEveryItemInOrder_whenEventCheckInAndClientReport() {
    String event = "{\"message\":\"hello world\",\"level\":\"error\"}";
    String checkIn = "{\"check_in_id\":\"83a7c03ed0a04e1b97e2e3b18d38f244\",\"monitor_slug\":\"m\",\"status\":\"ok\"}";
    String report = "{\"timestamp\":1700000000,\"discarded_events\":[]}";
    Envelope envelope = parse("{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\"}\n"
        + "{\"type\":\"event\",\"length\":" + event.length() + ",\"content_type\":\"application/json\"}\n" + event + "\n"
        + "{\"type\":\"check_in\"}\n" + checkIn + "\n"
        + "{\"type\":\"client_report\",\"length\":" + report.length() + "}\n" + report + "\n");
    assertThat(envelope.items()).extracting(EnvelopeItem::type)
        .containsExactly("event", "check_in", "client_report");
    assertThat(payloads(envelope)).containsExactly(event, checkIn, report);
  }

  @Test
  void parse_shouldReadBinaryPayload_whenLengthGiven() {
    // Relay's own multi-item case: a BOM and CRLF inside an attachment.
    byte[] body = concat(utf8("{}\n{\"type\":\"attachment\",\"length\":10}\n"),
        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'H', 'e', 'l', 'l', 'o', '\r', '\n'},
        utf8("\n{\"type\":\"check_in\",\"length\":2}\n{}\n"));
    Envelope envelope = EnvelopeParser.parse(body, LIMIT);
    assertThat(envelope.items().get(0).payload()).hasSize(10).endsWith('\r', '\n');
    assertThat(envelope.items().get(1).type()).isEqualTo("check_in");
  }

  @Test
  void parse_shouldAcceptHeaderOnly_withOrWithoutNewline() {
    assertThat(parse("{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\"}").items()).isEmpty();
    assertThat(parse("{}\n").items()).isEmpty();
  }

  @Test
  void parse_shouldReadEmptyPayloads_likeRelay() {
    // From Relay's tests: a zero-length item, then one whose header ends the body.
    Envelope envelope = parse("{}\n{\"type\":\"attachment\",\"length\":0}\n\n{\"type\":\"attachment\",\"length\":0}");
    assertThat(payloads(envelope)).containsExactly("", "");
    assertThat(payloads(parse("{}\n{\"type\":\"attachment\"}"))).containsExactly("");
  }

  @Test
  void parse_shouldSkipBlankLinesBetweenItems_likeRelay() {
    Envelope envelope = parse("\n{}\n\n\n{\"type\":\"check_in\",\"length\":2}\n{}\n\r\n  \n"
        + "{\"type\":\"event\"}\nx\n\n\n");
    assertThat(envelope.items()).extracting(EnvelopeItem::type).containsExactly("check_in", "event");
    assertThat(payloads(envelope)).containsExactly("{}", "x");
  }

  @Test
  void parse_shouldAcceptCrlfAfterHeaders_thoughRelayDoesNot() {
    Envelope envelope = parse("{}\r\n{\"type\":\"check_in\",\"length\":2} \r\n{}\n{\"type\":\"check_in\"}\r\n{}\r\n");
    assertThat(payloads(envelope)).containsExactly("{}", "{}\r");
    assertThat(CheckInPayload.fromJson(envelope.items().get(1).payload())).isNotNull();
  }

  @Test
  void parse_shouldRefuse_whenHeaderSpansLines() {
    assertBadRequest("{}\n{\"type\":\n\"check_in\"}\n{}", "item 1 header is not valid JSON");
  }

  @Test
  void parse_shouldRefuse_whenBodyIsNull() {
    assertThatThrownBy(() -> EnvelopeParser.parse(null, LIMIT)).hasMessage("envelope is empty");
  }

  @Test
  void parse_shouldTreatNullLengthAsAbsent_likeRelay() {
    assertThat(payloads(parse("{}\n{\"type\":\"check_in\",\"length\":null}\nabc\n"))).containsExactly("abc");
  }

  @Test
  void parse_shouldKeepTheWholeItemHeader() {
    EnvelopeItem item = parse("{}\n{\"type\":\"attachment\",\"filename\":\"a.txt\"}\nx").items().get(0);
    assertThat(item.itemHeader().path("filename").asText()).isEqualTo("a.txt");
  }

  @Test
  void parse_shouldAcceptCheckInOfExactlyTheLimit_andRefuseOneByteMore() {
    String atLimit = "{}\n{\"type\":\"check_in\"}\n" + "x".repeat(10);
    assertThat(EnvelopeParser.parse(utf8(atLimit), 10).items()).hasSize(1);
    assertRefused(utf8(atLimit + "x"), 10, Kind.TOO_LARGE, "limit is 10");
  }

  @Test
  void parse_shouldNotLimitOtherItems() {
    String big = "{}\n{\"type\":\"attachment\"}\n" + "x".repeat(1000);
    assertThat(EnvelopeParser.parse(utf8(big), 10).items().get(0).payload()).hasSize(1000);
  }

  @Test
  void parse_shouldRefuseTooLargeCheckIn_whenLengthDeclared() {
    String payload = "x".repeat(LIMIT + 1);
    assertRefused(utf8("{}\n{\"type\":\"check_in\",\"length\":" + payload.length() + "}\n" + payload),
        LIMIT, Kind.TOO_LARGE, "check_in");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n\n", " \t\r\n"})
  void parse_shouldRefuse_whenBodyIsEmpty(String body) {
    assertBadRequest(body, "envelope is empty");
  }

  @Test
  void parse_shouldRefuse_whenHeadersAreNotJsonObjects() {
    assertBadRequest("{\"event_id\":", "envelope header is not valid JSON");
    assertBadRequest("[1,2]\n", "envelope header must be a JSON object");
    assertBadRequest("\"x\"\n", "envelope header must be a JSON object");
    assertBadRequest("{} {}\n", "envelope header has more after its JSON value");
    assertBadRequest("{}\nnot json\npayload", "item 1 header is not valid JSON");
    assertBadRequest("{}\n42\npayload", "item 1 header must be a JSON object");
    assertBadRequest("{}\n{\"type\":\"a\"}\nx\n{\"type\":", "item 2 header is not valid JSON");
  }

  @Test
  void parse_shouldRefuse_whenItemHeaderHasNoUsableType() {
    assertBadRequest("{}\n{\"length\":2}\n{}", "item 1 header has no \"type\"");
    assertBadRequest("{}\n{\"type\":null}\n{}", "has no \"type\"");
    assertBadRequest("{}\n{\"type\":7}\n{}", "\"type\" must be a non-empty string");
    assertBadRequest("{}\n{\"type\":\"\"}\n{}", "\"type\" must be a non-empty string");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "1.5", "2.0", "\"2\"", "true", "[2]", "1e2"})
  void parse_shouldRefuse_whenLengthIsNotANonNegativeInteger(String length) {
    assertBadRequest("{}\n{\"type\":\"check_in\",\"length\":" + length + "}\n{}\n",
        "\"length\" must be a non-negative integer");
  }

  @ParameterizedTest
  @ValueSource(strings = {"3", "100", "2147483648", "99999999999999999999999"})
  void parse_shouldRefuse_whenLengthRunsPastTheEnd(String length) {
    assertBadRequest("{}\n{\"type\":\"check_in\",\"length\":" + length + "}\n{}", "only 2 bytes follow");
  }

  @Test
  void parse_shouldRefuse_whenLengthIsGivenButHeaderEndsTheBody() {
    assertBadRequest("{}\n{\"type\":\"check_in\",\"length\":1}", "only 0 bytes follow");
  }

  @Test
  void parse_shouldRefuse_whenPayloadIsNotFollowedByNewline() {
    assertBadRequest("{}\n{\"type\":\"check_in\",\"length\":1}\n{}\n", "is not followed by a newline");
  }

  @Test
  void parse_shouldRefuseWithBadRequest_whenJsonIsHostile() {
    // Jackson's read limits (nesting depth, number length) surface as a 400, never an Error.
    assertBadRequest("[".repeat(100_000), "envelope header is not valid JSON");
    assertBadRequest("{}\n{\"type\":\"check_in\",\"x\":" + "[".repeat(100_000) + "}\n", "item 1 header");
    assertBadRequest("{}\n{\"type\":\"check_in\",\"length\":" + "9".repeat(5_000) + "}\n{}", "item 1 header");
  }

  @Test
  void dsn_shouldComeFromTheEnvelopeHeader() {
    Envelope envelope = parse("{\"dsn\":\"https://e12d836b15bb49d7bbf99e64295d995b:@sentry.io/42\"}\n");
    assertThat(envelope.dsn()).get().extracting(Dsn::publicKey, Dsn::projectId)
        .containsExactly("e12d836b15bb49d7bbf99e64295d995b", "42");
    assertThat(parse("{}").dsn()).isEmpty();
    assertThat(parse("{\"dsn\":42}").dsn()).isEmpty();
  }

  private static Envelope parse(String body) {
    return EnvelopeParser.parse(utf8(body), LIMIT);
  }

  private static List<String> payloads(Envelope envelope) {
    return envelope.items().stream().map(i -> new String(i.payload(), StandardCharsets.UTF_8)).toList();
  }

  private static void assertBadRequest(String body, String message) {
    assertRefused(utf8(body), LIMIT, Kind.BAD_REQUEST, message);
  }

  private static void assertRefused(byte[] body, int limit, Kind kind, String message) {
    assertThatThrownBy(() -> EnvelopeParser.parse(body, limit))
        .isInstanceOfSatisfying(SentryProtocolException.class, e -> assertThat(e.kind()).isEqualTo(kind))
        .hasMessageContaining(message);
  }
}
