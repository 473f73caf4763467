package dev.cronmon.api.sentry;

import static dev.cronmon.api.sentry.Bytes.concat;
import static dev.cronmon.api.sentry.Bytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Property tests, no I/O: hostile input never escapes as anything but {@link SentryProtocolException},
 * and what a client can legally send is read back exactly.
 */
class SentryParsingProperties {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int LIMIT = 1 << 20;

  // ---- envelopes -------------------------------------------------------------------------------

  @Property
  void parse_shouldOnlyThrowProtocolException_forArbitraryBytes(@ForAll @Size(max = 300) byte[] body) {
    tolerated(() -> EnvelopeParser.parse(body, 64));
  }

  @Property
  void parse_shouldOnlyThrowProtocolException_forEnvelopeLikeText(@ForAll("envelopeLikeText") String body) {
    tolerated(() -> EnvelopeParser.parse(utf8(body), 64));
  }

  @Property
  void parse_shouldOnlyThrowProtocolException_forRandomJsonLines(@ForAll("jsonLines") List<String> lines) {
    tolerated(() -> EnvelopeParser.parse(utf8(String.join("\n", lines)), 64));
  }

  @Property
  void parse_shouldOnlyThrowProtocolException_forTruncatedEnvelopes(
      @ForAll("envelopes") Built envelope, @ForAll @IntRange(min = 0, max = 10_000) int cut) {
    byte[] truncated = Arrays.copyOf(envelope.body(), cut % (envelope.body().length + 1));
    tolerated(() -> EnvelopeParser.parse(truncated, LIMIT));
  }

  @Property
  void parse_shouldOnlyThrowProtocolException_forMutatedLengths(
      @ForAll("items") List<Item> items, @ForAll @IntRange(min = 0, max = 100) int which,
      @ForAll("lengths") JsonNode length) {
    List<Item> withLengths = items.stream()
        .map(i -> new Item(i.type(), i.payload(), true, i.contentType())).toList();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(utf8("{}\n"));
    for (int i = 0; i < withLengths.size(); i++) {
      ObjectNode header = withLengths.get(i).header();
      if (i == which % withLengths.size()) {
        header.set("length", length);
      }
      body.writeBytes(concat(utf8(header + "\n"), withLengths.get(i).payload(), utf8("\n")));
    }
    tolerated(() -> EnvelopeParser.parse(body.toByteArray(), LIMIT));
  }

  @Property
  void parse_shouldReadBackEveryItem_whenEnvelopeIsValid(@ForAll("envelopes") Built envelope) {
    Envelope parsed = EnvelopeParser.parse(envelope.body(), LIMIT);

    assertThat(parsed.header()).isEqualTo(envelope.header());
    assertThat(parsed.items()).isEqualTo(envelope.items().stream()
        .map(i -> new EnvelopeItem(i.type(), i.header(), i.payload())).toList());
  }

  // ---- bodies ----------------------------------------------------------------------------------

  @Property
  void decode_shouldOnlyThrowProtocolException_forArbitraryBytes(
      @ForAll @Size(max = 300) byte[] raw, @ForAll("encodings") String encoding) {
    tolerated(() -> BodyDecoder.decode(raw, encoding, 256));
  }

  @Property
  void decode_shouldOnlyThrowProtocolException_forDamagedStreams(
      @ForAll @Size(max = 300) byte[] data, @ForAll("encodings") String encoding,
      @ForAll @IntRange(min = 0, max = 10_000) int at, @ForAll byte xor, @ForAll boolean truncate) {
    byte[] encoded = encode(data, encoding);
    byte[] damaged = truncate ? Arrays.copyOf(encoded, at % (encoded.length + 1)) : encoded.clone();
    if (!truncate && damaged.length > 0) {
      damaged[at % damaged.length] ^= xor;
    }
    tolerated(() -> BodyDecoder.decode(damaged, encoding, 256));
  }

