package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import dev.cronmon.domain.time.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/semantics.md rule U4 end to end: the local stack with a data directory is stopped, its clock moves on two
 * hours, and a new stack starts on the same directory, which recorded the last completed tick; check-ins over HTTP, the template's sweeper run by hand, incident
 * events through the in-process bus to the topic.
 */
class LocalStackDowntimeTest {
  private static final String HOURLY = "\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"},\"checkin_margin\":1}";
  private final MutableClock clock = MutableClock.at("2026-03-02T10:00:05Z");
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<SNSEvent> delivered = new CopyOnWriteArrayList<>();

  @Test
  void restartAfterTwoHoursDown_marksTheSlotsOfTheDowntimeUnknown_pagesNoOne_andAJobDeadAfterwardsStillPages(@TempDir Path dir)
      throws Exception {
    // GIVEN two hourly jobs that checked in at 10:00:05, and a sweep tick at 10:30 that completed (the data directory
    // records it)
    try (LocalStack before = start(dir)) {
      checkIn(before, "job-a", "{\"status\":\"ok\"," + HOURLY + "}");
      checkIn(before, "job-b", "{\"status\":\"ok\"," + HOURLY + "}");
      clock.set(Instant.parse("2026-03-02T10:30:00Z"));
      before.sweep();
    }

    // WHEN the machine is down until 12:35, the stack restarts on the same data, job-b checks in before the first
    // tick, and the first tick runs
    clock.set(Instant.parse("2026-03-02T12:35:00Z"));
    try (LocalStack after = start(dir)) {
      assertThat(after.lastCompletedSweep()).contains(Instant.parse("2026-03-02T10:30:00Z"));
      checkIn(after, "job-b", "{\"status\":\"ok\"}");
      after.sweep();

      // THEN the 11:00 and 12:00 slots of both are unknown, dated at their slots; no incident, nothing delivered
      for (String slug : List.of("job-a", "job-b")) {
        List<String> unknown = new ArrayList<>();
        for (JsonNode c : get(after, "/monitors/" + slug + "/checkins/")) {
          if (c.get("status").asText().equals("unknown")) unknown.add(c.get("expectedTime").asText());
        }
        assertThat(unknown).as(slug).containsExactlyInAnyOrder("2026-03-02T11:00:00Z", "2026-03-02T12:00:00Z");
        assertThat(get(after, "/monitors/" + slug + "/").get("environments").get(0).get("activeIncident").isNull()).isTrue();
      }
      assertThat(delivered).isEmpty();

      // WHEN job-b runs at 13:00 and job-a stays silent after the restart too
      clock.set(Instant.parse("2026-03-02T13:00:05Z"));
      checkIn(after, "job-b", "{\"status\":\"ok\"}");
      clock.set(Instant.parse("2026-03-02T13:01:00Z"));
      after.sweep();

      // THEN its 13:00 slot is missed and pages as usual
      assertThat(get(after, "/monitors/job-a/checkins/").get(0).get("status").asText()).isEqualTo("missed");
      assertThat(delivered).singleElement().satisfies(e -> assertThat(e.getRecords().get(0).getSNS().getMessage()).contains("job-a"));
    }
  }

  private LocalStack start(Path dir) {
    LocalStack stack = LocalStack.start(new LocalStack.Options(0, dir, null, clock, Map.of()));
    stack.subscribe(delivered::add);
    return stack;
  }

  private void checkIn(LocalStack stack, String slug, String body) throws Exception {
    assertThat(send(stack, "POST", "/monitors/" + slug + "/checkins/", body).statusCode()).isEqualTo(201);
  }

  private JsonNode get(LocalStack stack, String path) throws Exception {
    return Json.parse(send(stack, "GET", path, null).body().getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(LocalStack stack, String method, String path, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(stack.baseUri() + "/api/0/organizations/"
            + stack.credentials().organization() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Authorization", "Bearer " + stack.credentials().token()).header("Content-Type", "application/json").build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
