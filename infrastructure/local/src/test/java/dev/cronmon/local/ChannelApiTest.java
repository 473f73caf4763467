package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.domain.service.AlertAdmin;
import dev.cronmon.domain.alert.RecordingReceiver.Answer;
import dev.cronmon.domain.alert.RecordingReceiver;
import dev.cronmon.domain.alert.WebhookSignature;
import dev.cronmon.domain.auth.Secrets;
import dev.cronmon.domain.tenant.ApiToken;
import dev.cronmon.domain.service.Bootstrap;
import dev.cronmon.domain.tenant.Scope;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The channel and alert rule routes of the manage function over real HTTP, the stack started with loopback alerts allowed. */
class ChannelApiTest extends LocalStackTestBase {
  private final RecordingReceiver receiver = new RecordingReceiver();

  @Override
  protected Map<String, String> stackEnvironment() {
    return Map.of("ALLOW_PRIVATE_ALERT_TARGETS", "true");
  }

  @AfterAll
  void stopReceiver() {
    receiver.close();
  }

  private JsonNode create(String body) {
    Response r = api("POST", orgPath("/channels/"), body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  private String webhook(String path) {
    return create("{\"name\":\"hook\",\"type\":\"webhook\",\"config\":{\"url\":\"" + receiver.url(path) + "\"}}").get("id").asText();
  }

  @Test
  void createWebhook_showsItsSigningSecretOnce_andNeverAgain() {
    // WHEN a webhook channel is created
    JsonNode created = create("{\"name\":\"Ops hook\",\"type\":\"webhook\",\"config\":{\"url\":\"" + receiver.url("/h") + "\"}}");

    // THEN the answer holds the secret
    assertThat(created.get("signingSecret").asText()).startsWith("whsec_");
    assertThat(created.get("type").asText()).isEqualTo("webhook");
    assertThat(created.get("config").get("url").asText()).isEqualTo(receiver.url("/h"));
    assertThat(created.get("status").asText()).isEqualTo("ok");
    // AND no later read shows it
    String id = created.get("id").asText();
    assertThat(api("GET", orgPath("/channels/" + id + "/"), null).body()).doesNotContain("whsec_");
    assertThat(api("GET", orgPath("/channels/"), null).body()).doesNotContain("whsec_");
  }

  @Test
  void slackUrlAndPagerDutyKey_areNeverReturnedInFull() {
    // GIVEN a Slack and a PagerDuty channel
    String slackUrl = receiver.url("/services/T0000/B0000/XXXXXXXXXXXXsecretTAIL");
    JsonNode slack = create("{\"name\":\"s\",\"type\":\"slack\",\"config\":{\"url\":\"" + slackUrl + "\"}}");
    JsonNode pd = create("{\"name\":\"p\",\"type\":\"pagerduty\",\"config\":{\"routing_key\":\"R0UT1NGKEY0123456789abcdefABCDEF\"}}");

    // WHEN listed
    String listing = api("GET", orgPath("/channels/"), null).body();

    // THEN only their tails show, in the creation answer and in the listing
    assertThat(slack.get("config").get("url").asText()).isEqualTo("http://127.0.0.1:" + slackUrl.split(":")[2].split("/")[0] + "/…TAIL");
    assertThat(pd.get("config").get("routing_key").asText()).isEqualTo("…CDEF");
    assertThat(listing).doesNotContain("XXXXXXXXXXXXsecretTAIL").doesNotContain("R0UT1NGKEY0123456789abcdefABCDEF");
    assertThat(slack.has("signingSecret")).isFalse();
  }

  @Test
  void create_refusesBadInput_withFieldErrors_andWritesNothing() {
    var before = tableItems();

    Response noType = api("POST", orgPath("/channels/"), "{\"name\":\"x\",\"config\":{}}");
    Response badKey = api("POST", orgPath("/channels/"), "{\"name\":\"x\",\"type\":\"pagerduty\",\"config\":{\"routing_key\":\"short\"}}");
    Response badMail = api("POST", orgPath("/channels/"), "{\"name\":\"x\",\"type\":\"email\",\"config\":{\"to\":[\"a@b.c\\r\\nBcc: x@y.z\"]}}");
    Response badScheme = api("POST", orgPath("/channels/"), "{\"name\":\"x\",\"type\":\"webhook\",\"config\":{\"url\":\"file:///etc/passwd\"}}");
    Response notJson = api("POST", orgPath("/channels/"), "{\"name\":");

    assertThat(noType.status()).isEqualTo(400);
    assertThat(noType.json().get("type").get(0).asText()).isEqualTo("This field is required.");
    assertThat(badKey.json().has("config.routing_key")).isTrue();
    assertThat(badMail.json().get("config.to").get(0).asText()).isEqualTo("Enter valid email addresses.");
    assertThat(badScheme.json().get("config.url").get(0).asText()).isEqualTo("Enter a valid http(s) URL.");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void update_renamesAndReconfigures_refusesATypeChange_andRotatesTheSecretOnce() {
    // GIVEN a webhook channel
    String id = webhook("/old");

    // WHEN renamed and pointed elsewhere
    Response updated = api("PUT", orgPath("/channels/" + id + "/"), "{\"name\":\"renamed\",\"config\":{\"url\":\"" + receiver.url("/new") + "\"}}");
    Response typeChange = api("PUT", orgPath("/channels/" + id + "/"), "{\"type\":\"slack\"}");
    Response rotated = api("PUT", orgPath("/channels/" + id + "/"), "{\"rotate_secret\":true}");

    // THEN
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(updated.json().get("name").asText()).isEqualTo("renamed");
    assertThat(updated.json().get("config").get("url").asText()).isEqualTo(receiver.url("/new"));
    assertThat(updated.json().has("signingSecret")).isFalse();
    assertThat(typeChange.status()).isEqualTo(400);
    assertThat(typeChange.json().has("type")).isTrue();
    assertThat(rotated.json().get("signingSecret").asText()).startsWith("whsec_");
    assertThat(api("GET", orgPath("/channels/" + id + "/"), null).json().get("name").asText()).isEqualTo("renamed");
  }

  @Test
  void delete_removesTheChannel() {
    String id = webhook("/d");

    Response deleted = api("DELETE", orgPath("/channels/" + id + "/"), null);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(api("GET", orgPath("/channels/" + id + "/"), null).status()).isEqualTo(404);
    assertThat(api("DELETE", orgPath("/channels/" + id + "/"), null).status()).isEqualTo(404);
  }

  @Test
  void testNotification_isSignedAndDelivered_andA410IsShownOnTheChannel() {
    // GIVEN a webhook channel
    JsonNode created = create("{\"name\":\"t\",\"type\":\"webhook\",\"config\":{\"url\":\"" + receiver.url("/test-hook") + "\"}}");
    String id = created.get("id").asText();
    receiver.reset();

    // WHEN a test notification is sent
    Response sent = api("POST", orgPath("/channels/" + id + "/test/"), null);

    // THEN the receiver got a signed incident.opened, and the API says it was delivered
    assertThat(sent.json().get("delivered").asBoolean()).as(sent.body()).isTrue();
    RecordingReceiver.Request got = receiver.requests().get(0);
    assertThat(got.path()).isEqualTo("/test-hook");
    assertThat(WebhookSignature.verify(created.get("signingSecret").asText(), got.header("Cronmon-Signature"), got.body(),
        clock.instant().getEpochSecond(), 300)).isTrue();
    assertThat(got.body()).contains("\"type\":\"incident.opened\"").contains("cronmon-test");

    // WHEN the receiver is gone
    receiver.answer(new Answer(410, "gone", Map.of()));
    Response failed = api("POST", orgPath("/channels/" + id + "/test/"), null);

    // THEN the answer and the channel say so
    assertThat(failed.status()).isEqualTo(200);
    assertThat(failed.json().get("delivered").asBoolean()).isFalse();
    assertThat(failed.json().get("detail").asText()).isEqualTo("HTTP 410: gone");
    JsonNode channel = api("GET", orgPath("/channels/" + id + "/"), null).json();
    assertThat(channel.get("status").asText()).isEqualTo("failing");
    assertThat(channel.get("lastError").asText()).isEqualTo("HTTP 410: gone");
  }

  @Test
  void monitorAlertRule_isSetReadAndDeleted_andSurvivesAMonitorConfigUpsert() {
    // GIVEN a monitor and a channel
    api("POST", orgPath("/monitors/ruled/checkins/"), "{\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"}}}");
    String id = webhook("/r");

    // WHEN a rule is put, and a check-in upserts the monitor's config
    Response put = api("PUT", orgPath("/monitors/ruled/alert-rule/"), "{\"channels\":[\"" + id + "\"],\"environments\":{\"staging\":[]}}");
    api("POST", orgPath("/monitors/ruled/checkins/"), "{\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"30 * * * *\"},\"checkin_margin\":5}}");

    // THEN the rule is unchanged
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    JsonNode rule = api("GET", orgPath("/monitors/ruled/alert-rule/"), null).json();
    assertThat(rule.get("channels").get(0).asText()).isEqualTo(id);
    assertThat(rule.get("environments").get("staging")).isEmpty();
    assertThat(api("GET", orgPath("/monitors/ruled/"), null).json().get("config").get("schedule").asText()).isEqualTo("30 * * * *");

    // WHEN deleted
    assertThat(api("DELETE", orgPath("/monitors/ruled/alert-rule/"), null).status()).isEqualTo(204);

    // THEN it is gone: absent, which is no error (the dashboard reads it on every monitor page)
    Response gone = api("GET", orgPath("/monitors/ruled/alert-rule/"), null);
    assertThat(gone.status()).isEqualTo(200);
    assertThat(gone.json().get("configured").asBoolean()).isFalse();
    assertThat(gone.json().get("channels")).isEmpty();
    assertThat(rule.get("configured").asBoolean()).isTrue();
  }

  @Test
  void channels_areCappedPerOrganization_andTheRefusedOneWritesNothing() {
    // GIVEN an organization with as many channels as it may have
    for (int i = stack.services().store().channels(org).size(); i < AlertAdmin.MAX_CHANNELS_PER_ORGANIZATION; i++) webhook("/cap" + i);
    var before = tableItems();

    // WHEN one more is created
    Response refused = api("POST", orgPath("/channels/"), "{\"name\":\"one too many\",\"type\":\"webhook\",\"config\":{\"url\":\"" + receiver.url("/x") + "\"}}");

    // THEN it is refused as the client's error, and nothing was written
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().get("detail").asText()).isEqualTo("An organization can have at most 100 channels.");
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void alertRule_refusesUnknownChannels_andUnknownMonitorsOrProjects() {
    api("POST", orgPath("/monitors/unruled/checkins/"), "{\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"}}}");
    var before = tableItems();

