package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The monitor routes of the manage function over real HTTP against the local stack. */
class ManageApiTest extends LocalStackTestBase {

  private static String cursor(Response r) {
    String link = r.headers().getOrDefault("link", List.of("")).get(0);
    Matcher m = Pattern.compile("cursor=\"([^\"]+)\"").matcher(link);
    return link.contains("results=\"true\"") && m.find() ? m.group(1) : null;
  }

  @Test
  void createMonitor_inSentrysShape_thenGetIt() {
    Response created = api("POST", orgPath("/monitors/"), """
        {"name":"Nightly Backup","config":{"schedule_type":"crontab","schedule":"30 2 * * *","timezone":"America/New_York",
         "checkin_margin":5,"max_runtime":60,"failure_issue_threshold":2,"recovery_threshold":3}}""");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("slug").asText()).isEqualTo("nightly-backup");
    JsonNode m = api("GET", orgPath("/monitors/nightly-backup/"), null).json();
    assertThat(m.get("name").asText()).isEqualTo("Nightly Backup");
    assertThat(m.get("status").asText()).isEqualTo("active");
    assertThat(m.get("isMuted").asBoolean()).isFalse();
    JsonNode config = m.get("config");
    assertThat(config.get("schedule_type").asText()).isEqualTo("crontab");
    assertThat(config.get("schedule").asText()).isEqualTo("30 2 * * *");
    assertThat(config.get("checkin_margin").asInt()).isEqualTo(5);
    assertThat(config.get("max_runtime").asInt()).isEqualTo(60);
    assertThat(config.get("failure_issue_threshold").asInt()).isEqualTo(2);
    assertThat(config.get("recovery_threshold").asInt()).isEqualTo(3);
    assertThat(m.get("environments")).isEmpty();
  }

  @Test
  void createMonitor_withIntervalSchedule() {
    Response created = api("POST", orgPath("/monitors/"), """
        {"name":"Every two hours","slug":"two-hourly","config":{"schedule_type":"interval","schedule":[2,"hour"]}}""");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("config").get("schedule")).hasSize(2);
    assertThat(created.json().get("config").get("schedule").get(1).asText()).isEqualTo("hour");
  }

  @Test
  void createMonitor_refusesBadFields_andATakenSlug() {
    api("POST", orgPath("/monitors/"), "{\"name\":\"Taken\",\"slug\":\"taken\",\"config\":{\"schedule_type\":\"crontab\",\"schedule\":\"@daily\"}}");
    var before = tableItems();

    Response bad = api("POST", orgPath("/monitors/"), "{\"name\":\"\",\"slug\":\"Bad Slug\",\"config\":{\"schedule_type\":\"crontab\",\"schedule\":\"* * *\"}}");
    Response taken = api("POST", orgPath("/monitors/"), "{\"name\":\"Taken\",\"slug\":\"taken\",\"config\":{\"schedule_type\":\"crontab\",\"schedule\":\"@daily\"}}");

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().has("name")).isTrue();
    assertThat(bad.json().has("slug")).isTrue();
    assertThat(bad.json().get("config.schedule").get(0).asText()).isEqualTo("Schedule is invalid");
    assertThat(taken.status()).isEqualTo(400);
    assertThat(taken.json().get("slug").get(0).asText()).isEqualTo("The slug \"taken\" is already in use.");
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void listMonitors_pagesWithACursor() {
    for (int i = 0; i < 5; i++) {
      api("POST", orgPath("/monitors/"), "{\"name\":\"Paged " + i + "\",\"config\":{\"schedule_type\":\"crontab\",\"schedule\":\"@hourly\"}}");
    }
    List<String> slugs = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Response page = api("GET", orgPath("/monitors/?per_page=2" + (cursor == null ? "" : "&cursor=" + cursor)), null);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.json().size()).isLessThanOrEqualTo(2);
      page.json().forEach(m -> slugs.add(m.get("slug").asText()));
      cursor = cursor(page);
      pages++;
    } while (cursor != null && pages < 50);

    assertThat(slugs).contains("paged-0", "paged-1", "paged-2", "paged-3", "paged-4").doesNotHaveDuplicates();
    assertThat(pages).isGreaterThanOrEqualTo(3);
  }

  @Test
  void checkInHistory_isNewestFirst_pagedAndFilteredByEnvironment() {
    String config = "\"monitor_config\":{\"schedule\":{\"type\":\"interval\",\"value\":1,\"unit\":\"hour\"}}";
    clock.set(Instant.parse("2026-04-01T00:00:00Z"));
    for (int i = 0; i < 5; i++) {
      String env = i % 2 == 0 ? "production" : "staging";
      api("POST", orgPath("/monitors/history-job/checkins/"), "{\"status\":\"ok\",\"environment\":\"" + env + "\"," + config + "}");
      clock.advance(Duration.ofMinutes(1));
    }

    List<String> times = new ArrayList<>();
    String cursor = null;
    do {
      Response page = api("GET", orgPath("/monitors/history-job/checkins/?per_page=2" + (cursor == null ? "" : "&cursor=" + cursor)), null);
      page.json().forEach(c -> times.add(c.get("dateCreated").asText()));
      cursor = cursor(page);
    } while (cursor != null);
    JsonNode staging = api("GET", orgPath("/monitors/history-job/checkins/?environment=staging"), null).json();

    assertThat(times).containsExactly("2026-04-01T00:04:00Z", "2026-04-01T00:03:00Z", "2026-04-01T00:02:00Z", "2026-04-01T00:01:00Z", "2026-04-01T00:00:00Z");
    assertThat(staging).hasSize(2);
    staging.forEach(c -> assertThat(c.get("environment").asText()).isEqualTo("staging"));
    JsonNode environments = api("GET", orgPath("/monitors/history-job/"), null).json().get("environments");
    assertThat(environments).hasSize(2);
  }

  @Test
  void schedulePreview_listsTheNextSlots_acrossADstChange() {
    Response r = api("GET", orgPath("/monitor-schedule-preview/?scheduleType=crontab&cronSchedule=30%202%20*%20*%20*"
        + "&timezone=America/New_York&from=2026-03-07T12:00:00Z&numTicks=3"), null);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    // 2026-03-08 is spring-forward in New York: 02:30 does not exist, the job fires right after the jump (03:00 EDT).
    assertThat(r.json()).extracting(JsonNode::asText)
        .containsExactly("2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z", "2026-03-10T06:30:00Z");
  }

  @Test
  void schedulePreview_refusesBadSchedules() {
    Response r = api("GET", orgPath("/monitor-schedule-preview/?scheduleType=crontab&cronSchedule=0%200%20*%20*%20*%20*"), null);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("schedule").get(0).asText()).isEqualTo("Only 5 field crontab syntax is supported");
  }

  @Test
  void unknownMonitor_is404() {
    assertThat(api("GET", orgPath("/monitors/does-not-exist/"), null).status()).isEqualTo(404);
  }
}