  @Property
  void decode_shouldReturnTheOriginal_whenEncodedAndWithinTheLimit(
      @ForAll @Size(max = 2000) byte[] data, @ForAll("knownEncodings") String encoding) {
    // With two codings the inner layer is itself limited, and may be a few bytes longer than data.
    int limit = encoding.contains(",") ? data.length + 64 : data.length;
    assertThat(BodyDecoder.decode(encode(data, encoding), encoding, limit)).isEqualTo(data);
  }

  // ---- check-ins -------------------------------------------------------------------------------

  @Property
  void fromJson_shouldOnlyThrowBadRequest_forRandomCheckInShapes(@ForAll("checkInJson") JsonNode json) {
    byte[] bytes = write(json);
    try {
      CheckInPayload parsed = CheckInPayload.fromJson(bytes);
      assertThat(parsed.status()).isEqualTo(json.path("status").textValue());
    } catch (SentryProtocolException e) {
      assertThat(e.kind()).isEqualTo(SentryProtocolException.Kind.BAD_REQUEST);
    }
  }

  @Property
  void fromJson_shouldOnlyThrowBadRequest_forArbitraryText(@ForAll("envelopeLikeText") String text) {
    try {
      CheckInPayload.fromJson(utf8(text));
    } catch (SentryProtocolException e) {
      assertThat(e.kind()).isEqualTo(SentryProtocolException.Kind.BAD_REQUEST);
    }
  }

  @Property
  void normalize_shouldOnlyThrowProtocolException_forArbitraryStrings(@ForAll("idLikeText") String id) {
    tolerated(() -> CheckInIds.normalize(id));
  }

  @Property
  void normalize_shouldReadEveryUuid_inBothForms(@ForAll long hi, @ForAll long lo, @ForAll boolean upper) {
    UUID id = new UUID(hi, lo);
    String dashed = upper ? id.toString().toUpperCase() : id.toString();
    assertThat(CheckInIds.normalize(dashed)).contains(id);
    assertThat(CheckInIds.normalize(dashed.replace("-", ""))).contains(id);
    assertThat(CheckInIds.isNil(id)).isEqualTo(hi == 0 && lo == 0);
  }

  // ---- auth ------------------------------------------------------------------------------------

  @Property
  void auth_shouldNeverThrow_forArbitraryHeaders(@ForAll("authLikeText") String header) {
    SentryAuth.publicKeyFromAuthHeader(header);
    SentryAuth.publicKeyFromQuery(header);
    SentryAuth.publicKeyFromBasicAuth(header);
    SentryAuth.dsnFromAuthorization(header);
    Dsn.parse(header);
  }

  @Property
  void dsn_shouldReadBackEveryPart_whenWellFormed(
      @ForAll("keys") String key, @ForAll("hosts") String host, @ForAll @IntRange(min = -1, max = 65535) int port,
      @ForAll("pathPrefixes") String prefix, @ForAll @IntRange(min = 1) int projectId) {
    String dsn = "https://" + key + "@" + host + (port < 0 ? "" : ":" + port) + "/"
        + (prefix.isEmpty() ? "" : prefix + "/") + projectId;

    assertThat(Dsn.parse(dsn)).contains(new Dsn("https", key, null, host, port, prefix, String.valueOf(projectId)));
    assertThat(SentryAuth.publicKeyFromAuthHeader("Sentry sentry_version=7, sentry_key=" + key)).contains(key);
  }

  // ---- generators ------------------------------------------------------------------------------

  /** One item as a client would write it. */
  record Item(String type, byte[] payload, boolean withLength, String contentType) {
    ObjectNode header() {
      ObjectNode header = NODES.objectNode().put("type", type);
      if (contentType != null) {
        header.put("content_type", contentType);
      }
      if (withLength) {
        header.put("length", payload.length);
      }
      return header;
    }
  }

