package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import dev.cronmon.domain.alert.RecordingReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Reminders and snooze (docs/semantics.md rules R1–R5, N1–N4) through the local stack's HTTP API, sweeper, bus, topic and
 * alerts function, with the test's clock; and their bad input: a field error naming the field, nothing written.
 */
class RemindersAndSnoozeApiTest extends LocalStackTestBase {
  private static final String HOURLY =
      "\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"},\"checkin_margin\":1}";
  private final RecordingReceiver receiver = new RecordingReceiver();

  @Override
  protected Map<String, String> stackEnvironment() {
    return Map.of("ALLOW_PRIVATE_ALERT_TARGETS", "true");
  }

  @AfterAll
  void stopReceiver() {
    receiver.close();
  }

  private void job(String slug) {
    Response r = api("POST", orgPath("/monitors/" + slug + "/checkins/"), "{\"status\":\"ok\"," + HOURLY + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  /** A webhook channel to the receiver's {@code path}, and a rule of {@code slug} picking it, with {@code more} keys. */
  private Response webhookRule(String slug, String path, String more) {
    String channel = api("POST", orgPath("/channels/"),
        "{\"name\":\"" + slug + "\",\"type\":\"webhook\",\"config\":{\"url\":\"" + receiver.url(path) + "\"}}").json().get("id").asText();
    return api("PUT", orgPath("/monitors/" + slug + "/alert-rule/"), "{\"channels\":[\"" + channel + "\"]" + more + "}");
  }

  private List<JsonNode> webhooks(String path) {
    return receiver.requests().stream().filter(r -> r.path().equals(path))
        .map(r -> Json.parse(r.body().getBytes(StandardCharsets.UTF_8))).toList();
  }

  private static JsonNode environment(JsonNode monitor, String name) {
    return StreamSupport.stream(monitor.get("environments").spliterator(), false)
        .filter(e -> e.get("name").asText().equals(name)).findFirst().orElseThrow();
  }

  private void tickAt(String iso) {
    clock.set(Instant.parse(iso));
    stack.sweep();
  }

  @Test
  void anOpenIncident_isRemindedEveryPeriod_onTheWebhook_untilSnoozed() {
    // GIVEN an hourly job with a webhook rule reminding every 10 minutes
    clock.set(Instant.parse("2026-03-02T10:00:00Z"));
    job("remind-job");
    Response rule = webhookRule("remind-job", "/remind", ",\"remind_every_minutes\":10");
    assertThat(rule.status()).as(rule.body()).isEqualTo(200);
    assertThat(rule.json().get("remind_every_minutes").asInt()).isEqualTo(10);

    // WHEN the 11:00 slot is missed and the sweeper ticks every minute to 11:25
    for (int minute = 1; minute <= 25; minute++) tickAt(String.format("2026-03-02T11:%02d:00Z", minute));

    // THEN the opening, then reminders 1 (11:11) and 2 (11:21), each with the time the incident has been open
    List<JsonNode> got = webhooks("/remind");
    assertThat(got).extracting(b -> b.get("type").asText())
        .containsExactly("incident.opened", "incident.reminder", "incident.reminder");
    assertThat(got.get(2).get("incident").get("reminder").asInt()).isEqualTo(2);
    assertThat(got.get(2).get("incident").get("openSeconds").asLong()).isEqualTo(21 * 60);

    // WHEN the environment is snoozed until 12:00 and the sweeper ticks on to 11:59
    Response snoozed = api("PUT", orgPath("/monitors/remind-job/environments/production/"), "{\"mutedUntil\":\"2026-03-02T12:00:00Z\"}");
    assertThat(snoozed.status()).as(snoozed.body()).isEqualTo(200);
    for (int minute = 26; minute <= 59; minute++) tickAt(String.format("2026-03-02T11:%02d:00Z", minute));

    // THEN no reminder while snoozed; after it, they go on
    assertThat(webhooks("/remind")).hasSize(3);
    tickAt("2026-03-02T12:01:00Z");
    tickAt("2026-03-02T12:02:00Z");
    assertThat(webhooks("/remind")).extracting(b -> b.get("type").asText()).last().isEqualTo("incident.reminder");
    assertThat(webhooks("/remind").get(3).get("incident").get("reminder").asInt()).isEqualTo(3);
  }

  @Test
  void aReminderPeriodThatIsNonsense_isAFieldError_andNothingIsWritten_ruleR1() {
    clock.set(Instant.parse("2026-03-02T10:00:00Z"));
    job("remind-bad");
    var before = tableItems();
    for (String value : List.of("5", "9", "43201", "10.5", "\"60\"", "true", "[]", "-10", "1e3")) {
      Response r = api("PUT", orgPath("/monitors/remind-bad/alert-rule/"), "{\"channels\":[],\"remind_every_minutes\":" + value + "}");
      assertThat(r.status()).as(value + ": " + r.body()).isEqualTo(400);
      assertThat(r.json().has("remind_every_minutes")).as(value).isTrue();
    }
    assertThat(tableItems()).isEqualTo(before);
    Response ok = api("PUT", orgPath("/monitors/remind-bad/alert-rule/"), "{\"channels\":[],\"remind_every_minutes\":null}");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().get("remind_every_minutes").isNull()).isTrue();
  }

  @Test
  void aSnooze_showsUntilItsTime_andThenReadsUnmuted_withoutAnyJob_rulesN1N2() {
    // GIVEN a monitor snoozed until 11:00 and one of its environments until 10:30
    clock.set(Instant.parse("2026-03-02T10:00:00Z"));
    job("snooze-job");
    Response monitor = api("PUT", orgPath("/monitors/snooze-job/"), "{\"mutedUntil\":\"2026-03-02T12:00:00+01:00\"}");
    assertThat(monitor.status()).as(monitor.body()).isEqualTo(200);
    Response env = api("PUT", orgPath("/monitors/snooze-job/environments/production/"),
        "{\"isMuted\":true,\"mutedUntil\":\"2026-03-02T10:30:00Z\"}");
    assertThat(env.status()).as(env.body()).isEqualTo(200);

    // THEN both show as muted, with their ends
    JsonNode at1010 = api("GET", orgPath("/monitors/snooze-job/"), null).json();
    assertThat(at1010.get("isMuted").asBoolean()).isTrue();
    assertThat(at1010.get("mutedUntil").asText()).isEqualTo("2026-03-02T11:00:00Z");
    assertThat(environment(at1010, "production").get("mutedUntil").asText()).isEqualTo("2026-03-02T10:30:00Z");

    // WHEN the clock passes 10:30, then 11:00
    clock.set(Instant.parse("2026-03-02T10:45:00Z"));
    JsonNode at1045 = api("GET", orgPath("/monitors/snooze-job/"), null).json();
    clock.set(Instant.parse("2026-03-02T11:00:00Z"));
    JsonNode at1100 = api("GET", orgPath("/monitors/snooze-job/"), null).json();

    // THEN each snooze lifted itself at its time
    assertThat(environment(at1045, "production").get("mutedUntil").isNull()).isTrue();
    assertThat(environment(at1045, "production").get("isMuted").asBoolean()).as("the monitor's snooze still holds").isTrue();
    assertThat(at1100.get("isMuted").asBoolean()).isFalse();
    assertThat(at1100.get("mutedUntil").isNull()).isTrue();
    assertThat(environment(at1100, "production").get("isMuted").asBoolean()).isFalse();
  }

  @Test
  void aSnoozeThatIsNonsense_isAFieldError_andNothingIsWritten_ruleN1() {
    clock.set(Instant.parse("2026-03-02T10:00:00Z"));
    job("snooze-bad");
    var before = tableItems();
    String envPath = orgPath("/monitors/snooze-bad/environments/production/");
    Map<String, String> bodies = Map.of(
        "{\"mutedUntil\":\"2026-03-02T09:00:00Z\"}", "mutedUntil",
        "{\"mutedUntil\":\"tomorrow\"}", "mutedUntil",
        "{\"mutedUntil\":\"2026-03-02T11:00:00\"}", "mutedUntil",
        "{\"mutedUntil\":1772449200}", "mutedUntil",
        "{\"mutedUntil\":\"2028-03-02T10:00:00Z\"}", "mutedUntil",
        "{\"isMuted\":false,\"mutedUntil\":\"2026-03-02T11:00:00Z\"}", "mutedUntil",
        "{\"mutedUntilResolved\":true}", "mutedUntilResolved");
    bodies.forEach((body, field) -> {
      Response r = api("PUT", envPath, body);
      assertThat(r.status()).as(body + ": " + r.body()).isEqualTo(400);
      assertThat(r.json().has(field)).as(body + ": " + r.body()).isTrue();
    });
    for (String body : List.of("{\"mutedUntil\":\"2026-03-02T09:00:00Z\"}", "{\"mutedUntil\":\"2028-03-02T10:00:00Z\"}",
        "{\"is_muted\":false,\"mutedUntil\":\"2026-03-02T11:00:00Z\"}")) {
      Response r = api("PUT", orgPath("/monitors/snooze-bad/"), body);
      assertThat(r.status()).as(body + ": " + r.body()).isEqualTo(400);
      assertThat(r.json().has("mutedUntil")).as(body).isTrue();
    }
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void aSnoozeUntilTheIncidentResolves_endsWithIt_andTheResolutionIsAnnounced_ruleN3() {
    // GIVEN a job whose 11:00 slot was missed (incident open, alerted) and a webhook rule
    clock.set(Instant.parse("2026-03-02T10:00:00Z"));
    job("snooze-resolve");
    webhookRule("snooze-resolve", "/sr", "");
    tickAt("2026-03-02T11:01:00Z");

    // WHEN it is snoozed until the incident resolves, then misses 12:00 too, then runs at 12:30
    Response r = api("PUT", orgPath("/monitors/snooze-resolve/environments/production/"), "{\"mutedUntilResolved\":true}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(environment(r.json(), "production").get("mutedUntilResolved").asBoolean()).isTrue();
    tickAt("2026-03-02T12:01:00Z");
    clock.set(Instant.parse("2026-03-02T12:30:00Z"));
    api("POST", orgPath("/monitors/snooze-resolve/checkins/"), "{\"status\":\"ok\"}");
    tickAt("2026-03-02T12:31:00Z");

    // THEN the opening and the resolution were announced; the environment is unmuted again
    assertThat(webhooks("/sr")).extracting(b -> b.get("type").asText()).containsExactly("incident.opened", "incident.resolved");
    JsonNode after = environment(api("GET", orgPath("/monitors/snooze-resolve/"), null).json(), "production");
    assertThat(after.get("isMuted").asBoolean()).isFalse();
    assertThat(after.get("mutedUntilResolved").asBoolean()).isFalse();
  }
}
