package dev.cronmon.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cronmon.domain.monitor.FieldErrors;
import java.net.InetAddress;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property layer, no I/O: channel and alert rule bodies and URLs, however hostile, give a value or field errors —
 * never an exception — and no URL that resolves to a non-public address passes the AWS policy.
 */
class AlertInputProperties {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final UrlPolicy strict = UrlPolicy.publicHttpsOnly(UrlPolicyTest.TABLE);

  @Property
  void urlProblem_neverThrows(@ForAll("urlLike") String url) {
    strict.problem(url);
    UrlPolicy.allowingPrivateTargets(UrlPolicyTest.TABLE).problem(url);
  }

  @Property
  void urlProblem_acceptsOnlyHostsWhoseEveryAddressIsPublic(@ForAll("addresses") byte[] address, @ForAll boolean https) throws Exception {
    // GIVEN a host resolving to an arbitrary IPv4 or IPv6 address
    InetAddress resolved = InetAddress.getByAddress(address);
    UrlPolicy policy = UrlPolicy.publicHttpsOnly(host -> List.of(resolved));

    // WHEN its URL is checked
    var problem = policy.problem((https ? "https" : "http") + "://receiver.example/hook");

    // THEN it passes exactly when it is https and the address is public
    assertThat(problem.isEmpty()).isEqualTo(https && UrlPolicy.isPublic(resolved));
    if (problem.isEmpty()) {
      assertThat(resolved.isLoopbackAddress() || resolved.isLinkLocalAddress() || resolved.isSiteLocalAddress()).isFalse();
    }
  }

  @Property(tries = 300)
  void channelConfig_givesAConfigOrFieldErrors_neverBoth(@ForAll("channelType") ChannelType type, @ForAll("json") JsonNode config) {
    FieldErrors errors = new FieldErrors();
    ChannelConfig parsed = ChannelInput.config(type, config, strict, errors);
    assertThat(parsed == null).isEqualTo(!errors.isEmpty());
    if (parsed != null) assertThat(parsed.type()).isEqualTo(type);
  }

  @Property(tries = 300)
  void channelBody_nameAndType_neverThrow(@ForAll("json") JsonNode body) {
    if (!body.isObject()) return;
    FieldErrors errors = new FieldErrors();
    String name = ChannelInput.name(body, true, errors);
    ChannelType type = ChannelInput.type(body, errors);
    if (name != null) assertThat(name).isNotBlank().hasSizeLessThanOrEqualTo(ChannelInput.MAX_NAME_LENGTH);
    if (errors.isEmpty()) assertThat(type).isNotNull();
  }

  @Property
  void emailRecipients_validOnesParse_andNoneCarriesALineBreak(@ForAll("recipients") List<String> to) {
    ObjectNode config = NODES.objectNode();
    config.set("to", NODES.arrayNode().addAll(to.stream().map(NODES::textNode).toList()));
    FieldErrors errors = new FieldErrors();
    ChannelConfig parsed = ChannelInput.config(ChannelType.EMAIL, config, strict, errors);
    if (parsed instanceof ChannelConfig.Email email) {
      assertThat(email.to()).isNotEmpty().hasSizeLessThanOrEqualTo(ChannelInput.MAX_EMAIL_RECIPIENTS)
          .allSatisfy(a -> assertThat(a).doesNotContain("\r", "\n", ",", "<", " ").contains("@"));
    } else {
      assertThat(errors.asMap()).containsKey("config.to");
    }
  }

  @Property(tries = 300)
  void alertRule_givesARuleOrFieldErrors(@ForAll("json") JsonNode body) {
    if (!body.isObject()) return;
    FieldErrors errors = new FieldErrors();
    AlertRule rule = AlertRuleInput.parse(body, errors);
    assertThat(rule == null).isEqualTo(!errors.isEmpty());
    if (rule != null) assertThat(AlertRuleInput.allChannelIds(rule)).allSatisfy(id -> assertThat(id).isNotEmpty());
  }

