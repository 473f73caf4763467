package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.store.CronStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** PUT, DELETE, mute and disable of monitors and environments over real HTTP against the local stack. */
class MonitorLifecycleApiTest extends LocalStackTestBase {
  private static final String HOURLY = "\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"}}";

  private Response checkIn(String slug, String body) {
    return api("POST", orgPath("/monitors/" + slug + "/checkins/"), body);
  }

  private JsonNode monitor(String slug) {
    Response r = api("GET", orgPath("/monitors/" + slug + "/"), null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static JsonNode environment(JsonNode monitor, String name) {
    return StreamSupport.stream(monitor.get("environments").spliterator(), false)
        .filter(e -> e.get("name").asText().equals(name)).findFirst().orElseThrow();
  }

  private CronStore store() {
    return stack.services().store();
  }

  private Monitor stored(String slug) {
    return store().monitor(org, slug).orElseThrow();
  }

  private List<Map<String, AttributeValue>> environmentItems(String monitorId) {
    return tableItems().stream().filter(i -> i.get("PK").s().equals("MON#" + monitorId) && i.get("SK").s().startsWith("ENV#")).toList();
  }

  @Test
  void put_mergesTheConfig_andMovesThePendingDeadline() {
    clock.set(Instant.parse("2026-03-02T10:00:20Z"));
    checkIn("margin-job", "{\"status\":\"ok\"," + HOURLY + "}");

    Response r = api("PUT", orgPath("/monitors/margin-job/"), "{\"config\":{\"checkin_margin\":15,\"max_runtime\":90}}");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode config = r.json().get("config");
    assertThat(config.get("schedule").asText()).isEqualTo("0 * * * *");
    assertThat(config.get("checkin_margin").asInt()).isEqualTo(15);
    assertThat(config.get("max_runtime").asInt()).isEqualTo(90);
    JsonNode env = environment(r.json(), "production");
    assertThat(env.get("nextCheckIn").asText()).isEqualTo("2026-03-02T11:00:00Z");
    assertThat(env.get("nextCheckInLatest").asText()).isEqualTo("2026-03-02T11:15:00Z");
  }

  @Test
  void put_dailyToHourly_expectsTheNextHourAfterTheChange() {
    clock.set(Instant.parse("2026-03-03T02:00:10Z"));
    checkIn("daily-job", "{\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 2 * * *\"}}}");
    clock.set(Instant.parse("2026-03-03T15:20:00Z"));

    Response r = api("PUT", orgPath("/monitors/daily-job/"), "{\"config\":{\"schedule_type\":\"crontab\",\"schedule\":\"0 * * * *\"}}");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(environment(r.json(), "production").get("nextCheckIn").asText()).isEqualTo("2026-03-03T16:00:00Z");
  }

  @Test
  void put_maxRuntime_movesTheTimeoutOfEveryOpenRun_inTheEnvironmentAndItsCheckIn() {
    clock.set(Instant.parse("2026-03-04T10:05:42Z"));
    String id = checkIn("long-job", "{\"status\":\"in_progress\"," + HOURLY + "}").json().get("id").asText();

    Response r = api("PUT", orgPath("/monitors/long-job/"), "{\"config\":{\"max_runtime\":120}}");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    Monitor m = stored("long-job");
    MonitorEnvironment env = store().environment(m.id(), "production").orElseThrow();
    Instant expected = Instant.parse("2026-03-04T12:05:00Z");
    assertThat(env.openRuns()).singleElement().satisfies(run -> assertThat(run.timeoutAt()).isEqualTo(expected));
    CheckIn run = store().checkIn(UUID.fromString(id)).orElseThrow();
    assertThat(run.timeoutAt()).isEqualTo(expected);
  }

  @Test
  void put_renamesTheSlug_keepingEnvironmentsAndHistory() {
    clock.set(Instant.parse("2026-03-05T10:00:00Z"));
    String id = checkIn("old-name", "{\"status\":\"ok\"," + HOURLY + "}").json().get("id").asText();

    Response r = api("PUT", orgPath("/monitors/old-name/"), "{\"slug\":\"new-name\",\"name\":\"New name\"}");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(api("GET", orgPath("/monitors/old-name/"), null).status()).isEqualTo(404);
    JsonNode m = monitor("new-name");
    assertThat(m.get("name").asText()).isEqualTo("New name");
    assertThat(m.get("environments")).hasSize(1);
    assertThat(api("GET", orgPath("/monitors/new-name/checkins/"), null).json().get(0).get("id").asText()).isEqualTo(id);
    assertThat(checkIn("new-name", "{\"status\":\"ok\"}").status()).isEqualTo(201);
  }

  @Test
  void put_refusesATakenSlug_andInvalidFields_writingNothing() {
    checkIn("first-job", "{\"status\":\"ok\"," + HOURLY + "}");
    checkIn("second-job", "{\"status\":\"ok\"," + HOURLY + "}");
    var before = tableItems();

    Response taken = api("PUT", orgPath("/monitors/first-job/"), "{\"slug\":\"second-job\"}");
    Response invalid = api("PUT", orgPath("/monitors/first-job/"),
        "{\"name\":\"bad\\u0000name\",\"status\":\"paused\",\"config\":{\"schedule_type\":\"crontab\",\"schedule\":\"* * * * * *\"}}");
    Response badName = api("PUT", orgPath("/monitors/first-job/"), "{\"name\":\"" + "x".repeat(10_000) + "\"}");
    Response badConfig = api("PUT", orgPath("/monitors/first-job/"), "{\"config\":{\"checkin_margin\":0.5,\"timezone\":\"Mars/Olympus\"}}");
    Response missing = api("PUT", orgPath("/monitors/no-such-job/"), "{\"name\":\"x\"}");

    assertThat(taken.status()).isEqualTo(400);
    assertThat(taken.json().get("slug").get(0).asText()).isEqualTo("The slug \"second-job\" is already in use.");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().has("status")).isTrue();
    assertThat(badName.status()).isEqualTo(400);
    assertThat(badName.json().has("name")).isTrue();
    assertThat(badConfig.status()).isEqualTo(400);
    assertThat(badConfig.json().has("config.checkin_margin")).isTrue();
    assertThat(badConfig.json().has("config.timezone")).isTrue();
    assertThat(missing.status()).isEqualTo(404);
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void disable_refusesCheckIns_andTakesTheEnvironmentsOutOfTheDueIndex_enableExpectsTheNextSlotFromNow() {
    clock.set(Instant.parse("2026-03-06T10:00:00Z"));
    checkIn("pausable-job", "{\"status\":\"ok\"," + HOURLY + "}");
    String monitorId = stored("pausable-job").id();
    assertThat(environmentItems(monitorId)).singleElement().satisfies(i -> assertThat(i).containsKey("dueAt"));

    Response disabled = api("PUT", orgPath("/monitors/pausable-job/"), "{\"status\":\"disabled\"}");

    assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
    assertThat(disabled.json().get("status").asText()).isEqualTo("disabled");
    assertThat(environmentItems(monitorId)).singleElement().satisfies(i -> assertThat(i).doesNotContainKeys("dueAt", "dueShard"));
    Response refused = checkIn("pausable-job", "{\"status\":\"ok\"}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("detail").asText()).contains("disabled");

    clock.set(Instant.parse("2026-03-09T08:20:00Z"));
    Response enabled = api("PUT", orgPath("/monitors/pausable-job/"), "{\"status\":\"active\"}");

    assertThat(enabled.status()).isEqualTo(200);
    assertThat(environment(enabled.json(), "production").get("nextCheckIn").asText()).isEqualTo("2026-03-09T09:00:00Z");
    assertThat(environmentItems(monitorId)).singleElement().satisfies(i -> assertThat(i.get("dueAt").s()).isEqualTo("2026-03-09T09:01:00.000Z"));
  }

  @Test
  void mute_perMonitor_andPerEnvironment() {
    checkIn("noisy-job", "{\"status\":\"ok\",\"environment\":\"production\"," + HOURLY + "}");
    checkIn("noisy-job", "{\"status\":\"ok\",\"environment\":\"staging\"}");

    Response envMuted = api("PUT", orgPath("/monitors/noisy-job/environments/staging/"), "{\"isMuted\":true}");

    assertThat(envMuted.status()).as(envMuted.body()).isEqualTo(200);
    assertThat(environment(envMuted.json(), "staging").get("isMuted").asBoolean()).isTrue();
    assertThat(environment(envMuted.json(), "production").get("isMuted").asBoolean()).isFalse();

    Response monitorMuted = api("PUT", orgPath("/monitors/noisy-job/"), "{\"is_muted\":true}");

    assertThat(monitorMuted.json().get("isMuted").asBoolean()).isTrue();
    assertThat(environment(monitorMuted.json(), "production").get("isMuted").asBoolean()).isTrue();

    api("PUT", orgPath("/monitors/noisy-job/"), "{\"is_muted\":false}");
    Response unmuted = api("PUT", orgPath("/monitors/noisy-job/environments/staging/"), "{\"isMuted\":false}");
    assertThat(environment(unmuted.json(), "staging").get("isMuted").asBoolean()).isFalse();
  }

  @Test
  void muteEnvironment_refusesUnknownAndInvalidEnvironments_andMissingFlags() {
    checkIn("mute-errors-job", "{\"status\":\"ok\"," + HOURLY + "}");
    var before = tableItems();

    Response unknown = api("PUT", orgPath("/monitors/mute-errors-job/environments/nowhere/"), "{\"isMuted\":true}");
    Response invalid = api("PUT", orgPath("/monitors/mute-errors-job/environments/" + "e".repeat(65) + "/"), "{\"isMuted\":true}");
    Response control = api("PUT", orgPath("/monitors/mute-errors-job/environments/bad%07env/"), "{\"isMuted\":true}");
    Response noFlag = api("PUT", orgPath("/monitors/mute-errors-job/environments/production/"), "{}");
    Response wrongType = api("PUT", orgPath("/monitors/mute-errors-job/environments/production/"), "{\"isMuted\":\"yes\"}");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().has("environment")).isTrue();
    assertThat(control.status()).isEqualTo(400);
    assertThat(control.json().has("environment")).isTrue();
    assertThat(noFlag.status()).isEqualTo(400);
    assertThat(noFlag.json().has("isMuted")).isTrue();
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void delete_withEnvironment_removesOnlyThatEnvironment() {
    checkIn("two-env-job", "{\"status\":\"ok\",\"environment\":\"production\"," + HOURLY + "}");
    checkIn("two-env-job", "{\"status\":\"ok\",\"environment\":\"staging\"}");

    Response r = api("DELETE", orgPath("/monitors/two-env-job/?environment=staging"), null);

    assertThat(r.status()).isEqualTo(202);
    JsonNode m = monitor("two-env-job");
    assertThat(m.get("environments")).extracting(e -> e.get("name").asText()).containsExactly("production");
    assertThat(api("DELETE", orgPath("/monitors/two-env-job/?environment=staging"), null).status()).isEqualTo(404);
    assertThat(api("DELETE", orgPath("/monitors/two-env-job/environments/production/"), null).status()).isEqualTo(202);
    assertThat(monitor("two-env-job").get("environments")).isEmpty();
  }

  @Test
  void delete_removesTheMonitorAndItsEnvironments_leavingCheckInsToExpire() {
    checkIn("doomed-job", "{\"status\":\"ok\"," + HOURLY + "}");
    String monitorId = stored("doomed-job").id();

    Response r = api("DELETE", orgPath("/monitors/doomed-job/"), null);

    assertThat(r.status()).isEqualTo(202);
    assertThat(api("GET", orgPath("/monitors/doomed-job/"), null).status()).isEqualTo(404);
    assertThat(api("DELETE", orgPath("/monitors/doomed-job/"), null).status()).isEqualTo(404);
    assertThat(environmentItems(monitorId)).isEmpty();
    assertThat(tableItems()).filteredOn(i -> i.get("kind").s().equals("checkin") && i.get("monitorId").s().equals(monitorId))
        .singleElement().satisfies(i -> assertThat(i).containsKey("expiresAt"));
    // The slug is free again, for a new monitor with a new id and an empty history.
    assertThat(checkIn("doomed-job", "{\"status\":\"ok\"," + HOURLY + "}").status()).isEqualTo(201);
    assertThat(stored("doomed-job").id()).isNotEqualTo(monitorId);
    assertThat(api("GET", orgPath("/monitors/doomed-job/checkins/"), null).json()).hasSize(1);
  }

  @Test
  void incidents_listTheOpenOne_thenKeepItAsHistoryWhenItResolves() {
    clock.set(Instant.parse("2026-03-07T10:00:00Z"));
    checkIn("flaky-job", "{\"status\":\"error\"," + HOURLY + "}");
    clock.advance(Duration.ofMinutes(1));
    checkIn("flaky-job", "{\"status\":\"error\",\"environment\":\"staging\"}");

    JsonNode open = api("GET", orgPath("/monitors/flaky-job/incidents/"), null).json();

    assertThat(open).hasSize(2);
    assertThat(open).allSatisfy(i -> assertThat(i.get("status").asText()).isEqualTo("open"));
    assertThat(open.get(0).get("environment").asText()).isEqualTo("staging");
    assertThat(open.get(1).get("reason").asText()).isEqualTo("An error check-in was detected");

    clock.set(Instant.parse("2026-03-07T11:00:05Z"));
    checkIn("flaky-job", "{\"status\":\"ok\"}");
    JsonNode production = api("GET", orgPath("/monitors/flaky-job/incidents/?environment=production"), null).json();
    JsonNode all = api("GET", orgPath("/monitors/flaky-job/incidents/"), null).json();

    assertThat(production).singleElement().satisfies(i -> {
      assertThat(i.get("status").asText()).isEqualTo("resolved");
      assertThat(i.get("dateStarted").asText()).isEqualTo("2026-03-07T10:00:00Z");
      assertThat(i.get("dateResolved").asText()).isEqualTo("2026-03-07T11:00:05Z");
      assertThat(i.get("failures")).singleElement().satisfies(f -> assertThat(f.get("status").asText()).isEqualTo("error"));
    });
    assertThat(all).extracting(i -> i.get("status").asText()).containsExactly("open", "resolved");
  }

  @Test
  void checkInHistory_byTimeRange_andStatsPeriod() {
    clock.set(Instant.parse("2026-03-08T00:00:00Z"));
    for (int i = 0; i < 4; i++) {
      checkIn("ranged-job", "{\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"interval\",\"value\":1,\"unit\":\"hour\"}}}");
      clock.advance(Duration.ofHours(1));
    }

    JsonNode range = api("GET", orgPath("/monitors/ranged-job/checkins/?start=2026-03-08T01:00:00Z&end=2026-03-08T03:00:00Z"), null).json();
    JsonNode lastTwoHours = api("GET", orgPath("/monitors/ranged-job/checkins/?statsPeriod=2h"), null).json();
    Response both = api("GET", orgPath("/monitors/ranged-job/checkins/?statsPeriod=2h&start=2026-03-08T01:00:00Z"), null);
    Response badPeriod = api("GET", orgPath("/monitors/ranged-job/checkins/?statsPeriod=forever"), null);
    Response badStart = api("GET", orgPath("/monitors/ranged-job/checkins/?start=yesterday"), null);
    Response reversed = api("GET", orgPath("/monitors/ranged-job/checkins/?start=2026-03-08T03:00:00Z&end=2026-03-08T01:00:00Z"), null);

    assertThat(range).extracting(c -> c.get("dateCreated").asText()).containsExactly("2026-03-08T02:00:00Z", "2026-03-08T01:00:00Z");
    assertThat(lastTwoHours).extracting(c -> c.get("dateCreated").asText()).containsExactly("2026-03-08T03:00:00Z", "2026-03-08T02:00:00Z");
    assertThat(both.status()).isEqualTo(400);
    assertThat(badPeriod.json().has("statsPeriod")).isTrue();
    assertThat(badStart.json().has("start")).isTrue();
    assertThat(reversed.json().has("end")).isTrue();
  }

  @Test
  void aRefusedCheckIn_doesNotApplyItsMonitorConfig_either() {
    String id = checkIn("strict-job", "{\"status\":\"in_progress\",\"environment\":\"production\"," + HOURLY + "}").json().get("id").asText();
    checkIn("disabled-job", "{\"status\":\"ok\"," + HOURLY + "}");
    api("PUT", orgPath("/monitors/disabled-job/"), "{\"status\":\"disabled\"}");
    var before = tableItems();
    String daily = "\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"@daily\"},\"checkin_margin\":30}";

    Response otherEnvironment = api("PUT", orgPath("/monitors/strict-job/checkins/" + id + "/"), "{\"status\":\"ok\",\"environment\":\"staging\"," + daily + "}");
    Response disabled = checkIn("disabled-job", "{\"status\":\"ok\"," + daily + "}");
    Response newMonitorStolenId = checkIn("thief-job", "{\"status\":\"ok\",\"check_in_id\":\"" + id + "\"," + daily + "}");

    assertThat(otherEnvironment.status()).isEqualTo(400);
    assertThat(disabled.status()).isEqualTo(400);
    assertThat(newMonitorStolenId.status()).isEqualTo(400);
    assertThat(tableItems()).isEqualTo(before);
    assertThat(monitor("strict-job").get("config").get("schedule").asText()).isEqualTo("0 * * * *");
    assertThat(api("GET", orgPath("/monitors/thief-job/"), null).status()).isEqualTo(404);
  }

  @Test
  void list_filtersSortsAndPagesByOffset_keepingTheFiltersInTheNextLink() {
    clock.set(Instant.parse("2026-03-10T10:00:00Z"));
    checkIn("listed-ok", "{\"status\":\"ok\",\"environment\":\"listing\"," + HOURLY + "}");
    checkIn("listed-failing", "{\"status\":\"error\",\"environment\":\"listing\"," + HOURLY + "}");
    checkIn("listed-other-env", "{\"status\":\"error\",\"environment\":\"elsewhere\"," + HOURLY + "}");

    Response first = api("GET", orgPath("/monitors/?environment=listing&sort=status&per_page=1"), null);
    String link = first.headers().get("link").get(0);
    String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
    Response second = api("GET", next, null);
    Response byQuery = api("GET", orgPath("/monitors/?query=LISTED-&sort=name&asc=0"), null);
    Response badSort = api("GET", orgPath("/monitors/?sort=age"), null);
    Response badProject = api("GET", orgPath("/monitors/?project=nope"), null);

    assertThat(first.json()).extracting(m -> m.get("slug").asText()).containsExactly("listed-failing");
    assertThat(first.json().get(0).get("environments")).extracting(e -> e.get("name").asText()).containsExactly("listing");
    assertThat(next).contains("environment=listing").contains("sort=status").contains("cursor=");
    assertThat(second.json()).extracting(m -> m.get("slug").asText()).containsExactly("listed-ok");
    assertThat(second.headers().get("link").get(0)).contains("results=\"false\"");
    assertThat(byQuery.json()).extracting(m -> m.get("slug").asText()).containsExactly("listed-other-env", "listed-ok", "listed-failing");
    assertThat(badSort.json().has("sort")).isTrue();
    assertThat(badProject.json().has("project")).isTrue();
  }
}
