package dev.cronmon.local;

import static dev.cronmon.local.SentryWire.checkInJson;
import static dev.cronmon.local.SentryWire.envelope;
import static dev.cronmon.local.SentryWire.sentryAuth;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A monitor's owner over HTTP (docs/semantics.md rule O1): set, shown, filtered, changed, cleared, refused. */
class OwnerApiTest extends LocalStackTestBase {
  private static final String DAILY = "\"config\":{\"schedule_type\":\"crontab\",\"schedule\":\"@daily\"}";

  private Response create(String slug, String owner) {
    return api("POST", orgPath("/monitors/"), "{\"name\":\"" + slug + "\",\"slug\":\"" + slug + "\"," + DAILY
        + (owner == null ? "" : ",\"owner\":\"" + owner + "\"") + "}");
  }

  private List<String> slugs(String query) {
    return eachOf(orgPath("/monitors/?" + query), "slug");
  }

  @Test
  void ownerFromTheApi_isShownInSentrysShape_andFiltersTheList() {
    assertThat(create("owned-by-team", "team:42").status()).isEqualTo(201);
    Response mailed = create("owned-by-mail", "Dana@Example.com");
    assertThat(create("owned-by-nobody", null).status()).isEqualTo(201);

    JsonNode owner = mailed.json().get("owner");
    assertThat(owner.get("type").asText()).isEqualTo("email");
    assertThat(owner.get("id").asText()).isEqualTo("Dana@Example.com");
    assertThat(owner.get("email").asText()).isEqualTo("Dana@Example.com");
    JsonNode team = api("GET", orgPath("/monitors/owned-by-team/"), null).json().get("owner");
    assertThat(team.get("type").asText()).isEqualTo("team");
    assertThat(team.get("id").asText()).isEqualTo("42");
    assertThat(team.get("name").asText()).isEqualTo("team:42");
    assertThat(slugs("owner=team%3A42")).containsExactly("owned-by-team");
    assertThat(slugs("owner=dana%40example.com")).as("addresses compare without case").containsExactly("owned-by-mail");
    assertThat(slugs("owner=unassigned")).contains("owned-by-nobody").doesNotContain("owned-by-team", "owned-by-mail");
  }

  @Test
  void put_changesOrClearsTheOwner_andLeavesItWhenNotGiven() {
    create("reowned", "user:7");

    assertThat(api("PUT", orgPath("/monitors/reowned/"), "{\"name\":\"Renamed\"}").json().get("owner").get("name").asText()).isEqualTo("user:7");
    assertThat(api("PUT", orgPath("/monitors/reowned/"), "{\"owner\":\"team:ops\"}").json().get("owner").get("name").asText()).isEqualTo("team:ops");
    assertThat(api("PUT", orgPath("/monitors/reowned/"), "{\"owner\":null}").json().get("owner").isNull()).isTrue();
  }

  @Test
  void anInvalidOwner_isAFieldError_andNothingIsWritten() {
    create("kept-owner", "user:1");
    var before = tableItems();

    for (String body : List.of("{\"name\":\"x\"," + DAILY + ",\"owner\":\"nobody\"}", "{\"name\":\"x\"," + DAILY + ",\"owner\":42}")) {
      Response r = api("POST", orgPath("/monitors/"), body);
      assertThat(r.status()).as(r.body()).isEqualTo(400);
      assertThat(r.json().has("owner")).as(r.body()).isTrue();
    }
    Response put = api("PUT", orgPath("/monitors/kept-owner/"), "{\"owner\":\"user:\"}");
    assertThat(put.status()).isEqualTo(400);
    assertThat(put.json().has("owner")).isTrue();
    Response filter = api("GET", orgPath("/monitors/?owner=someone"), null);
    assertThat(filter.status()).isEqualTo(400);
    Response orgCheckIn = api("POST", orgPath("/monitors/new-bad-owner/checkins/"),
        "{\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"@daily\"},\"owner\":\"someone\"}}");
    assertThat(orgCheckIn.status()).isEqualTo(400);
    assertThat(orgCheckIn.json().has("monitor_config.owner")).as(orgCheckIn.body()).isTrue();
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void monitorConfigOwner_setsTheOwner_anInvalidOneIsAProcessingError_andAnAbsentOneLeavesIt() {
    String config = "{\"schedule\":{\"type\":\"crontab\",\"value\":\"@hourly\"},\"owner\":\"team:7\"}";
    Response first = sendEnvelope(checkInJson("sdk-owned", "ok", null, "\"monitor_config\":" + config));
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(api("GET", orgPath("/monitors/sdk-owned/"), null).json().get("owner").get("name").asText()).isEqualTo("team:7");

    sendEnvelope(checkInJson("sdk-owned", "ok", null, "\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"@hourly\"}}"));
    assertThat(api("GET", orgPath("/monitors/sdk-owned/"), null).json().get("owner").get("name").asText()).isEqualTo("team:7");

    var before = tableItems();
    Response bad = sendEnvelope(checkInJson("sdk-bad-owner", "ok", null,
        "\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"@hourly\"},\"owner\":\"the ops team\"}"));
    assertThat(bad.status()).isEqualTo(200);
    JsonNode error = assertOnlyAProcessingErrorWritten(before, dev.cronmon.domain.processing.ProcessingErrorType.MONITOR_INVALID_OWNER);
    assertThat(error.get("errors").get(0).get("reason").asText()).contains("user:<id>");
  }

  private Response sendEnvelope(String checkIn) {
    return send(HttpRequest.newBuilder(URI.create(stack.baseUri() + "/api/" + stack.credentials().projectId() + "/envelope/"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(envelope("{}").checkIn(checkIn).bytes()))
        .header("X-Sentry-Auth", sentryAuth(stack.credentials().publicKey())).build());
  }
}