    Response unknownChannel = api("PUT", orgPath("/monitors/unruled/alert-rule/"), "{\"channels\":[\"no-such-channel\"]}");
    Response noMonitor = api("PUT", orgPath("/monitors/nope/alert-rule/"), "{\"channels\":[]}");
    Response noProject = api("PUT", orgPath("/projects/nope/alert-rule/"), "{\"channels\":[]}");
    Response badShape = api("PUT", orgPath("/monitors/unruled/alert-rule/"), "{\"channels\":\"x\"}");

    assertThat(unknownChannel.status()).isEqualTo(400);
    assertThat(unknownChannel.json().get("channels").get(0).asText()).isEqualTo("Unknown channel \"no-such-channel\".");
    assertThat(noMonitor.status()).isEqualTo(404);
    assertThat(noProject.status()).isEqualTo(404);
    assertThat(badShape.status()).isEqualTo(400);
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void projectDefaultRule_isAddressedByProjectSlugOrId() {
    String id = webhook("/p");

    Response bySlug = api("PUT", orgPath("/projects/default/alert-rule/"), "{\"channels\":[\"" + id + "\"]}");
    Response byId = api("GET", orgPath("/projects/" + stack.credentials().projectId() + "/alert-rule/"), null);

    assertThat(bySlug.status()).as(bySlug.body()).isEqualTo(200);
    assertThat(byId.json().get("channels").get(0).asText()).isEqualTo(id);
  }

