package dev.cronmon.local;

import static dev.cronmon.local.SentryWire.checkInJson;
import static dev.cronmon.local.SentryWire.envelope;
import static dev.cronmon.local.SentryWire.hourly;
import static dev.cronmon.local.SentryWire.sentryAuth;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Processing errors through the API (docs/semantics.md rules E1–E4), over real HTTP on the local stack: listed on
 * Sentry's paths in its shape, newest first, kept where Sentry keeps them, dismissed with DELETE.
 */
class ProcessingErrorsApiTest extends LocalStackTestBase {
  private int minute;

  @BeforeEach
  void aFreshMinute() {
    clock.set(Instant.parse("2026-03-05T10:00:00Z").plus(Duration.ofMinutes(minute++)));
  }

  private Response envelopeCheckIn(String checkIn) {
    return send(HttpRequest.newBuilder(URI.create(stack.baseUri() + "/api/" + stack.credentials().projectId() + "/envelope/"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(envelope("{}").checkIn(checkIn).bytes()))
        .header("X-Sentry-Auth", sentryAuth(stack.credentials().publicKey())).build());
  }

  private String projectErrors() {
    return "/api/0/projects/" + org + "/" + stack.credentials().projectId() + "/processing-errors/";
  }

  private List<String> ids(String path) {
    return eachOf(path, "id");
  }

  @Test
  void anUnknownMonitorsErrors_areTheProjects_newestFirst_inSentrysShape() {
    assertThat(envelopeCheckIn(checkInJson("ghost-a", "in_progress", null, null)).status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(5));
    assertThat(envelopeCheckIn(checkInJson("ghost-b", "ok", null, "\"duration\":1.5")).status()).isEqualTo(200);

    JsonNode listed = api("GET", projectErrors(), null).json();

    JsonNode newest = listed.get(0);
    assertThat(newest.get("id").asText()).matches("[0-9a-f]{32}");
    assertThat(newest.get("checkin").get("ts").asText()).isEqualTo(clock.instant().toString());
    assertThat(newest.get("checkin").get("source").asText()).isEqualTo("envelope");
    assertThat(newest.get("checkin").get("payload").get("monitor_slug").asText()).isEqualTo("ghost-b");
    assertThat(newest.get("checkin").get("payload").get("duration").asDouble()).isEqualTo(1.5);
    assertThat(newest.get("errors").get(0).get("type").asInt()).isEqualTo(11);
    assertThat(newest.get("errors").get(0).get("name").asText()).isEqualTo("MONITOR_NOT_FOUND");
    assertThat(newest.get("errors").get(0).get("detail").asText()).contains("ghost-b").contains("monitor_config");
    assertThat(listed.get(1).get("checkin").get("payload").get("monitor_slug").asText()).isEqualTo("ghost-a");
  }

  @Test
  void anExistingMonitorsErrors_areItsOwn_andDismissingWorksOnBothPaths() {
    assertThat(envelopeCheckIn(checkInJson("dismissed-job", "ok", null, hourly())).status()).isEqualTo(200);
    String monitorErrors = orgPath("/monitors/dismissed-job/processing-errors/");
    api("PUT", orgPath("/monitors/dismissed-job/"), "{\"status\":\"disabled\"}");
    envelopeCheckIn(checkInJson("dismissed-job", "ok", null, null));
    envelopeCheckIn(checkInJson("dismissed-job", "error", null, null));
    List<String> errors = ids(monitorErrors);
    assertThat(errors).hasSize(2);
    assertThat(ids(projectErrors())).doesNotContainAnyElementsOf(errors);
    JsonNode first = api("GET", monitorErrors, null).json().get(0);
    assertThat(first.get("errors").get(0).get("name").asText()).isEqualTo("MONITOR_DISABLED");

    assertThat(api("DELETE", monitorErrors + errors.get(0) + "/", null).status()).isEqualTo(204);
    assertThat(ids(monitorErrors)).containsExactly(errors.get(1));
    // The project's route finds an error of one of its monitors too (Sentry's dismiss path).
    assertThat(api("DELETE", projectErrors() + errors.get(1) + "/", null).status()).isEqualTo(204);
    assertThat(ids(monitorErrors)).isEmpty();
  }

  @Test
  void dismissing_anUnknownIdIs204AndChangesNothing_andAMalformedOneIs400() {
    envelopeCheckIn(checkInJson("ghost-kept", "ok", null, null));
    var before = tableItems();

    assertThat(api("DELETE", projectErrors() + "0123456789abcdef0123456789abcdef/", null).status()).isEqualTo(204);
    assertThat(api("DELETE", projectErrors() + "not-a-uuid/", null).status()).isEqualTo(400);
    assertThat(api("DELETE", "/api/0/projects/" + org + "/no-such-project/processing-errors/0123456789abcdef0123456789abcdef/", null).status())
        .isEqualTo(404);
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void aLongPayload_isKeptShort_asJsonWithSentrysFields() {
    String junk = "x".repeat(20_000);
    envelopeCheckIn("{\"monitor_slug\":\"ghost-long\",\"status\":\"ok\",\"environment\":\"" + "e".repeat(300) + "\",\"junk\":\"" + junk + "\"}");

    JsonNode payload = api("GET", projectErrors(), null).json().get(0).get("checkin").get("payload");

    assertThat(payload.get("monitor_slug").asText()).isEqualTo("ghost-long");
    assertThat(payload.get("status").asText()).isEqualTo("ok");
    assertThat(payload.has("junk")).isFalse();
    assertThat(payload.get("environment").asText()).hasSize(201).endsWith("…");
  }

  @Test
  void theOrgApi_answersItsError_andRecordsNothing() {
    var before = tableItems();

    Response r = api("POST", orgPath("/monitors/org-ghost/checkins/"), "{\"status\":\"ok\"}");

    assertThat(r.status()).isEqualTo(404);
    assertThat(tableItems()).isEqualTo(before);
  }
}
