package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The organization's administration (projects, DSN keys, API tokens) over real HTTP against the local stack. */
class AdminApiTest extends LocalStackTestBase {

  private Response envelopeCheckIn(String projectId, String publicKey, String slug) {
    String item = "{\"monitor_slug\":\"" + slug + "\",\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"@daily\"}}}";
    String envelope = "{}\n{\"type\":\"check_in\"}\n" + item + "\n";
    return send("POST", "/api/" + projectId + "/envelope/", envelope,
        "X-Sentry-Auth", "Sentry sentry_version=7,sentry_key=" + publicKey, "Content-Type", "application/x-sentry-envelope");
  }

  private Response as(String secret, String method, String path, String body) {
    return send(method, path, body, "Authorization", "Bearer " + secret, "Content-Type", "application/json");
  }

  @Test
  void organization_showsItsLimits() {
    Response r = api("GET", "/api/0/organizations/" + org + "/", null);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("slug").asText()).isEqualTo(org);
    assertThat(r.json().get("limits").get("maxMonitors").asInt()).isEqualTo(1000);
    assertThat(r.json().get("limits").get("maxEnvironmentsPerMonitor").asInt()).isEqualTo(100);
  }

  @Test
  void projects_createListRenameAndDelete() {
    Response created = api("POST", orgPath("/projects/"), "{\"name\":\"Billing Jobs\"}");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().get("id").asText();
    assertThat(created.json().get("slug").asText()).isEqualTo("billing-jobs");
    assertThat(api("GET", orgPath("/projects/"), null).json()).extracting(p -> p.get("slug").asText()).contains("default", "billing-jobs");
    assertThat(api("GET", "/api/0/projects/" + org + "/" + id + "/", null).json().get("name").asText()).isEqualTo("Billing Jobs");

    Response renamed = api("PUT", "/api/0/projects/" + org + "/billing-jobs/", "{\"name\":\"Billing\",\"slug\":\"billing\"}");

    assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
    assertThat(renamed.json().get("id").asText()).isEqualTo(id);
    assertThat(api("GET", "/api/0/projects/" + org + "/billing/", null).json().get("name").asText()).isEqualTo("Billing");
    assertThat(api("GET", "/api/0/projects/" + org + "/billing-jobs/", null).status()).isEqualTo(404);

    Response deleted = api("DELETE", "/api/0/projects/" + org + "/billing/", null);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(api("GET", "/api/0/projects/" + org + "/" + id + "/", null).status()).isEqualTo(404);
    assertThat(api("GET", orgPath("/projects/"), null).json()).extracting(p -> p.get("id").asText()).doesNotContain(id);
  }

  @Test
  void projects_refuseTakenSlugsAndBadNames_writingNothing() {
    api("POST", orgPath("/projects/"), "{\"name\":\"Taken\",\"slug\":\"taken\"}");
    var before = tableItems();

    Response taken = api("POST", orgPath("/projects/"), "{\"name\":\"Another\",\"slug\":\"taken\"}");
    Response control = api("POST", orgPath("/projects/"), "{\"name\":\"tab\\there\",\"slug\":\"tab\"}");
    Response huge = api("POST", orgPath("/projects/"), "{\"name\":\"" + "n".repeat(10_240) + "\"}");
    Response unicodeSlug = api("POST", orgPath("/projects/"), "{\"name\":\"Ok\",\"slug\":\"pröjekt\"}");
    Response bidi = api("POST", orgPath("/projects/"), "{\"name\":\"evil\\u202Egnp.exe\",\"slug\":\"evil\"}");
    Response renameToTaken = api("PUT", "/api/0/projects/" + org + "/default/", "{\"slug\":\"taken\"}");

    assertThat(taken.status()).isEqualTo(400);
    assertThat(taken.json().get("slug").get(0).asText()).isEqualTo("The slug \"taken\" is already in use.");
    assertThat(control.json().has("name")).isTrue();
    assertThat(huge.json().has("name")).isTrue();
    assertThat(unicodeSlug.json().has("slug")).isTrue();
    assertThat(bidi.json().has("name")).isTrue();
    assertThat(renameToTaken.status()).isEqualTo(400);
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void deleteProject_isRefusedWhileItHasMonitors() {
    String id = api("POST", orgPath("/projects/"), "{\"name\":\"Busy\"}").json().get("id").asText();
    api("POST", orgPath("/monitors/"), "{\"name\":\"Busy job\",\"project\":\"busy\",\"config\":{\"schedule_type\":\"crontab\",\"schedule\":\"@daily\"}}");
    var before = tableItems();

    Response r = api("DELETE", "/api/0/projects/" + org + "/" + id + "/", null);

    assertThat(r.status()).isEqualTo(409);
    assertThat(tableItems()).isEqualTo(before);
    api("DELETE", orgPath("/monitors/busy-job/"), null);
    assertThat(api("DELETE", "/api/0/projects/" + org + "/" + id + "/", null).status()).isEqualTo(204);
  }

  @Test
  void dsnKeys_createdKeysWork_andARevokedKeyStopsAtOnce() {
    String projectId = api("POST", orgPath("/projects/"), "{\"name\":\"Keyed\"}").json().get("id").asText();

    Response created = api("POST", "/api/0/projects/" + org + "/keyed/keys/", "{\"name\":\"CI runners\"}");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String key = created.json().get("public").asText();
    assertThat(key).matches("[0-9a-f]{32}");
    assertThat(created.json().get("name").asText()).isEqualTo("CI runners");
    assertThat(created.json().get("projectId").asLong()).isEqualTo(Long.parseLong(projectId));
    assertThat(created.json().get("dsn").get("public").asText())
        .isEqualTo("http://" + key + "@127.0.0.1:" + stack.baseUri().getPort() + "/" + projectId);
    assertThat(api("GET", "/api/0/projects/" + org + "/keyed/keys/", null).json()).extracting(k -> k.get("id").asText()).containsExactly(key);
    assertThat(envelopeCheckIn(projectId, key, "keyed-job").status()).isEqualTo(200);

    Response revoked = api("DELETE", "/api/0/projects/" + org + "/keyed/keys/" + key + "/", null);

    assertThat(revoked.status()).isEqualTo(204);
    assertThat(envelopeCheckIn(projectId, key, "keyed-job").status()).isEqualTo(401);
    assertThat(api("GET", "/api/0/projects/" + org + "/keyed/keys/", null).json()).isEmpty();
    assertThat(api("DELETE", "/api/0/projects/" + org + "/keyed/keys/" + key + "/", null).status()).isEqualTo(404);
  }

  @Test
  void revokingAKey_ofAnotherProject_isNotFound() {
    api("POST", orgPath("/projects/"), "{\"name\":\"Left\"}");
    api("POST", orgPath("/projects/"), "{\"name\":\"Right\"}");
    String key = api("POST", "/api/0/projects/" + org + "/left/keys/", "{}").json().get("public").asText();

    Response r = api("DELETE", "/api/0/projects/" + org + "/right/keys/" + key + "/", null);

    assertThat(r.status()).isEqualTo(404);
    assertThat(api("GET", "/api/0/projects/" + org + "/left/keys/", null).json()).hasSize(1);
  }

  @Test
  void tokens_secretShownOnce_scopesEnforced_andRevokedAtOnce() {
    Response created = api("POST", orgPath("/api-tokens/"), "{\"name\":\"dashboard\",\"scopes\":[\"org:read\"]}");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String secret = created.json().get("token").asText();
    String id = created.json().get("id").asText();
    assertThat(secret).startsWith("cronmon_");
    JsonNode listed = api("GET", orgPath("/api-tokens/"), null).json();
    assertThat(listed).extracting(t -> t.get("id").asText()).contains(id);
    assertThat(listed.toString()).doesNotContain(secret).doesNotContain("sha256");
    assertThat(as(secret, "GET", orgPath("/monitors/"), null).status()).isEqualTo(200);
    assertThat(as(secret, "POST", orgPath("/monitors/"), "{\"name\":\"x\",\"config\":{\"schedule_type\":\"crontab\",\"schedule\":\"@daily\"}}").status())
        .isEqualTo(403);
    assertThat(as(secret, "GET", orgPath("/api-tokens/"), null).status()).isEqualTo(403);

    Response revoked = api("DELETE", orgPath("/api-tokens/" + id + "/"), null);

    assertThat(revoked.status()).isEqualTo(204);
    assertThat(as(secret, "GET", orgPath("/monitors/"), null).status()).isEqualTo(401);
    assertThat(api("GET", orgPath("/api-tokens/"), null).json()).extracting(t -> t.get("id").asText()).doesNotContain(id);
  }

  @Test
  void tokens_refuseUnknownScopesAndBadNames_writingNothing() {
    var before = tableItems();

    Response noScopes = api("POST", orgPath("/api-tokens/"), "{\"name\":\"x\",\"scopes\":[]}");
    Response unknownScope = api("POST", orgPath("/api-tokens/"), "{\"name\":\"x\",\"scopes\":[\"project:write\"]}");
    Response notAList = api("POST", orgPath("/api-tokens/"), "{\"name\":\"x\",\"scopes\":\"org:read\"}");
    Response noName = api("POST", orgPath("/api-tokens/"), "{\"scopes\":[\"org:read\"]}");
    Response zeroWidth = api("POST", orgPath("/api-tokens/"), "{\"name\":\"ad\\u200Bmin\",\"scopes\":[\"org:read\"]}");

    assertThat(noScopes.json().has("scopes")).isTrue();
    assertThat(unknownScope.json().has("scopes")).isTrue();
    assertThat(notAList.json().has("scopes")).isTrue();
    assertThat(noName.json().has("name")).isTrue();
    assertThat(zeroWidth.json().has("name")).isTrue();
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void managementBodies_over64KiB_areRefusedWith413() {
    Response r = api("POST", orgPath("/projects/"), "{\"name\":\"" + "x".repeat(70_000) + "\"}");

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().get("detail").asText()).contains("65536");
  }
}
