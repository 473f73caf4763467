package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Local integration layer: healthchecks' pinging API on the local stack, with the requests of healthchecks' docs
 * (https://healthchecks.io/docs/http_api/) as curl sends them: every endpoint by HEAD, GET and POST, by ping UUID and
 * by ping key and slug, run ids, auto-provisioning, and the refusals (docs/semantics.md rules C10–C14, P1–P3).
 */
class PingEndpointTest extends LocalStackTestBase {
  private static final AtomicInteger MONITORS = new AtomicInteger();

  /** A new hourly monitor through the API; its JSON (with {@code ping}). */
  private JsonNode newMonitor(String extraConfig) {
    String slug = "ping-job-" + MONITORS.incrementAndGet();
    Response r = api("POST", orgPath("/monitors/"), "{\"name\":\"" + slug + "\",\"project\":\"" + stack.credentials().projectId()
        + "\",\"config\":{\"schedule_type\":\"crontab\",\"schedule\":\"0 * * * *\"" + extraConfig + "}}");
    assertThat(r.status()).isEqualTo(201);
    return r.json();
  }

  private String pingPath(JsonNode monitor) {
    return "/ping/" + monitor.get("ping").get("id").asText();
  }

  private String pingKey() {
    Response r = api("GET", "/api/0/projects/" + org + "/" + stack.credentials().projectId() + "/ping-keys/", null);
    assertThat(r.status()).isEqualTo(200);
    return r.json().get(0).get("key").asText();
  }

  /** A ping as curl sends it: POST with the body as {@code --data-raw} does, else no body. */
  private Response ping(String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.baseUri() + path)).header("User-Agent", "curl/8.5.0");
    if (body != null) b.header("Content-Type", "application/x-www-form-urlencoded");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return send(b.build());
  }

  private JsonNode history(String slug) {
    Response r = api("GET", orgPath("/monitors/" + slug + "/checkins/"), null);
    assertThat(r.status()).isEqualTo(200);
    return r.json();
  }

  private static void assertOk(Response r, String method) {
    assertThat(r.status()).as(method).isEqualTo(200);
    assertThat(r.body()).isEqualTo(method.equals("HEAD") ? "" : "OK");
    assertThat(r.headers().get("content-type")).containsExactly("text/plain; charset=utf-8");
    assertThat(r.headers().get("ping-body-limit")).containsExactly("10000");
    assertThat(r.headers().get("access-control-allow-origin")).containsExactly("*");
  }

  @ParameterizedTest(name = "{0} /ping/<uuid>{1}")
  @CsvSource({
      "HEAD, '', ok, , ", "GET, '', ok, , ", "POST, '', ok, , ",
      "HEAD, /start, in_progress, , ", "GET, /start, in_progress, , ", "POST, /start, in_progress, , ",
      "HEAD, /fail, error, , the job reported a failure (/fail)", "GET, /fail, error, , the job reported a failure (/fail)",
      "POST, /fail, error, , the job reported a failure (/fail)",
      "HEAD, /0, ok, 0, ", "GET, /0, ok, 0, ", "POST, /0, ok, 0, ",
      "HEAD, /1, error, 1, exited with status 1", "GET, /42, error, 42, exited with status 42", "POST, /255, error, 255, exited with status 255",
      "HEAD, /log, log, , ", "GET, /log, log, , ", "POST, /log, log, , "})
  void everyEndpoint_byUuid_withEachMethod_isAnsweredOk_andRecordedAsItsSignal(String method, String suffix, String status,
                                                                              Integer exitStatus, String reason) {
    JsonNode monitor = newMonitor("");

    Response r = ping(method, pingPath(monitor) + suffix, method.equals("POST") ? "hello from " + method : null);

    assertOk(r, method);
    JsonNode checkIn = history(monitor.get("slug").asText()).get(0);
    assertThat(checkIn.get("status").asText()).isEqualTo(status);
    assertThat(checkIn.get("exitStatus").isNull() ? null : checkIn.get("exitStatus").asInt()).isEqualTo(exitStatus);
    assertThat(checkIn.get("reason").isNull() ? null : checkIn.get("reason").asText()).isEqualTo(reason);
    assertThat(checkIn.get("hasOutput").asBoolean()).isEqualTo(method.equals("POST"));
  }

  @ParameterizedTest(name = "{0} /ping/<ping-key>/<slug>{1}")
  @CsvSource({
      "HEAD, '', ok", "GET, '', ok", "POST, '', ok",
      "HEAD, /start, in_progress", "GET, /start, in_progress", "POST, /start, in_progress",
      "HEAD, /fail, error", "GET, /fail, error", "POST, /fail, error",
      "HEAD, /0, ok", "GET, /7, error", "POST, /3, error",
      "HEAD, /log, log", "GET, /log, log", "POST, /log, log"})
  void everyEndpoint_byPingKeyAndSlug_withEachMethod_isAnsweredOk_andRecordedAsItsSignal(String method, String suffix, String status) {
    String slug = newMonitor("").get("slug").asText();

    Response r = ping(method, "/ping/" + pingKey() + "/" + slug + suffix, method.equals("POST") ? "output" : null);

    assertOk(r, method);
    assertThat(history(slug).get(0).get("status").asText()).isEqualTo(status);
  }

  @Test
  void startThenSuccess_isOneRunWithItsDuration_andRidPairsThemLikeACheckInId() {
    JsonNode monitor = newMonitor("");
    String slug = monitor.get("slug").asText();
    String rid = UUID.randomUUID().toString();

    ping("GET", pingPath(monitor) + "/start?rid=" + rid, null);
    clock.advance(Duration.ofSeconds(90));
    Response end = ping("GET", pingPath(monitor) + "?rid=" + rid, null);

    assertOk(end, "GET");
    JsonNode run = history(slug).get(0);
    assertThat(history(slug)).hasSize(1);
    assertThat(run.get("id").asText()).isEqualTo(rid);
    assertThat(run.get("status").asText()).isEqualTo("ok");
    assertThat(run.get("duration").asLong()).isEqualTo(90_000);
  }

  @Test
  void aStartWithoutRid_replacesTheRunAStartWithoutRidLeftOpen_supersededNotTimedOut() {
    JsonNode monitor = newMonitor("");
    String slug = monitor.get("slug").asText();

    ping("GET", pingPath(monitor) + "/start", null);
    clock.advance(Duration.ofMinutes(10));
    ping("GET", pingPath(monitor) + "/start", null);
    clock.advance(Duration.ofMinutes(1));
    ping("GET", pingPath(monitor), null);
    clock.advance(Duration.ofHours(2));
    stack.sweep();

    JsonNode runs = history(slug);
    JsonNode second = runs.get(runs.size() - 2);
    JsonNode first = runs.get(runs.size() - 1);
    assertThat(second.get("status").asText()).isEqualTo("ok");
    assertThat(second.get("duration").asLong()).isEqualTo(60_000);
    assertThat(first.get("status").asText()).as("never timed out").isEqualTo("in_progress");
    assertThat(first.get("reason").asText()).isEqualTo("superseded by a later start");
    assertThat(runs.findValuesAsText("status")).doesNotContain("timeout");
  }

  @Test
  void create1_provisionsTheMonitorWithHealthchecksDefaults_answering201Created_thenOk() {
    String key = pingKey();
    String slug = "auto-" + UUID.randomUUID().toString().substring(0, 8);

    Response created = ping("POST", "/ping/" + key + "/" + slug + "?create=1", "first run");
    Response again = ping("GET", "/ping/" + key + "/" + slug + "?create=1", null);

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body()).isEqualTo("Created");
    assertOk(again, "GET");
    JsonNode m = api("GET", orgPath("/monitors/" + slug + "/"), null).json();
    assertThat(m.get("name").asText()).isEqualTo(slug);
    assertThat(m.get("project").get("id").asText()).isEqualTo(stack.credentials().projectId());
    assertThat(m.get("config").get("schedule_type").asText()).isEqualTo("interval");
    assertThat(m.get("config").get("schedule")).hasToString("[1,\"day\"]");
    assertThat(m.get("config").get("checkin_margin").asInt()).isEqualTo(60);
    assertThat(history(slug)).hasSize(2);
  }

  @Test
  void unknownUuid_unknownKey_unknownSlug_areNotFound_andWriteNothing() {
    JsonNode monitor = newMonitor("");
    String key = pingKey();
    List<?> before = tableItems();

    List<String> paths = List.of("/ping/" + UUID.randomUUID(), "/ping/" + UUID.randomUUID() + "/start",
        "/ping/not-a-key-at-all/" + monitor.get("slug").asText(), "/ping/" + key + "/no-such-job",
        "/ping/" + key + "/no-such-job/fail", "/ping/" + monitor.get("id").asText(), "/ping/" + UUID.randomUUID() + "/stop",
        "/ping/" + UUID.randomUUID() + "/-1", "/ping/not-a-uuid");
    for (String path : paths) {
      for (String method : List.of("GET", "POST", "HEAD")) {
        Response r = ping(method, path, method.equals("POST") ? "x" : null);
        assertThat(r.status()).as(method + " " + path).isEqualTo(404);
        assertThat(r.body()).isEqualTo(method.equals("HEAD") ? "" : "not found");
      }
    }

    assertThat(ping("GET", "/ping/a/b/c/d", null).status()).as("no route: the gateway's own 404").isEqualTo(404);
    assertThat(tableItems()).as("the monitor's own id is no ping address; nothing was written").isEqualTo(before);
  }

  @Test
  void badExitStatus_badRid_capitalSlug_areRefusedWith400_andWriteNothing() {
    JsonNode monitor = newMonitor("");
    String slug = monitor.get("slug").asText();
    List<?> before = tableItems();

    Response tooHigh = ping("GET", pingPath(monitor) + "/256", null);
    Response bySlugTooHigh = ping("GET", "/ping/" + pingKey() + "/" + slug + "/1000", null);
    Response badRid = ping("POST", pingPath(monitor) + "?rid=not-a-uuid", "x");
    Response capitals = ping("GET", "/ping/" + pingKey() + "/" + slug.toUpperCase() + "?create=1", null);

    assertThat(tooHigh.status()).isEqualTo(400);
    assertThat(tooHigh.body()).isEqualTo("invalid url format");
    assertThat(bySlugTooHigh.body()).isEqualTo("invalid url format");
    assertThat(badRid.status()).isEqualTo(400);
    assertThat(badRid.body()).isEqualTo("invalid uuid format");
    assertThat(capitals.status()).isEqualTo(400);
    assertThat(capitals.body()).isEqualTo("invalid url format");
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void pastTheRateLimit_pingsAre429RateLimited_withRetryAfter() {
    JsonNode monitor = newMonitor("");
    clock.set(Instant.parse("2026-03-03T10:00:00Z"));
    for (int i = 0; i < 60; i++) assertThat(ping("GET", pingPath(monitor), null).status()).isEqualTo(200);

    Response limited = ping("GET", pingPath(monitor), null);

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.body()).isEqualTo("rate limited");
    assertThat(limited.headers().get("retry-after")).containsExactly("60");
  }

  @Test
  void aLargeBody_keepsItsFirstAndLastHalf_andOver1MiBIs413() {
    JsonNode monitor = newMonitor("");
    String slug = monitor.get("slug").asText();
    String body = "first line\n" + "x".repeat(50_000) + "\nthe error at the end\n";

    assertOk(ping("POST", pingPath(monitor) + "/1", body), "POST");
    Response tooBig = ping("POST", pingPath(monitor), "y".repeat((1 << 20) + 1));

    JsonNode checkIn = history(slug).get(0);
    assertThat(checkIn.get("outputSize").asLong()).isEqualTo(body.length());
    assertThat(checkIn.get("outputTruncated").asBoolean()).isTrue();
    JsonNode output = api("GET", orgPath("/monitors/" + slug + "/checkins/" + checkIn.get("id").asText() + "/output/"), null).json();
    assertThat(output.get("truncated").asBoolean()).isTrue();
    assertThat(output.get("output").asText()).startsWith("first line\nxxx").contains(" bytes of output not kept …]\n")
        .endsWith("x\nthe error at the end\n");
    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(history(slug)).hasSize(1);
  }

  @Test
  void binaryOutput_isStored_andShownEscaped() {
    JsonNode monitor = newMonitor("");
    String slug = monitor.get("slug").asText();
    byte[] binary = {'o', 'k', 0, (byte) 0xff, '<', 'b', '>', 0x1b, '\n'};

    Response r = send(HttpRequest.newBuilder(URI.create(stack.baseUri() + pingPath(monitor) + "/fail"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(binary)).header("Content-Type", "application/octet-stream").build());

    assertThat(r.status()).isEqualTo(200);
    String id = history(slug).get(0).get("id").asText();
    JsonNode output = api("GET", orgPath("/monitors/" + slug + "/checkins/" + id + "/output/"), null).json();
    assertThat(output.get("output").asText()).isEqualTo("ok\\x00\\xff<b>\\x1b\n");
    assertThat(output.get("size").asInt()).isEqualTo(binary.length);
  }

  @Test
  void aRotatedPingUuid_andARotatedPingKey_stopWorkingAtOnce() {
    JsonNode monitor = newMonitor("");
    String oldPath = pingPath(monitor);
    String slug = monitor.get("slug").asText();
    String oldKey = pingKey();

    JsonNode rotated = api("POST", orgPath("/monitors/" + slug + "/rotate-ping-url/"), null).json();
    Response newKey = api("POST", "/api/0/projects/" + org + "/" + stack.credentials().projectId() + "/ping-keys/", null);

    assertThat(ping("GET", oldPath, null).status()).isEqualTo(404);
    assertOk(ping("GET", pingPath(rotated), null), "GET");
    assertThat(rotated.get("ping").get("url").asText()).isEqualTo(stack.baseUri() + pingPath(rotated));
    assertThat(newKey.status()).isEqualTo(201);
    assertThat(ping("GET", "/ping/" + oldKey + "/" + slug, null).status()).isEqualTo(404);
    assertOk(ping("GET", "/ping/" + newKey.json().get("key").asText() + "/" + slug, null), "GET");
    assertThat(pingKey()).isEqualTo(newKey.json().get("key").asText());
  }

  @Test
  void aSlugOfAnotherProject_isNotFound_andWithCreate1_aConflict() {
    String otherProject = api("POST", orgPath("/projects/"), "{\"name\":\"Other " + UUID.randomUUID() + "\"}").json().get("id").asText();
    Response otherKeys = api("GET", "/api/0/projects/" + org + "/" + otherProject + "/ping-keys/", null);
    String otherKey = otherKeys.json().get(0).get("key").asText();
    String slug = newMonitor("").get("slug").asText();

    assertThat(ping("GET", "/ping/" + otherKey + "/" + slug, null).status()).isEqualTo(404);
    Response conflict = ping("GET", "/ping/" + otherKey + "/" + slug + "?create=1", null);
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.body()).isEqualTo("slug in use by another project");
  }

  @Test
  void aRunShorterThanMinRuntime_isAnErrorWithItsReason_andOpensAnIncident() {
    JsonNode monitor = newMonitor(",\"min_runtime\":60");
    String slug = monitor.get("slug").asText();
    assertThat(monitor.get("config").get("min_runtime").asInt()).isEqualTo(60);

    ping("GET", pingPath(monitor) + "/start", null);
    clock.advance(Duration.ofSeconds(2));
    assertOk(ping("GET", pingPath(monitor) + "/0", null), "GET");

    JsonNode run = history(slug).get(0);
    assertThat(run.get("status").asText()).isEqualTo("error");
    assertThat(run.get("exitStatus").asInt()).isEqualTo(0);
    assertThat(run.get("reason").asText()).isEqualTo("finished in 2 s, minimum 60 s");
    JsonNode env = api("GET", orgPath("/monitors/" + slug + "/"), null).json().get("environments").get(0);
    assertThat(env.get("status").asText()).isEqualTo("error");
    assertThat(env.get("activeIncident").isNull()).isFalse();
  }

  @Test
  void aLogPing_isANoteInTheHistory_thatChangesNoState() {
    JsonNode monitor = newMonitor("");
    String slug = monitor.get("slug").asText();
    ping("GET", pingPath(monitor), null);
    JsonNode before = api("GET", orgPath("/monitors/" + slug + "/"), null).json().get("environments");
    clock.advance(Duration.ofSeconds(5));

    assertOk(ping("POST", pingPath(monitor) + "/log", "disk 91% full"), "POST");

    JsonNode note = history(slug).get(0);
    assertThat(note.get("status").asText()).isEqualTo("log");
    JsonNode output = api("GET", orgPath("/monitors/" + slug + "/checkins/" + note.get("id").asText() + "/output/"), null).json();
    assertThat(output.get("output").asText()).isEqualTo("disk 91% full");
    assertThat(api("GET", orgPath("/monitors/" + slug + "/"), null).json().get("environments")).isEqualTo(before);
  }

  @Test
  void theOrgApi_takesOutputInItsJson_andTheHistoryShowsItsSize() {
    String slug = newMonitor("").get("slug").asText();

    Response r = api("POST", orgPath("/monitors/" + slug + "/checkins/"), "{\"status\":\"error\",\"output\":\"Traceback: <boom>\"}");

    String id = r.json().get("id").asText();
    JsonNode checkIn = history(slug).get(0);
    assertThat(checkIn.get("hasOutput").asBoolean()).isTrue();
    assertThat(checkIn.get("outputSize").asInt()).isEqualTo("Traceback: <boom>".getBytes(StandardCharsets.UTF_8).length);
    assertThat(api("GET", orgPath("/monitors/" + slug + "/checkins/" + id + "/output/"), null).json().get("output").asText())
        .isEqualTo("Traceback: <boom>");
    assertThat(api("GET", orgPath("/monitors/" + slug + "/checkins/" + UUID.randomUUID() + "/output/"), null).status()).isEqualTo(404);
  }
}