  /** A valid envelope body and what it holds. */
  record Built(byte[] body, JsonNode header, List<Item> items) {
    @Override
    public String toString() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Provide
  Arbitrary<List<Item>> items() {
    Arbitrary<String> types = Arbitraries.oneOf(
        Arbitraries.of("event", "check_in", "client_report", "attachment", "session", "transaction"),
        Arbitraries.strings().withCharRange('a', 'z').withChars('_').ofMinLength(1).ofMaxLength(12));
    Arbitrary<byte[]> payloads = Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
        Arbitraries.strings().withChars("{}[]\":, \n\r\tabc01").ofMaxLength(60).map(Bytes::utf8));
    Arbitrary<String> contentTypes = Arbitraries.of("application/json", "text/plain").injectNull(0.5);
    return Combinators.combine(types, payloads, Arbitraries.of(true, false), contentTypes)
        .as((type, payload, withLength, contentType) -> new Item(type,
            // Without a length a payload ends at the first newline, so it cannot hold one.
            withLength ? payload : replace(payload, (byte) '\n', (byte) 'n'), withLength, contentType))
        .list().ofMinSize(1).ofMaxSize(5);
  }

  @Provide
  Arbitrary<Built> envelopes() {
    Arbitrary<JsonNode> headers = Arbitraries.of(
        NODES.objectNode(),
        NODES.objectNode().put("event_id", "9ec79c33ec9942ab8353589fcb2e04dc"),
        NODES.objectNode().put("dsn", "https://abc@cronmon.example.com/42").put("sent_at", "2026-11-24T03:26:31Z"));
    // Blank lines Relay skips before an item header.
    Arbitrary<String> gaps = Arbitraries.of("", "", "", "\n", "\r\n", " \n\t\n");
    return Combinators.combine(headers, items(), gaps.list().ofSize(6), Arbitraries.of(true, false))
        .as((header, items, gap, finalNewline) -> {
          ByteArrayOutputStream body = new ByteArrayOutputStream();
          body.writeBytes(utf8(gap.get(5) + header + "\n"));
          for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            body.writeBytes(utf8(gap.get(i) + item.header() + "\n"));
            body.writeBytes(item.payload());
            if (i < items.size() - 1 || finalNewline) {
              body.writeBytes(utf8("\n"));
            }
          }
          return new Built(body.toByteArray(), header, items);
        });
  }

  @Provide
  Arbitrary<JsonNode> lengths() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(-3, 300).map(n -> (JsonNode) NODES.numberNode(n)),
        Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, (long) Integer.MAX_VALUE + 1, (long) Integer.MIN_VALUE)
            .map(LongNode::valueOf),
        Arbitraries.of(NODES.numberNode(new java.math.BigInteger("99999999999999999999999")),
            NODES.numberNode(2.5), NODES.numberNode(Double.NaN), NODES.textNode("5"), NullNode.instance,
            NODES.booleanNode(true), NODES.arrayNode()));
  }

  @Provide
  Arbitrary<String> envelopeLikeText() {
    return Arbitraries.strings()
        .withChars("{}[]\":,.-+eE0123456789 \n\r\t\\")
        .withChars("typelngthcko_in")
        .ofMaxLength(120)
        .edgeCases(c -> c.add("{}\n{\"type\":\"check_in\",\"length\":1e400}\nx"));
  }

  @Provide
  Arbitrary<List<String>> jsonLines() {
    return Arbitraries.oneOf(json(3).map(this::writeString), envelopeLikeText()).list().ofMaxSize(6);
  }

  @Provide
  Arbitrary<JsonNode> checkInJson() {
    Arbitrary<String> keys = Arbitraries.of("check_in_id", "monitor_slug", "status", "environment", "duration",
        "monitor_config", "contexts", "trace", "trace_id", "other");
    Arbitrary<JsonNode> values = json(2);
    Arbitrary<JsonNode> contexts = Arbitraries.maps(Arbitraries.of("trace", "os"),
            Arbitraries.maps(Arbitraries.of("trace_id", "span_id"), values).ofMaxSize(2).map(this::object))
        .ofMaxSize(2).map(this::object);
    // Edge cases of nested maps multiply into the thousands and only slow the run down.
    return Arbitraries.maps(keys, Arbitraries.oneOf(values, contexts)).ofMaxSize(8).map(this::object)
        .withoutEdgeCases();
  }

  @Provide
  Arbitrary<String> encodings() {
    return Arbitraries.oneOf(
        Arbitraries.of("gzip", "x-gzip", "deflate", "identity", "GZip", "gzip, deflate", "br", "").injectNull(0.1),
        Arbitraries.strings().ofMaxLength(10));
  }

  @Provide
  Arbitrary<String> knownEncodings() {
    return Arbitraries.of("gzip", "x-gzip", "deflate", "DEFLATE", "identity", "", "deflate, gzip");
  }

  @Provide
  Arbitrary<String> idLikeText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789abcdefABCDEF-{}urnid: g").ofMaxLength(45),
        Arbitraries.strings().ofMaxLength(40));
  }

  @Provide
  Arbitrary<String> authLikeText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("Sentry BasicDSN sentry_key=,:@/%?&#[]\"01abc").ofMaxLength(60),
        Arbitraries.strings().ofMaxLength(60));
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.strings().withCharRange('a', 'f').numeric().ofMinLength(1).ofMaxLength(32);
  }

  @Provide
  Arbitrary<String> hosts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').withChars('.', '-').ofMinLength(1).ofMaxLength(20)
            .filter(h -> !h.contains("..")),
        Arbitraries.of("[::1]", "127.0.0.1", "[2001:db8::7]"));
  }

  @Provide
  Arbitrary<String> pathPrefixes() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6)
        .list().ofMaxSize(2).map(segments -> String.join("/", segments));
  }

  /** Random JSON, nested up to {@code depth}, with keys an envelope or check-in would use. */
  private Arbitrary<JsonNode> json(int depth) {
    Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
        Arbitraries.just(NullNode.instance),
        Arbitraries.of(true, false).map(BooleanNode::valueOf),
        Arbitraries.longs().map(LongNode::valueOf),
        Arbitraries.doubles().map(DoubleNode::valueOf),
        Arbitraries.strings().ofMaxLength(20).map(TextNode::valueOf),
        Arbitraries.of("check_in", "ok", "in_progress", "").map(TextNode::valueOf));
    if (depth == 0) {
      return scalars;
    }
    Arbitrary<JsonNode> children = json(depth - 1);
    Arbitrary<String> keys = Arbitraries.oneOf(
        Arbitraries.of("type", "length", "content_type", "status", "duration", "dsn"),
        Arbitraries.strings().ofMaxLength(8));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, scalars),
        net.jqwik.api.Tuple.of(1, children.list().ofMaxSize(3).map(this::array)),
        net.jqwik.api.Tuple.of(2, Arbitraries.maps(keys, children).ofMaxSize(4).map(this::object)));
  }

  private JsonNode object(java.util.Map<String, JsonNode> fields) {
    ObjectNode node = NODES.objectNode();
    fields.forEach(node::set);
    return node;
  }

  private JsonNode array(List<JsonNode> elements) {
    ArrayNode node = NODES.arrayNode();
    elements.forEach(node::add);
    return node;
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** Runs the parser; a SentryProtocolException is an accepted answer, anything else fails. */
  private static void tolerated(Supplier<?> parse) {
    try {
      parse.get();
    } catch (SentryProtocolException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  private static byte[] encode(byte[] data, String encoding) {
    if (encoding == null) {
      return data;
    }
    byte[] out = data;
    for (String coding : encoding.split(",")) {
      out = switch (coding.trim().toLowerCase()) {
        case "gzip", "x-gzip" -> Bytes.gzip(out);
        case "deflate" -> Bytes.deflate(out, data.length % 2 == 0); // raw and zlib-wrapped alike
        default -> out;
      };
    }
    return out;
  }

  private static byte[] replace(byte[] bytes, byte from, byte to) {
    byte[] out = bytes.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] == from) {
        out[i] = to;
      }
    }
    return out;
  }

  private String writeString(JsonNode node) {
    return new String(write(node), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
