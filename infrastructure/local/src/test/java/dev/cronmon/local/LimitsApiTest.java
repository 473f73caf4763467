package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.domain.processing.ProcessingErrorType;
import dev.cronmon.domain.store.CronStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-organization caps over real HTTP: the operator gave this organization 3 monitors and 2 environments per
 * monitor; every way of creating one more (the API, a check-in's upsert, an envelope) is refused and writes nothing.
 */
class LimitsApiTest extends LocalStackTestBase {
  private static final String DAILY = "\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"@daily\"}}";

  @BeforeAll
  void lowLimits_andThreeMonitors() {
    CronStore store = stack.services().store();
    store.replaceOrganization(store.organization(org).orElseThrow().withLimits(3, 2));
    for (int i = 0; i < 3; i++) assertThat(checkIn("capped-" + i, "{\"status\":\"ok\"," + DAILY + "}").status()).isEqualTo(201);
  }

  private Response checkIn(String slug, String body) {
    return api("POST", orgPath("/monitors/" + slug + "/checkins/"), body);
  }

  @Test
  void organization_showsTheOperatorsLimits() {
    Response r = api("GET", "/api/0/organizations/" + org + "/", null);

    assertThat(r.json().get("limits").get("maxMonitors").asInt()).isEqualTo(3);
    assertThat(r.json().get("limits").get("maxEnvironmentsPerMonitor").asInt()).isEqualTo(2);
  }

  @Test
  void monitorCap_refusesOneMore_throughTheApi_aCheckInAndAnEnvelope() {
    assertThat(api("GET", orgPath("/monitors/"), null).json()).hasSize(3);
    var before = tableItems();

    Response viaApi = api("POST", orgPath("/monitors/"), "{\"name\":\"One too many\",\"config\":{\"schedule_type\":\"crontab\",\"schedule\":\"@daily\"}}");
    Response viaCheckIn = checkIn("one-too-many", "{\"status\":\"ok\"," + DAILY + "}");
    assertThat(tableItems()).isEqualTo(before);
    Response viaEnvelope = send("POST", "/api/" + stack.credentials().projectId() + "/envelope/",
        "{}\n{\"type\":\"check_in\"}\n{\"monitor_slug\":\"one-too-many\",\"status\":\"ok\"," + DAILY + "}\n",
        "X-Sentry-Auth", "Sentry sentry_key=" + stack.credentials().publicKey());

    assertThat(viaApi.status()).isEqualTo(403);
    assertThat(viaApi.json().get("detail").asText()).isEqualTo("You may not exceed 3 monitors per organization");
    assertThat(viaCheckIn.status()).isEqualTo(403);
    assertThat(viaEnvelope.status()).isEqualTo(200);
    JsonNode error = assertOnlyAProcessingErrorWritten(before, ProcessingErrorType.MONITOR_LIMIT_EXCEEDED);
    assertThat(error.get("errors").get(0).get("reason").asText()).isEqualTo("You may not exceed 3 monitors per organization");
    assertThat(checkIn("capped-0", "{\"status\":\"ok\"}").status()).isEqualTo(201);
  }

  @Test
  void environmentCap_refusesAThirdEnvironment_butTheFirstTwoKeepWorking() {
    assertThat(checkIn("capped-1", "{\"status\":\"ok\",\"environment\":\"staging\"}").status()).isEqualTo(201);
    var before = tableItems();

    Response third = checkIn("capped-1", "{\"status\":\"ok\",\"environment\":\"qa\"}");

    assertThat(third.status()).isEqualTo(403);
    assertThat(third.json().get("detail").asText()).isEqualTo("You may not exceed 2 environments per monitor");
    assertThat(tableItems()).isEqualTo(before);
    assertThat(checkIn("capped-1", "{\"status\":\"ok\",\"environment\":\"staging\"}").status()).isEqualTo(201);
  }
}
