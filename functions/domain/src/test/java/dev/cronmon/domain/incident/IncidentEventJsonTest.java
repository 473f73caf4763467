package dev.cronmon.domain.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cronmon.domain.alert.Events;
import dev.cronmon.domain.checkin.CheckInStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Unit layer: the incident event's JSON as the alerts function receives it, and the reader's tolerance. */
class IncidentEventJsonTest {

  @Test
  void eventBridgeEnvelope_roundTrips_throughTheReader() throws Exception {
    // GIVEN an opened event
    IncidentEvent opened = Events.opened("mon-1", "inc-1");

    // WHEN it is wrapped as EventBridge would deliver it, then read back from the SNS message
    String message = IncidentEventJson.eventBridgeEnvelope(opened, "123456789012", "eu-west-1");
    IncidentEvent read = IncidentEventJson.fromSnsMessage(message);

    // THEN nothing is lost, and the envelope has EventBridge's fields
    assertThat(read).isEqualTo(opened);
    var envelope = new ObjectMapper().readTree(message);
    assertThat(envelope.get("source").asText()).isEqualTo("cronmon");
    assertThat(envelope.get("detail-type").asText()).isEqualTo("Monitor Incident Opened");
    assertThat(envelope.get("detail").get("reason").asText()).isEqualTo("2 missed and 1 timeout check-ins detected");
  }

  @Test
  void reader_acceptsFlatFields_uppercaseTypes_unknownFields_andABareDetail() {
    // GIVEN a detail shaped like the outbox entry (flat), with a field the reader does not know
    String message = """
        {"id":"inc-9:resolved","type":"RESOLVED","organization":"acme","monitorId":"m-1","monitorSlug":"job",
         "monitorName":"Job","environment":"staging","incidentId":"inc-9","incidentStarted":"2026-03-02T10:00:00Z",
         "time":"2026-03-02T11:00:00Z","failures":[{"checkInId":"11111111-1111-4111-8111-111111111111","status":"error",
         "time":"2026-03-02T10:00:00Z"}],"lastOk":null,"somethingNew":{"x":1}}""";

    // WHEN read
    IncidentEvent e = IncidentEventJson.fromSnsMessage(message);

    // THEN
    assertThat(e.type()).isEqualTo(IncidentEvent.Type.RESOLVED);
    assertThat(e.monitorSlug()).isEqualTo("job");
    assertThat(e.environment()).isEqualTo("staging");
    assertThat(e.incidentStarted()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
    assertThat(e.failures()).singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(CheckInStatus.ERROR));
    assertThat(e.lastOk()).isNull();
  }

  @Test
  void reader_takesTheTypeFromDetailType_whenTheDetailHasNone() {
    String message = """
        {"version":"0","detail-type":"Monitor Incident Opened","source":"cronmon","detail":{"organization":"acme",
         "monitor":{"id":"m-1","slug":"job"},"environment":"production","incident":{"id":"inc-2","startedAt":"2026-03-02T10:00:00Z"},
         "time":"2026-03-02T10:05:00Z"}}""";

    IncidentEvent e = IncidentEventJson.fromSnsMessage(message);

    assertThat(e.type()).isEqualTo(IncidentEvent.Type.OPENED);
    assertThat(e.id()).isEqualTo("inc-2:opened");
    assertThat(e.monitorName()).isEqualTo("job");
  }

  @Test
  void reader_refusesWhatIsNotAnIncidentEvent() {
    assertThatThrownBy(() -> IncidentEventJson.fromSnsMessage("not json")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IncidentEventJson.fromSnsMessage("[1]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IncidentEventJson.fromSnsMessage("{\"detail\":{\"type\":\"opened\"}}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without");
    assertThatThrownBy(() -> IncidentEventJson.fromSnsMessage(
        "{\"type\":\"exploded\",\"organization\":\"a\",\"monitorId\":\"m\",\"monitorSlug\":\"s\",\"environment\":\"e\","
            + "\"incidentId\":\"i\",\"incidentStarted\":\"2026-03-02T10:00:00Z\",\"time\":\"2026-03-02T10:00:00Z\"}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exploded");
  }
}
