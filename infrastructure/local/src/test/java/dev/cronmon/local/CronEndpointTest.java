package dev.cronmon.local;

import static dev.cronmon.local.SentryWire.basicAuth;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.domain.processing.ProcessingErrorType;
import dev.cronmon.domain.tenant.DsnKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * `GET|POST /api/{project_id}/cron/{monitor_slug}/{sentry_key}/` and `…/cron/{monitor_slug}/` with Basic auth, over
 * real HTTP: the curl one-liners of Sentry's docs, in query and JSON form.
 */
class CronEndpointTest extends LocalStackTestBase {

  @BeforeEach
  void atHalfPast() {
    clock.set(Instant.parse("2026-03-02T10:30:00Z"));
  }

  private String withKey(String slug) {
    return "/api/" + stack.credentials().projectId() + "/cron/" + slug + "/" + stack.credentials().publicKey() + "/";
  }

  private String withoutKey(String slug) {
    return "/api/" + stack.credentials().projectId() + "/cron/" + slug + "/";
  }

  private void createHourly(String slug) {
    Response r = api("POST", orgPath("/monitors/" + slug + "/checkins/"),
        "{\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"}}}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    clock.advance(Duration.ofMinutes(1));
  }

  private JsonNode checkIns(String slug) {
    Response r = api("GET", orgPath("/monitors/" + slug + "/checkins/"), null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @ParameterizedTest(name = "{0} with the key {1}")
  @CsvSource({"GET,in the path", "POST,in the path", "GET,as Basic auth", "POST,as Basic auth"})
  void queryForm_inProgressThenOk_closesTheRun_andAnswers202(String method, String auth) {
    String slug = ("query-" + method + "-" + auth.replace(' ', '-')).toLowerCase();
    createHourly(slug);
    boolean basic = auth.contains("Basic");
    String base = basic ? withoutKey(slug) : withKey(slug);
    String[] headers = basic ? new String[] {"Authorization", basicAuth(stack.credentials().publicKey())} : new String[0];
    String id = UUID.randomUUID().toString();

    Response start = send(method, base + "?status=in_progress&check_in_id=" + id.replace("-", ""), null, headers);
    clock.advance(Duration.ofSeconds(90));
    Response end = send(method, base + "?status=ok&check_in_id=" + id + "&duration=61.5", null, headers);

    assertThat(start.status()).as(start.body()).isEqualTo(202);
    assertThat(end.status()).as(end.body()).isEqualTo(202);
    assertThat(start.json().get("id").asText()).isEqualTo(id);
    JsonNode latest = checkIns(slug).get(0);
    assertThat(latest.get("id").asText()).isEqualTo(id);
    assertThat(latest.get("status").asText()).isEqualTo("ok");
    assertThat(latest.get("duration").asLong()).isEqualTo(61_500);
  }

  @Test
  void jsonForm_withMonitorConfig_createsTheMonitor_andThePathNamesIt() {
    String body = "{\"monitor_slug\":\"ignored-slug\",\"status\":\"error\",\"environment\":\"staging\",\"duration\":3,"
        + "\"monitor_config\":{\"schedule\":{\"type\":\"interval\",\"value\":30,\"unit\":\"minute\"},\"checkin_margin\":3}}";

    Response r = send("POST", withKey("Json%20Job"), body, "Content-Type", "application/json");

    assertThat(r.status()).as(r.body()).isEqualTo(202);
    Response m = api("GET", orgPath("/monitors/json-job/"), null);
    assertThat(m.status()).isEqualTo(200);
    assertThat(m.json().get("config").get("schedule").toString()).isEqualTo("[30,\"minute\"]");
    assertThat(m.json().get("environments").get(0).get("name").asText()).isEqualTo("staging");
    assertThat(m.json().get("environments").get(0).get("status").asText()).isEqualTo("error");
    assertThat(checkIns("json-job").get(0).get("duration").asLong()).isEqualTo(3_000);
    assertThat(api("GET", orgPath("/monitors/ignored-slug/"), null).status()).isEqualTo(404);
  }

  @Test
  void jsonForm_withBasicAuth_isAccepted() {
    createHourly("json-basic-job");

    Response r = send("POST", withoutKey("json-basic-job"), "{\"status\":\"ok\"}",
        "Content-Type", "application/json; charset=utf-8", "Authorization", basicAuth(stack.credentials().publicKey()));

    assertThat(r.status()).as(r.body()).isEqualTo(202);
    assertThat(checkIns("json-basic-job")).hasSize(2);
  }

  @Test
  void requestsThatAreNoCheckIn_getA4xx_andWriteNothing() {
    createHourly("cron-refused");
    DsnKey foreign = SentryWire.keyOfAnotherProject(stack.services().store(), clock, org);
    var before = tableItems();

    Response noKey = send("GET", withoutKey("cron-refused") + "?status=ok", null);
    Response unknownKey = send("GET", "/api/" + stack.credentials().projectId() + "/cron/cron-refused/ffffffffffffffffffffffffffffffff/?status=ok", null);
    Response otherProject = send("GET", "/api/" + stack.credentials().projectId() + "/cron/cron-refused/" + foreign.publicKey() + "/?status=ok", null);
    Response badBasic = send("GET", withoutKey("cron-refused") + "?status=ok", null, "Authorization", "Basic !!!not-base64");
    Response badJson = send("POST", withKey("cron-refused"), "{\"status\":", "Content-Type", "application/json");
    Response bigJson = send("POST", withKey("cron-refused"), "{\"status\":\"ok\",\"release\":\"" + "r".repeat(101 * 1024) + "\"}",
        "Content-Type", "application/json");

    assertThat(List.of(noKey.status(), unknownKey.status(), otherProject.status(), badBasic.status()))
        .containsExactly(401, 401, 403, 401);
    assertThat(badJson.status()).isEqualTo(400);
    assertThat(bigJson.status()).isEqualTo(413);
    assertThat(tableItems()).isEqualTo(before);
  }

  /** Each refused check-in: 202 as Relay answers, and its processing error is all that is written (rule E1). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedCheckIns")
  void refusedCheckIns_get202_andOnlyTheirProcessingErrorIsWritten(String what, String method, String slug, String query, String body,
                                                                   ProcessingErrorType type) {
    createHourly("cron-refused-" + what);
    clock.advance(Duration.ofMinutes(1));
    var before = tableItems();

    String path = withKey(slug.replace("{what}", what)) + query;
    Response r = body == null ? send(method, path, null) : send(method, path, body, "Content-Type", "application/json");

    assertThat(r.status()).as(r.body()).isEqualTo(202);
    assertOnlyAProcessingErrorWritten(before, type);
  }

  static Stream<Arguments> refusedCheckIns() {
    return Stream.of(
        Arguments.of("no-status", "GET", "cron-refused-{what}", "", null, ProcessingErrorType.CHECKIN_VALIDATION_FAILED),
        Arguments.of("client-missed", "GET", "cron-refused-{what}", "?status=missed", null, ProcessingErrorType.CHECKIN_VALIDATION_FAILED),
        Arguments.of("bad-id", "GET", "cron-refused-{what}", "?status=ok&check_in_id=1-2-3-4-5", null, ProcessingErrorType.CHECKIN_INVALID_GUID),
        Arguments.of("bad-duration", "GET", "cron-refused-{what}", "?status=ok&duration=soon", null, ProcessingErrorType.CHECKIN_INVALID_DURATION),
        Arguments.of("negative-duration", "GET", "cron-refused-{what}", "?status=ok&duration=-1", null, ProcessingErrorType.CHECKIN_INVALID_DURATION),
        Arguments.of("bad-environment", "GET", "cron-refused-{what}", "?status=ok&environment=a%23b", null, ProcessingErrorType.MONITOR_INVALID_ENVIRONMENT),
        Arguments.of("status-not-a-string", "POST", "cron-refused-{what}", "", "{\"status\":1}", ProcessingErrorType.CHECKIN_VALIDATION_FAILED),
        Arguments.of("six-fields", "POST", "new-cron-{what}", "",
            "{\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"* * * * * *\"}}}",
            ProcessingErrorType.MONITOR_INVALID_CONFIG),
        Arguments.of("bad-owner", "POST", "new-cron-{what}", "",
            "{\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"@daily\"},\"owner\":\"nobody\"}}",
            ProcessingErrorType.MONITOR_INVALID_OWNER),
        Arguments.of("unknown-monitor", "GET", "no-such-cron-{what}", "?status=ok", null, ProcessingErrorType.MONITOR_NOT_FOUND));
  }
}
