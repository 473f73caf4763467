package dev.cronmon.local;

import static dev.cronmon.local.SentryWire.checkInJson;
import static dev.cronmon.local.SentryWire.envelope;
import static dev.cronmon.local.SentryWire.hourly;
import static dev.cronmon.local.SentryWire.sentryAuth;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import dev.cronmon.domain.processing.ProcessingErrorType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.BeforeEach;

/** The three check-in paths behind one method, so a rule can be tested on each of them over real HTTP. */
abstract class EveryCheckInPathTestBase extends LocalStackTestBase {
  static final String NIL = "00000000000000000000000000000000";

  enum Path { ORG_API, ENVELOPE, CRON }

  @BeforeEach
  void atNine() {
    clock.set(Instant.parse("2026-03-03T09:00:00Z"));
  }

  /** One check-in on {@code path} with our project's key (the org API with the admin token); null id = none sent. */
  Response checkIn(Path path, String slug, String status, String id, String environment) {
    return checkIn(path, slug, status, id, environment, null);
  }

  /** As above, with a `monitor_config` JSON object (SDK form), or null for none. */
  Response checkIn(Path path, String slug, String status, String id, String environment, String monitorConfig) {
    String env = environment == null ? "" : environment;
    String config = monitorConfig == null ? "" : "\"monitor_config\":" + monitorConfig;
    String slugInPath = URLEncoder.encode(slug, StandardCharsets.UTF_8).replace("+", "%20");
    return switch (path) {
      case ORG_API -> status.equals("in_progress") || id == null
          ? api("POST", orgPath("/monitors/" + slugInPath + "/checkins/"), "{\"status\":\"" + status + "\""
              + (id == null ? "" : ",\"check_in_id\":\"" + id + "\"") + (env.isEmpty() ? "" : ",\"environment\":\"" + env + "\"")
              + (config.isEmpty() ? "" : "," + config) + "}")
          : api("PUT", orgPath("/monitors/" + slugInPath + "/checkins/" + id + "/"),
              "{\"status\":\"" + status + "\"" + (env.isEmpty() ? "" : ",\"environment\":\"" + env + "\"")
              + (config.isEmpty() ? "" : "," + config) + "}");
      case ENVELOPE -> send(HttpRequest.newBuilder(URI.create(stack.baseUri() + "/api/" + stack.credentials().projectId() + "/envelope/"))
          .POST(HttpRequest.BodyPublishers.ofByteArray(envelope("{}")
              .checkIn(checkInJson(slug, status, id, joined(env.isEmpty() ? "" : "\"environment\":\"" + env + "\"", config))).bytes()))
          .header("X-Sentry-Auth", sentryAuth(stack.credentials().publicKey())).build());
      case CRON -> config.isEmpty()
          ? send("GET", "/api/" + stack.credentials().projectId() + "/cron/" + slugInPath + "/" + stack.credentials().publicKey()
              + "/?status=" + status + (id == null ? "" : "&check_in_id=" + id) + (env.isEmpty() ? "" : "&environment=" + env), null)
          : send("POST", "/api/" + stack.credentials().projectId() + "/cron/" + slugInPath + "/" + stack.credentials().publicKey() + "/",
              "{\"status\":\"" + status + "\"" + (id == null ? "" : ",\"check_in_id\":\"" + id + "\"")
                  + (env.isEmpty() ? "" : ",\"environment\":\"" + env + "\"") + "," + config + "}",
              "Content-Type", "application/json");
    };
  }

  private static String joined(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + "," + b;
  }

  static boolean accepted(Response r) {
    return r.status() == 200 || r.status() == 201 || r.status() == 202;
  }

  String slug(Path path, String what) {
    return (what + "-" + path.name().replace('_', '-')).toLowerCase();
  }

  void create(String slug) {
    Response r = api("POST", orgPath("/monitors/" + slug + "/checkins/"), "{\"status\":\"ok\"," + hourly() + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    clock.advance(Duration.ofMinutes(1));
  }

  JsonNode checkIns(String slug) {
    Response r = api("GET", orgPath("/monitors/" + slug + "/checkins/"), null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  JsonNode monitor(String slug) {
    Response r = api("GET", orgPath("/monitors/" + slug + "/"), null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  /**
   * A refused check-in (docs/semantics.md rule E1): the org API answers {@code orgStatus} and writes nothing; the
   * Sentry endpoints answer as Relay does (envelope 200, cron 202) and write one processing error and nothing else,
   * listed through the API with {@code type}. Returns the listed error (null on the org API).
   */
  JsonNode assertRefused(Path path, Response r, List<Map<String, AttributeValue>> before, int orgStatus, ProcessingErrorType type) {
    if (path == Path.ORG_API) {
      assertThat(r.status()).as(r.body()).isEqualTo(orgStatus);
      assertThat(tableItems()).isEqualTo(before);
      return null;
    }
    assertThat(r.status()).as(r.body()).isEqualTo(path == Path.ENVELOPE ? 200 : 202);
    return assertOnlyAProcessingErrorWritten(before, type);
  }

  static JsonNode byId(JsonNode history, UUID id) {
    for (JsonNode c : history) if (c.get("id").asText().equals(id.toString())) return c;
    throw new AssertionError("no check-in " + id + " in " + history);
  }
}