  @Test
  void readOnlyTokens_cannotChange_andOtherOrganizations_cannotSee() {
    // GIVEN a channel, a read-only token of this organization and an admin of another one
    String id = webhook("/scoped");
    String reader = Secrets.newToken();
    stack.services().store().putToken(new ApiToken(UUID.randomUUID().toString(), org, Secrets.sha256Hex(reader),
        Set.of(Scope.READ), "reader", clock.instant()));
    Bootstrap.Credentials other = Bootstrap.createOrganization(stack.services().store(), clock, "other-" + UUID.randomUUID().toString().substring(0, 8), "Other");
    var before = tableItems();

    // WHEN they try
    Response readerCreate = send("POST", orgPath("/channels/"), "{\"name\":\"x\",\"type\":\"email\",\"config\":{\"to\":\"a@example.com\"}}",
        "Authorization", "Bearer " + reader, "Content-Type", "application/json");
    Response readerRead = send("GET", orgPath("/channels/" + id + "/"), null, "Authorization", "Bearer " + reader);
    Response otherRead = send("GET", orgPath("/channels/" + id + "/"), null, "Authorization", "Bearer " + other.token());
    Response otherDelete = send("DELETE", orgPath("/channels/" + id + "/"), null, "Authorization", "Bearer " + other.token());
    Response otherOwn = send("GET", "/api/0/organizations/" + other.organization() + "/channels/" + id + "/", null,
        "Authorization", "Bearer " + other.token());

    // THEN reading is allowed, writing is not, and the other organization learns nothing
    assertThat(readerCreate.status()).isEqualTo(403);
    assertThat(readerRead.status()).isEqualTo(200);
    assertThat(otherRead.status()).isEqualTo(404);
    assertThat(otherDelete.status()).isEqualTo(404);
    assertThat(otherOwn.status()).isEqualTo(404);
    assertThat(tableItems()).isEqualTo(before);
  }
}