  // --- generators -------------------------------------------------------------------------------------------

  @Provide
  Arbitrary<ChannelType> channelType() {
    return Arbitraries.of(ChannelType.class);
  }

  @Provide
  Arbitrary<byte[]> addresses() {
    Arbitrary<byte[]> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4);
    Arbitrary<byte[]> v6 = Arbitraries.bytes().array(byte[].class).ofSize(16);
    Arbitrary<byte[]> special = Arbitraries.of(
        new byte[] {127, 0, 0, 1}, new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254}, new byte[] {10, 0, 0, 5},
        new byte[] {(byte) 172, 20, 1, 1}, new byte[] {(byte) 192, (byte) 168, 0, 1}, new byte[] {100, 100, 0, 1},
        new byte[] {0, 0, 0, 0}, new byte[] {8, 8, 8, 8});
    return Arbitraries.oneOf(v4, v6, special);
  }

  @Provide
  Arbitrary<String> urlLike() {
    Arbitrary<String> scheme = Arbitraries.of("https://", "http://", "ftp://", "", "https:", "//", "HTTPS://");
    Arbitrary<String> host = Arbitraries.oneOf(
        Arbitraries.of("hooks.slack.com", "127.0.0.1", "[::1]", "169.254.169.254", "rebound.example", "unknown.invalid",
            "[::ffff:10.0.0.1]", "", "a@b", "user:pw@hooks.slack.com", "[zz", "%00"),
        Arbitraries.strings().ofMaxLength(20));
    Arbitrary<String> rest = Arbitraries.oneOf(Arbitraries.of("", "/", "/hook?x=1", ":99999/", ":8080/x#f", "/%zz"),
        Arbitraries.strings().ofMaxLength(30));
    return Combinators.combine(scheme, host, rest).as((s, h, r) -> s + h + r);
  }

  @Provide
  Arbitrary<List<String>> recipients() {
    Arbitrary<String> address = Arbitraries.oneOf(
        Arbitraries.of("ops@example.com", "a.b+c@x.io", "x\r\n@example.com", "a,b@example.com", "<a@b.c>", "no-at",
            "a@b", "a@-b.com", "ünicode@example.com", " spaced@example.com "),
        Arbitraries.strings().ofMaxLength(30).map(s -> s + "@example.com"));
    return address.list().ofMaxSize(12);
  }

  @Provide
  Arbitrary<JsonNode> json() {
    Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40).map(NODES::textNode),
        Arbitraries.of("https://hooks.slack.com/services/T0/B0/x", "http://127.0.0.1/", "https://169.254.169.254/",
            "R0UT1NGKEY0123456789abcdefABCDEF", "ops@example.com", "slack", "webhook", "email", "pagerduty", "").map(NODES::textNode),
        Arbitraries.integers().map(NODES::numberNode),
        Arbitraries.of(NODES.nullNode(), NODES.booleanNode(true)));
    Arbitrary<String> keys = Arbitraries.of("url", "routing_key", "to", "name", "type", "channels", "environments", "production", "x");
    Arbitrary<JsonNode> arrays = leaf.list().ofMaxSize(25).map(l -> NODES.arrayNode().addAll(l));
    Arbitrary<JsonNode> shallow = Arbitraries.oneOf(leaf, arrays);
    Arbitrary<JsonNode> objects = Arbitraries.maps(keys, shallow).ofMaxSize(5).map(m -> {
      ObjectNode o = NODES.objectNode();
      m.forEach(o::set);
      return o;
    });
    Arbitrary<JsonNode> nested = Arbitraries.maps(keys, Arbitraries.oneOf(shallow, objects)).ofMaxSize(5).map(m -> {
      ObjectNode o = NODES.objectNode();
      m.forEach(o::set);
      return o;
    });
    return Arbitraries.oneOf(leaf, arrays, objects, nested);
  }
}
