package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/** The in-process bus's PutEvents parser: any body gets EventBridge's answer shape (200 or 400), never an exception. */
class LocalEventBusProperties {
  private static final String TEMPLATE = """
      Resources:
        Bus: { Type: AWS::Events::EventBus }
        Topic: { Type: AWS::SNS::Topic }
        Rule:
          Type: AWS::Events::Rule
          Properties:
            EventBusName: !Ref Bus
            EventPattern: { source: [cronmon] }
            Targets: [{ Id: t, Arn: !Ref Topic }]
      """;
  private final List<String> delivered = new ArrayList<>();
  private final LocalEventBus bus;

  LocalEventBusProperties() throws Exception {
    bus = new LocalEventBus(Template.parse(new ByteArrayInputStream(TEMPLATE.getBytes(StandardCharsets.UTF_8))), Clock.systemUTC());
    bus.subscribe(e -> delivered.add(e.getRecords().get(0).getSNS().getMessage()));
  }

  @AfterProperty
  void close() {
    bus.close();
  }

  @Property(tries = 300)
  void anyBody_getsAnEventBridgeAnswer(@ForAll("bodies") String body) {
    LocalEventBus.Reply reply = bus.putEvents(body.getBytes(StandardCharsets.UTF_8));

    assertThat(reply.status()).isIn(200, 400);
    JsonNode answer = Json.parse(reply.body().getBytes(StandardCharsets.UTF_8));
    if (reply.status() == 200) {
      assertThat(answer.get("Entries").size()).isBetween(1, 10);
      assertThat(answer.get("FailedEntryCount").asInt()).isBetween(0, answer.get("Entries").size());
    } else {
      assertThat(answer.get("__type").asText()).isNotEmpty();
    }
  }

  @Property(tries = 100)
  void onlyMatchingEntriesOfAKnownBus_reachTheTopic(@ForAll("sources") String source, @ForAll boolean knownBus) {
    delivered.clear();
    String body = Json.write(java.util.Map.of("Entries", List.of(java.util.Map.of(
        "EventBusName", knownBus ? "Bus" : "Other", "Source", source, "DetailType", "Monitor Incident Opened",
        "Detail", "{\"eventId\":\"e\"}"))));

    LocalEventBus.Reply reply = bus.putEvents(body.getBytes(StandardCharsets.UTF_8));

    JsonNode entry = Json.parse(reply.body().getBytes(StandardCharsets.UTF_8)).get("Entries").get(0);
    assertThat(entry.has("EventId")).isEqualTo(knownBus);
    assertThat(delivered).hasSize(knownBus && source.equals("cronmon") ? 1 : 0);
  }

  @Provide
  Arbitrary<String> sources() {
    return Arbitraries.of("cronmon", "aws.events", "other", "");
  }

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> entry = Arbitraries.of(
        "{\"EventBusName\":\"Bus\",\"Source\":\"cronmon\",\"DetailType\":\"x\",\"Detail\":\"{}\"}",
        "{\"EventBusName\":\"Bus\",\"Source\":\"cronmon\",\"DetailType\":\"x\",\"Detail\":\"not json\"}",
        "{\"EventBusName\":\"Bus\",\"Source\":\"cronmon\",\"DetailType\":\"x\",\"Detail\":\"[1]\",\"Time\":1.7E9}",
        "{\"EventBusName\":7,\"Detail\":null}", "{}", "[]", "null", "\"s\"", "1");
    Arbitrary<String> wellFormed = entry.list().ofMaxSize(12).map(l -> "{\"Entries\":[" + String.join(",", l) + "]}");
    Arbitrary<String> junk = Arbitraries.strings().ofMaxLength(200);
    Arbitrary<String> other = Arbitraries.of("{\"Entries\":{}}", "{\"Entries\":null}", "{\"Entries\":\"x\"}", "[", "");
    return Arbitraries.oneOf(wellFormed, junk, other);
  }
}
