package dev.cronmon.domain.monitor.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.FieldErrors;
import dev.cronmon.domain.monitor.MonitorConfigInput;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Unit layer (no I/O): any JSON a client sends as a monitor config is read without throwing, into a config or field errors. */
class MonitorConfigJsonProperties {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS = Set.of("monitor_config", "schedule", "schedule_type", "timezone", "checkin_margin",
      "max_runtime", "failure_issue_threshold", "recovery_threshold");

  @Property(tries = 300)
  void anyConfig_givesAConfig_orFieldErrorsOnItsKeys(@ForAll("configs") JsonNode node, @ForAll boolean sdkForm) {
    MonitorConfigInput input = sdkForm ? MonitorConfigJson.fromSdk(node) : MonitorConfigJson.fromApi(node);
    FieldErrors errors = new FieldErrors();

    MonitorConfig config = input.applyTo(null, errors);

    assertThat(config == null).isEqualTo(!errors.isEmpty());
    assertThat(FIELDS).containsAll(errors.asMap().keySet());
  }

  @Property(tries = 200)
  void integersInRange_areKept_inEveryJsonForm(@ForAll @IntRange(min = 1, max = 720) int value, @ForAll("integerForms") String form) {
    String number = form.formatted(value);
    JsonNode node = read("{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"},\"max_runtime\":" + number
        + ",\"failure_issue_threshold\":" + number + "}");
    FieldErrors errors = new FieldErrors();

    MonitorConfig config = MonitorConfigJson.fromSdk(node).applyTo(null, errors);

    assertThat(errors.isEmpty()).as(errors.toString()).isTrue();
    assertThat(config.maxRuntime()).isEqualTo(value);
    assertThat(config.failureIssueThreshold()).isEqualTo(value);
  }

  @Provide
  Arbitrary<String> integerForms() {
    return Arbitraries.of("%d", "\"%d\"", "%d.0");
  }

  @Provide
  Arbitrary<JsonNode> configs() {
    Arbitrary<String> values = Arbitraries.of("null", "true", "0", "-1", "1", "5", "1.5", "40321", "1e3", "99999999999", "\"\"",
        "\"10\"", "\"ten\"", "\"UTC\"", "\"Europe/Paris\"", "\"+02:00\"", "\"0 * * * *\"", "\"@daily\"", "\"interval\"",
        "\"crontab\"", "\"minute\"", "[]", "[2,\"hour\"]", "[\"x\"]", "{}", "{\"type\":\"interval\",\"value\":2,\"unit\":\"day\"}",
        "{\"type\":\"crontab\",\"value\":\"*/5 * * * *\"}", "{\"type\":\"interval\",\"value\":\"2\"}", "{\"type\":7}");
    Arbitrary<String> keys = Arbitraries.of(FIELDS.stream().filter(f -> !f.equals("monitor_config")).sorted().toList());
    Arbitrary<Map<String, String>> bodies = Arbitraries.maps(keys, values).ofMaxSize(8);
    return Arbitraries.oneOf(bodies.map(this::object), values.map(MonitorConfigJsonProperties::read))
        .filter(n -> !n.isNull()); // JSON null is "no config", read as null by the callers' contract
  }

  private JsonNode object(Map<String, String> body) {
    ObjectNode node = JSON.createObjectNode();
    body.forEach((k, v) -> node.set(k, read(v)));
    return node;
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
