package dev.cronmon.local;

import static dev.cronmon.local.SentryWire.hourly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.service.Bootstrap;
import dev.cronmon.domain.tenant.DsnKey;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `Authorization: DSN <dsn>` on the org check-in routes, as Sentry's legacy endpoints took it, over real HTTP. */
class OrgApiDsnAuthTest extends LocalStackTestBase {

  @BeforeEach
  void atEleven() {
    clock.set(Instant.parse("2026-03-06T11:00:00Z"));
  }

  private Response checkIn(String method, String rest, String dsn, String body) {
    return send(method, orgPath("/monitors/" + rest), body, "Authorization", "DSN " + dsn, "Content-Type", "application/json");
  }

  @Test
  void dsn_opensAndClosesARun_inTheProjectOfItsKey() {
    Response opened = checkIn("POST", "dsn-job/checkins/", stack.dsn(), "{\"status\":\"in_progress\"," + hourly() + "}");
    clock.advance(Duration.ofSeconds(30));
    Response closed = checkIn("PUT", "dsn-job/checkins/latest/", stack.dsn(), "{\"status\":\"ok\"}");

    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    assertThat(closed.json().get("id").asText()).isEqualTo(opened.json().get("id").asText());
    Response monitor = api("GET", orgPath("/monitors/dsn-job/"), null);
    assertThat(monitor.json().get("project").get("id").asText()).isEqualTo(stack.credentials().projectId());
    Response history = api("GET", orgPath("/monitors/dsn-job/checkins/"), null);
    assertThat(history.json().get(0).get("status").asText()).isEqualTo("ok");
    assertThat(history.json().get(0).get("duration").asLong()).isEqualTo(30_000);
  }

  @Test
  void wrongForeignOrMisplacedDsns_areRefused_andWriteNothing() {
    api("POST", orgPath("/monitors/guarded-job/checkins/"), "{\"status\":\"ok\"," + hourly() + "}");
    DsnKey secondProject = SentryWire.keyOfAnotherProject(stack.services().store(), clock, org);
    Bootstrap.Credentials otherOrg = Bootstrap.createOrganization(stack.services().store(), clock,
        "dsn-other-" + UUID.randomUUID().toString().substring(0, 8), "Other");
    String base = "http://%s@127.0.0.1:8787/%s";
    var before = tableItems();

    Response garbage = checkIn("POST", "guarded-job/checkins/", "not a dsn", "{\"status\":\"ok\"}");
    Response unknownKey = checkIn("POST", "guarded-job/checkins/", base.formatted("0".repeat(32), stack.credentials().projectId()), "{\"status\":\"ok\"}");
    Response keyWithAnotherProjectId = checkIn("POST", "guarded-job/checkins/",
        base.formatted(stack.credentials().publicKey(), secondProject.projectId()), "{\"status\":\"ok\"}");
    Response otherOrganization = checkIn("POST", "guarded-job/checkins/",
        base.formatted(otherOrg.publicKey(), otherOrg.projectId()), "{\"status\":\"ok\"}");
    Response monitorOfAnotherProject = checkIn("POST", "guarded-job/checkins/",
        base.formatted(secondProject.publicKey(), secondProject.projectId()), "{\"status\":\"ok\"}");
    // a body that is no JSON object, or names no UUID, with a key that does not exist: refused as a stranger first
    Response unknownKeyBadBody = checkIn("POST", "guarded-job/checkins/", base.formatted("0".repeat(32), stack.credentials().projectId()), "{not json");
    Response unknownKeyBadId = checkIn("PUT", "guarded-job/checkins/not-a-uuid/", base.formatted("0".repeat(32), stack.credentials().projectId()), "{\"status\":\"ok\"}");
    Response goodKeyBadBody = checkIn("POST", "guarded-job/checkins/", base.formatted(stack.credentials().publicKey(), stack.credentials().projectId()), "{not json");

    assertThat(garbage.status()).isEqualTo(401);
    assertThat(unknownKey.status()).isEqualTo(401);
    assertThat(unknownKeyBadBody.status()).isEqualTo(401);
    assertThat(unknownKeyBadId.status()).isEqualTo(401);
    assertThat(goodKeyBadBody.status()).isEqualTo(400);
    assertThat(keyWithAnotherProjectId.status()).isEqualTo(401);
    assertThat(otherOrganization.status()).isEqualTo(404);
    assertThat(monitorOfAnotherProject.status()).isEqualTo(403);
    assertThat(tableItems()).isEqualTo(before);
  }
}
