package dev.cronmon.domain.incident.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.domain.alert.Events;
import dev.cronmon.domain.incident.IncidentEvent;
import org.junit.jupiter.api.Test;

/** Unit layer: the incident event as the alerts function receives it, and the reader's strictness. */
class IncidentEventCodecTest {

  @Test
  void eventBridgeEvent_hasEventBridgesFields_andTheDetail() {
    // GIVEN an opened event
    IncidentEvent opened = Events.opened("mon-1", "inc-1");

    // WHEN it is wrapped as EventBridge delivers it
    JsonNode event = IncidentEventCodecProperties.json(IncidentEventCodec.eventBridgeEvent(opened, "123456789012", "eu-west-1"));

    // THEN the envelope is EventBridge's, and the detail the publisher's
    assertThat(event.get("source").asText()).isEqualTo("cronmon");
    assertThat(event.get("detail-type").asText()).isEqualTo("Monitor Incident Opened");
    assertThat(event.get("account").asText()).isEqualTo("123456789012");
    assertThat(event.get("detail")).isEqualTo(IncidentEventCodecProperties.json(IncidentEventCodec.detail(opened)));
    assertThat(event.get("detail").get("reason").asText()).isEqualTo("2 missed and 1 timeout check-ins detected");
  }

  @Test
  void reader_refusesTheFlatAndAliasedShapes_noProducerWrites() {
    String flat = """
        {"version":"0","id":"x","detail-type":"Monitor Incident Resolved","source":"cronmon","account":"0","time":"2026-03-02T11:00:00Z",
         "region":"us-east-1","resources":[],"detail":{"id":"inc-9:resolved","type":"resolved","organization":"acme",
         "monitorId":"m-1","monitorSlug":"job","monitorName":"Job","environment":"staging","incidentId":"inc-9",
         "incidentStarted":"2026-03-02T10:00:00Z","time":"2026-03-02T11:00:00Z","failures":[],"lastOk":null}}""";

    assertThatThrownBy(() -> IncidentEventCodec.fromSnsMessage(flat)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"id\"");
  }

  @Test
  void reader_refusesADetailTypeThatDisagreesWithTheType_andAnotherSource() {
    IncidentEvent opened = Events.opened("mon-1", "inc-1");
    String message = IncidentEventCodec.eventBridgeEvent(opened, "0", "us-east-1");

    assertThatThrownBy(() -> IncidentEventCodec.fromSnsMessage(message.replace("Monitor Incident Opened", "Monitor Incident Resolved")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("detail-type");
    assertThatThrownBy(() -> IncidentEventCodec.fromSnsMessage(message.replace("\"source\":\"cronmon\"", "\"source\":\"aws.events\"")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source");
  }

  @Test
  void theOwner_travelsInTheDetailsMonitor_andReadsBack() {
    IncidentEvent owned = Events.openedOwnedBy("team:42");

    String message = IncidentEventCodec.eventBridgeEvent(owned, "0", "us-east-1");

    assertThat(IncidentEventCodecProperties.json(message).get("detail").get("monitor").get("owner").asText()).isEqualTo("team:42");
    assertThat(IncidentEventCodec.fromSnsMessage(message)).isEqualTo(owned);
    assertThat(IncidentEventCodec.fromDetail(IncidentEventCodec.detail(Events.opened("mon-1", "inc-1"))).owner()).isNull();
  }
}
