package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.domain.service.Bootstrap;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The org check-in API over real HTTP against the local stack (docs/semantics.md rules C1–C5, S4, S5, end to end). */
class OrgCheckInApiTest extends LocalStackTestBase {
  private static final String HOURLY = "\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"},\"timezone\":\"Europe/Berlin\"}";

  private Response checkIn(String slug, String body) {
    return api("POST", orgPath("/monitors/" + slug + "/checkins/"), body);
  }

  private JsonNode monitor(String slug) {
    Response r = api("GET", orgPath("/monitors/" + slug + "/"), null);
    assertThat(r.status()).isEqualTo(200);
    return r.json();
  }

  private JsonNode checkIns(String slug) {
    Response r = api("GET", orgPath("/monitors/" + slug + "/checkins/"), null);
    assertThat(r.status()).isEqualTo(200);
    return r.json();
  }

  @Test
  void heartbeat_createsTheMonitor_andSetsTheNextSlot() {
    clock.set(Instant.parse("2026-03-02T10:20:00Z"));

    Response r = checkIn("heartbeat-job", "{\"status\":\"ok\"," + HOURLY + "}");

    assertThat(r.status()).isEqualTo(201);
    String id = r.json().get("id").asText();
    assertThat(UUID.fromString(id)).isNotNull();
    JsonNode m = monitor("heartbeat-job");
    assertThat(m.get("name").asText()).isEqualTo("heartbeat-job");
    assertThat(m.get("config").get("schedule").asText()).isEqualTo("0 * * * *");
    assertThat(m.get("config").get("timezone").asText()).isEqualTo("Europe/Berlin");
    JsonNode env = m.get("environments").get(0);
    assertThat(env.get("name").asText()).isEqualTo("production");
    assertThat(env.get("status").asText()).isEqualTo("ok");
    assertThat(env.get("lastCheckIn").asText()).isEqualTo("2026-03-02T10:20:00Z");
    assertThat(env.get("nextCheckIn").asText()).isEqualTo("2026-03-02T11:00:00Z");
    assertThat(env.get("nextCheckInLatest").asText()).isEqualTo("2026-03-02T11:01:00Z");
    assertThat(checkIns("heartbeat-job").get(0).get("id").asText()).isEqualTo(id);
  }

  @Test
  void inProgressThenOk_withTheSameId_closesTheRunWithItsDuration() {
    clock.set(Instant.parse("2026-03-02T12:00:05Z"));
    String id = UUID.randomUUID().toString();
    assertThat(checkIn("paired-job", "{\"status\":\"in_progress\",\"check_in_id\":\"" + id + "\"," + HOURLY + "}").status()).isEqualTo(201);
    assertThat(checkIns("paired-job").get(0).get("status").asText()).isEqualTo("in_progress");

    clock.advance(Duration.ofSeconds(42));
    Response closed = api("PUT", orgPath("/monitors/paired-job/checkins/" + id + "/"), "{\"status\":\"ok\"}");

    assertThat(closed.status()).isEqualTo(200);
    JsonNode c = checkIns("paired-job").get(0);
    assertThat(c.get("id").asText()).isEqualTo(id);
    assertThat(c.get("status").asText()).isEqualTo("ok");
    assertThat(c.get("duration").asLong()).isEqualTo(42_000);
    assertThat(c.get("expectedTime").asText()).isEqualTo("2026-03-02T12:00:00Z");
  }

  @Test
  void putLatest_closesTheNewestOpenRun_andOverlappingRunsStaySeparate() {
    clock.set(Instant.parse("2026-03-02T13:00:00Z"));
    String first = checkIn("overlap-job", "{\"status\":\"in_progress\"," + HOURLY + "}").json().get("id").asText();
    clock.advance(Duration.ofMinutes(5));
    String second = checkIn("overlap-job", "{\"status\":\"in_progress\"}").json().get("id").asText();

    Response r = api("PUT", orgPath("/monitors/overlap-job/checkins/latest/"), "{\"status\":\"error\",\"duration\":1500}");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("id").asText()).isEqualTo(second);
    JsonNode history = checkIns("overlap-job");
    assertThat(history).hasSize(2);
    assertThat(history.get(0).get("id").asText()).isEqualTo(second);
    assertThat(history.get(0).get("status").asText()).isEqualTo("error");
    assertThat(history.get(0).get("duration").asLong()).isEqualTo(1500);
    assertThat(history.get(1).get("id").asText()).isEqualTo(first);
    assertThat(history.get(1).get("status").asText()).isEqualTo("in_progress");
  }

  @Test
  void finishedRun_ignoresLateInProgress_andRejectsSecondOk() {
    clock.set(Instant.parse("2026-03-02T14:00:00Z"));
    String id = UUID.randomUUID().toString();
    checkIn("finished-job", "{\"status\":\"in_progress\",\"check_in_id\":\"" + id + "\"," + HOURLY + "}");
    assertThat(api("PUT", orgPath("/monitors/finished-job/checkins/" + id + "/"), "{\"status\":\"ok\"}").status()).isEqualTo(200);
    var before = tableItems();

    Response lateStart = api("PUT", orgPath("/monitors/finished-job/checkins/" + id + "/"), "{\"status\":\"in_progress\"}");
    Response secondOk = api("PUT", orgPath("/monitors/finished-job/checkins/" + id + "/"), "{\"status\":\"error\"}");

    assertThat(lateStart.status()).isEqualTo(200);
    assertThat(secondOk.status()).isEqualTo(409);
    assertThat(secondOk.json().get("detail").asText()).contains("already finished");
    assertThat(tableItems()).isEqualTo(before);
    assertThat(checkIns("finished-job").get(0).get("status").asText()).isEqualTo("ok");
  }

  @Test
  void dashedAnd32HexIds_nameTheSameCheckIn() {
    clock.set(Instant.parse("2026-03-02T15:00:00Z"));
    UUID id = UUID.randomUUID();
    checkIn("hex-job", "{\"status\":\"in_progress\",\"check_in_id\":\"" + id.toString().replace("-", "") + "\"," + HOURLY + "}");

    Response r = api("PUT", orgPath("/monitors/hex-job/checkins/" + id + "/"), "{\"status\":\"ok\"}");

    assertThat(r.status()).isEqualTo(200);
    assertThat(checkIns("hex-job")).hasSize(1);
  }

  @Test
  void checkInIdOfAnotherMonitor_isRefused_andNothingIsWritten() {
    clock.set(Instant.parse("2026-03-02T16:00:00Z"));
    String id = UUID.randomUUID().toString();
    checkIn("owner-job", "{\"status\":\"in_progress\",\"check_in_id\":\"" + id + "\"," + HOURLY + "}");
    checkIn("other-job", "{\"status\":\"ok\"," + HOURLY + "}");
    var before = tableItems();

    Response r = api("PUT", orgPath("/monitors/other-job/checkins/" + id + "/"), "{\"status\":\"ok\"}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("detail").asText()).contains("another monitor");
    assertThat(tableItems()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "malformed JSON|ok-job|{\"status\":|400|detail",
      "JSON not an object|ok-job|[1,2]|400|detail",
      "unknown status|ok-job|{\"status\":\"done\"}|400|status",
      "client sends missed|ok-job|{\"status\":\"missed\"}|400|status",
      "numeric slug|12345|{\"status\":\"ok\"}|400|monitor_slug",
      "6-field cron|new-job|{\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 0 * * * *\"}}}|400|monitor_config.schedule",
      "nonsense cron|new-job|{\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"every day\"}}}|400|monitor_config.schedule",
      "unknown timezone|new-job|{\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"},\"timezone\":\"Moon/Base\"}}|400|monitor_config.timezone",
      "margin out of range|new-job|{\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"},\"checkin_margin\":99999}}|400|monitor_config.checkin_margin",
      "negative duration|ok-job|{\"status\":\"ok\",\"duration\":-5}|400|duration",
      "environment too long|ok-job|{\"status\":\"ok\",\"environment\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}|400|environment",
      "unknown monitor without config|no-such-job|{\"status\":\"ok\"}|404|detail",
  })
  void badInput_getsA4xxWithAClearError_andWritesNothing(String name, String slug, String body, int status, String errorKey) {
    checkIn("ok-job", "{\"status\":\"ok\"," + HOURLY + "}");
    var before = tableItems();

    Response r = checkIn(slug, body);

    assertThat(r.status()).isEqualTo(status);
    assertThat(r.json().has(errorKey)).as(r.body()).isTrue();
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void missingWrongAndForeignTokens_areRefused_andWriteNothing() {
    Bootstrap.Credentials other = Bootstrap.createOrganization(stack.services().store(), clock, "other-org-" + UUID.randomUUID().toString().substring(0, 8), "Other");
    var before = tableItems();
    String path = orgPath("/monitors/auth-job/checkins/");
    String body = "{\"status\":\"ok\"," + HOURLY + "}";

    Response missing = send("POST", path, body, "Content-Type", "application/json");
    Response wrong = send("POST", path, body, "Authorization", "Bearer cronmon_nope");
    Response foreign = send("POST", path, body, "Authorization", "Bearer " + other.token());

    assertThat(missing.status()).isEqualTo(401);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(missing.json().has("detail")).isTrue();
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void bodyOverOneMebibyte_gets413_andWritesNothing() {
    var before = tableItems();
    String huge = "{\"status\":\"ok\",\"pad\":\"" + "x".repeat((1 << 20) + 10) + "\"}";

    Response r = checkIn("huge-job", huge);

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().has("detail")).isTrue();
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void earlyCheckIn_countsForTheComingSlot() {
    clock.set(Instant.parse("2026-03-02T17:59:40Z"));

    checkIn("early-job", "{\"status\":\"ok\"," + HOURLY + "}");

    assertThat(checkIns("early-job").get(0).get("expectedTime").asText()).isEqualTo("2026-03-02T18:00:00Z");
    assertThat(monitor("early-job").get("environments").get(0).get("nextCheckIn").asText()).isEqualTo("2026-03-02T19:00:00Z");
  }
}
