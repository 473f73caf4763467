package dev.cronmon.api.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.alert.ChannelConfig;
import dev.cronmon.domain.alert.ChannelType;
import dev.cronmon.domain.alert.UrlPolicy;
import dev.cronmon.domain.monitor.FieldErrors;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property layer, no I/O: channel and alert rule bodies, however hostile, give a value or field errors — never an
 * exception. (The URL policy's own properties are the domain's UrlPolicyProperties.)
 */
class AlertInputProperties {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** IP literals resolve to themselves, hooks.slack.com to a public address, anything else is unknown: no DNS. */
  private final UrlPolicy strict = UrlPolicy.publicHttpsOnly(host -> {
    if (host.equals("hooks.slack.com")) return List.of(InetAddress.getByName("93.184.215.14"));
    if (host.matches("\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) return List.of(InetAddress.getByName(host));
    throw new UnknownHostException(host);
  });

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
    if (rule != null) assertThat(rule.channelIds()).allSatisfy(id -> assertThat(id).isNotEmpty());
  }

  /** docs/semantics.md rule R1: a period from 10 minutes to 30 days in whole minutes, or a field error naming it. */
  @Property(tries = 500)
  void alertRule_remindEveryMinutes_isAPeriodInBounds_orAFieldErrorNamingIt(@ForAll("periods") JsonNode period) {
    ObjectNode body = NODES.objectNode();
    body.set("channels", NODES.arrayNode());
    body.set(AlertRuleInput.REMIND_EVERY, period);
    FieldErrors errors = new FieldErrors();
    AlertRule rule = AlertRuleInput.parse(body, errors);
    boolean valid = period.isNull() || (period.isIntegralNumber() && period.canConvertToLong()
        && period.longValue() >= 10 && period.longValue() <= 43_200);
    if (valid) {
      assertThat(rule).isNotNull();
      assertThat(rule.remindEvery() == null ? null : rule.remindEvery().toMinutes()).isEqualTo(period.isNull() ? null : period.longValue());
    } else {
      assertThat(rule).isNull();
      assertThat(errors.asMap()).containsOnlyKeys(AlertRuleInput.REMIND_EVERY);
    }
  }

  // --- generators -------------------------------------------------------------------------------------------

  @Provide
  Arbitrary<JsonNode> periods() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(-100, 50_000).map(NODES::numberNode),
        Arbitraries.longs().map(NODES::numberNode),
        Arbitraries.of(9L, 10L, 43_200L, 43_201L, 0L).map(NODES::numberNode),
        Arbitraries.doubles().map(NODES::numberNode),
        Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(18), java.math.BigInteger.TEN.pow(30)).map(NODES::numberNode),
        Arbitraries.strings().ofMaxLength(10).map(NODES::textNode),
        Arbitraries.of(NODES.nullNode(), NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode()));
  }

  @Provide
  Arbitrary<ChannelType> channelType() {
    return Arbitraries.of(ChannelType.class);
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
