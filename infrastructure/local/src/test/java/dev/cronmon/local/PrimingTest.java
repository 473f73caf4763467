package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.alerts.AlertsHandler;
import dev.cronmon.api.ApiResponse;
import dev.cronmon.api.IngestApi;
import dev.cronmon.api.ManageApi;
import dev.cronmon.domain.service.AlertService;
import dev.cronmon.domain.alert.RecordingReceiver;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.incident.Failure;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.service.Sweeper;
import dev.cronmon.domain.service.Bootstrap;
import dev.cronmon.lambda.Priming;
import dev.cronmon.sweeper.SweeperHandler;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SnapStart priming runs each function's real path against the real table and changes nothing, sends nothing. */
class PrimingTest extends LocalStackTestBase {
  private static final String HOURLY = "{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"},\"checkin_margin\":1}";

  @Override
  protected Map<String, String> stackEnvironment() {
    return Map.of("ALLOW_PRIVATE_ALERT_TARGETS", "true");
  }

  @Test
  void priming_exercisesIngestAndManage_withoutWriting() {
    var services = stack.services();
    var before = tableItems();

    ApiResponse ingest = Priming.of(new IngestApi(services.store(), clock)::handle, "POST",
        "/api/0/organizations/priming/monitors/priming/checkins/").prime();
    ApiResponse manage = Priming.of(new ManageApi(services.store(), clock)::handle, "GET",
        "/api/0/organizations/priming/monitors/").prime();

    assertThat(ingest.status()).isEqualTo(401);
    assertThat(manage.status()).isEqualTo(401);
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void sweeperPriming_findsNothingDue_whileATickWouldMarkMissedAndPublish() {
    // GIVEN an hourly job that checked in at 10:00 and missed 11:00: a tick now writes a missed check-in and publishes
    clock.set(Instant.parse("2026-03-02T10:00:00Z"));
    Response checkIn = api("POST", orgPath("/monitors/priming-sweep/checkins/"), "{\"status\":\"ok\",\"monitor_config\":" + HOURLY + "}");
    assertThat(checkIn.status()).as(checkIn.body()).isEqualTo(201);
    clock.set(Instant.parse("2026-03-02T11:05:00Z"));
    try (RecordingReceiver bus = new RecordingReceiver()) {
      bus.answerAlways(new RecordingReceiver.Answer(200, "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e-1\"}]}",
          Map.of("Content-Type", "application/x-amz-json-1.1")));
      SweeperHandler sweeper = new SweeperHandler(services(Map.of("EVENT_BUS_NAME", "priming-bus", "EVENTBRIDGE_ENDPOINT", bus.url(""))));
      var before = tableItems();

      // WHEN the priming runs
      Sweeper.Result primed = sweeper.priming().prime();

      // THEN it swept every shard and found nothing due at its time: nothing written, nothing sent to the bus
      assertThat(primed).isEqualTo(new Sweeper.Result(0, 0, 0, 0, 0, true));
      assertThat(tableItems()).isEqualTo(before);
      assertThat(bus.requests()).isEmpty();

      // AND the same handler's tick does write and publish, so the assertions above can fail
      Sweeper.Result tick = sweeper.handleRequest(new ScheduledEvent(), null);
      assertThat(tick.missed()).isPositive();
      assertThat(tableItems()).isNotEqualTo(before);
      assertThat(bus.requests()).isNotEmpty();
    }
  }

  @Test
  void alertsPriming_matchesNoRule_evenWhereItsOrganizationAndSlugHaveADefaultChannel() {
    try (RecordingReceiver receiver = new RecordingReceiver()) {
      // GIVEN an organization and monitor named like the priming event's, whose project routes every incident to a webhook
      Bootstrap.Credentials priming = Bootstrap.createOrganization(stack.services().store(), clock, "priming", "Priming");
      String auth = "Bearer " + priming.token();
      JsonNode channel = json(send("POST", "/api/0/organizations/priming/channels/",
          "{\"name\":\"hook\",\"type\":\"webhook\",\"config\":{\"url\":\"" + receiver.url("/hook") + "\"}}",
          "Authorization", auth, "Content-Type", "application/json"));
      Response rule = send("PUT", "/api/0/organizations/priming/projects/default/alert-rule/",
          "{\"channels\":[\"" + channel.get("id").asText() + "\"]}", "Authorization", auth, "Content-Type", "application/json");
      assertThat(rule.status()).as(rule.body()).isEqualTo(200);
      Response checkIn = send("POST", "/api/0/organizations/priming/monitors/priming/checkins/",
          "{\"status\":\"ok\",\"monitor_config\":" + HOURLY + "}", "Authorization", auth, "Content-Type", "application/json");
      assertThat(checkIn.status()).as(checkIn.body()).isEqualTo(201);
      AlertsHandler alerts = new AlertsHandler(services(Map.of("ALLOW_PRIVATE_ALERT_TARGETS", "true")));
      var before = tableItems();

      // WHEN the priming runs
      List<AlertService.Outcome> outcomes = alerts.priming().prime();

      // THEN its event reached no channel: nothing claimed or recorded, nothing sent
      assertThat(outcomes).isEmpty();
      assertThat(tableItems()).isEqualTo(before);
      assertThat(receiver.requests()).isEmpty();

      // AND an event of that monitor itself is sent there, so the assertions above can fail
      String monitorId = json(send("GET", "/api/0/organizations/priming/monitors/priming/", null, "Authorization", auth)).get("id").asText();
      Instant now = clock.instant();
      stack.incidentTopic().publish(new IncidentEvent("real:opened", IncidentEvent.Type.OPENED, "priming", monitorId, "priming",
          "priming", "production", "real", now, now, List.of(new Failure(null, CheckInStatus.ERROR, now)), null));
      assertThat(receiver.requests()).hasSize(1);
    }
  }

  private static JsonNode json(Response response) {
    assertThat(response.status()).as(response.body()).isBetween(200, 201);
    return response.json();
  }
}
