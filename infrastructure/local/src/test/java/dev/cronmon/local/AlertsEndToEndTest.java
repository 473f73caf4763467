package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import dev.cronmon.domain.alert.RecordingReceiver;
import dev.cronmon.domain.alert.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * End to end in the local stack with the test's clock: a check-in over HTTP, a missed slot, the incident event through
 * the in-process topic to the alerts function, a signed webhook; then a recovery.
 *
 * <p>The sweeper marks the missed slot and publishes the outbox through the in-process bus and topic, and
 * expects the stack to deliver what it publishes to the alerts function.
 */
class AlertsEndToEndTest extends LocalStackTestBase {
  private final RecordingReceiver receiver = new RecordingReceiver();

  @Override
  protected Map<String, String> stackEnvironment() {
    return Map.of("ALLOW_PRIVATE_ALERT_TARGETS", "true");
  }

  @AfterAll
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void missedSlot_opensOneIncident_andTheNextOkResolvesIt_eachAlertedOnceOnTheWebhook() throws Exception {
    // GIVEN an hourly job that checked in ok at 10:00, and a webhook channel its alert rule picks
    clock.set(Instant.parse("2026-03-02T10:00:00Z"));
    Response first = api("POST", orgPath("/monitors/e2e-job/checkins/"),
        "{\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"},\"checkin_margin\":1}}");
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    JsonNode channel = api("POST", orgPath("/channels/"),
        "{\"name\":\"e2e\",\"type\":\"webhook\",\"config\":{\"url\":\"" + receiver.url("/e2e") + "\"}}").json();
    String secret = channel.get("signingSecret").asText();
    Response rule = api("PUT", orgPath("/monitors/e2e-job/alert-rule/"), "{\"channels\":[\"" + channel.get("id").asText() + "\"]}");
    assertThat(rule.status()).as(rule.body()).isEqualTo(200);

    // WHEN the 11:00 slot passes its margin without a check-in
    clock.set(Instant.parse("2026-03-02T11:02:00Z"));
    tick();
    tick();

    // THEN the webhook received exactly one "opened", signed
    assertThat(receiver.requests()).hasSize(1);
    RecordingReceiver.Request opened = receiver.requests().get(0);
    assertThat(WebhookSignature.verify(secret, opened.header("Cronmon-Signature"), opened.body(), clock.instant().getEpochSecond(), 300)).isTrue();
    JsonNode openedBody = json(opened.body());
    assertThat(openedBody.get("type").asText()).isEqualTo("incident.opened");
    assertThat(openedBody.get("monitor").get("slug").asText()).isEqualTo("e2e-job");
    assertThat(openedBody.get("incident").get("reason").asText()).isEqualTo("A missed check-in was detected");
    assertThat(openedBody.get("previousStatus").asText()).isEqualTo("ok");
    assertThat(openedBody.get("lastOk").asText()).isEqualTo("2026-03-02T10:00:00Z");

    // WHEN the job checks in ok again
    clock.set(Instant.parse("2026-03-02T11:05:00Z"));
    assertThat(api("POST", orgPath("/monitors/e2e-job/checkins/"), "{\"status\":\"ok\"}").status()).isEqualTo(201);
    tick();
    tick();

    // THEN exactly one "resolved" follows, for the same incident
    assertThat(receiver.requests()).hasSize(2);
    JsonNode resolvedBody = json(receiver.requests().get(1).body());
    assertThat(resolvedBody.get("type").asText()).isEqualTo("incident.resolved");
    assertThat(resolvedBody.get("incident").get("id").asText()).isEqualTo(openedBody.get("incident").get("id").asText());
    assertThat(resolvedBody.get("status").asText()).isEqualTo("ok");
    // AND the channel shows its last delivery through the API
    JsonNode shown = api("GET", orgPath("/channels/" + channel.get("id").asText() + "/"), null).json();
    assertThat(shown.get("status").asText()).isEqualTo("ok");
    assertThat(shown.get("lastDeliveredAt").asText()).isEqualTo("2026-03-02T11:05:00Z");
  }

  @Test
  void receiverAnswering410_isShownAsFailingThroughTheApi_andTheEventIsNotRetried() throws Exception {
    // GIVEN a job with a webhook that is gone
    clock.set(Instant.parse("2026-03-02T10:00:00Z"));
    api("POST", orgPath("/monitors/e2e-gone/checkins/"),
        "{\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"}}}");
    RecordingReceiver gone = new RecordingReceiver().answerAlways(new RecordingReceiver.Answer(410, "gone", Map.of()));
    try {
      String id = api("POST", orgPath("/channels/"),
          "{\"name\":\"gone\",\"type\":\"webhook\",\"config\":{\"url\":\"" + gone.url("/x") + "\"}}").json().get("id").asText();
      api("PUT", orgPath("/monitors/e2e-gone/alert-rule/"), "{\"channels\":[\"" + id + "\"]}");

      // WHEN an incident opens, and the sweeper comes round again
      clock.set(Instant.parse("2026-03-02T11:02:00Z"));
      tick();
      tick();

      // THEN one attempt, and the API shows the failure
      assertThat(gone.requests()).hasSize(1);
      JsonNode shown = api("GET", orgPath("/channels/" + id + "/"), null).json();
      assertThat(shown.get("status").asText()).isEqualTo("failing");
      assertThat(shown.get("lastError").asText()).isEqualTo("HTTP 410: gone");
    } finally {
      gone.close();
    }
  }

  private static JsonNode json(String body) {
    return Json.parse(body.getBytes(StandardCharsets.UTF_8));
  }

  /** One sweeper tick, as the local stack's scheduler runs it every minute. */
  private void tick() {
    stack.sweep();
  }

}
