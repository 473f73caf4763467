package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end in the local stack: check-ins over HTTP, the sweeper function the template schedules (run by hand with
 * the test's clock), and incident events through the in-process bus and rule to the SNS topic's subscribers.
 */
class SweeperLocalStackTest extends LocalStackTestBase {
  private static final String HOURLY = "\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"},\"checkin_margin\":1}";
  private final List<SNSEvent> delivered = new CopyOnWriteArrayList<>();

  @BeforeAll
  void subscribe() {
    stack.subscribe(delivered::add);
  }

  private JsonNode message(SNSEvent event) {
    return Json.parse(event.getRecords().get(0).getSNS().getMessage().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void missedSlot_showsInTheApi_andItsIncidentReachesTheTopic_thenResolves() {
    // GIVEN an hourly job that checked in at 10:20 over HTTP
    clock.set(Instant.parse("2026-03-02T10:20:00Z"));
    assertThat(api("POST", orgPath("/monitors/swept-job/checkins/"), "{\"status\":\"ok\"," + HOURLY + "}").status()).isEqualTo(201);

    // WHEN 11:00 passes its deadline and the scheduled sweeper runs
    clock.set(Instant.parse("2026-03-02T11:01:00Z"));
    stack.sweep();

    // THEN the API shows the missed check-in, the environment in error with its incident, and one event was delivered
    JsonNode history = api("GET", orgPath("/monitors/swept-job/checkins/"), null).json();
    assertThat(history.get(0).get("status").asText()).isEqualTo("missed");
    assertThat(history.get(0).get("expectedTime").asText()).isEqualTo("2026-03-02T11:00:00Z");
    JsonNode env = api("GET", orgPath("/monitors/swept-job/"), null).json().get("environments").get(0);
    assertThat(env.get("status").asText()).isEqualTo("error");
    assertThat(env.get("activeIncident").isObject()).isTrue();
    assertThat(env.get("nextCheckIn").asText()).isEqualTo("2026-03-02T12:00:00Z");
    assertThat(delivered).hasSize(1);
    SNSEvent.SNSRecord record = delivered.get(0).getRecords().get(0);
    assertThat(record.getEventSource()).isEqualTo("aws:sns");
    assertThat(record.getSNS().getTopicArn()).endsWith(":IncidentTopic");
    JsonNode opened = message(delivered.get(0));
    assertThat(opened.get("source").asText()).isEqualTo("cronmon");
    assertThat(opened.get("detail-type").asText()).isEqualTo("Monitor Incident Opened");
    assertThat(opened.get("detail").get("monitor").get("slug").asText()).isEqualTo("swept-job");
    assertThat(opened.get("detail").get("reason").asText()).isEqualTo("A missed check-in was detected");
    assertThat(opened.get("detail").get("incident").get("id").asText()).isEqualTo(env.get("activeIncident").get("id").asText());

    // WHEN the job checks in ok again and the sweeper runs twice more
    clock.set(Instant.parse("2026-03-02T11:30:00Z"));
    api("POST", orgPath("/monitors/swept-job/checkins/"), "{\"status\":\"ok\"}");
    stack.sweep();
    stack.sweep();

    // THEN exactly one resolution was delivered, for the same incident
    assertThat(delivered).hasSize(2);
    JsonNode resolved = message(delivered.get(1));
    assertThat(resolved.get("detail-type").asText()).isEqualTo("Monitor Incident Resolved");
    assertThat(resolved.get("detail").get("incident").get("id").asText()).isEqualTo(opened.get("detail").get("incident").get("id").asText());
    assertThat(api("GET", orgPath("/monitors/swept-job/"), null).json().get("environments").get(0).get("activeIncident").isNull()).isTrue();
  }
}
