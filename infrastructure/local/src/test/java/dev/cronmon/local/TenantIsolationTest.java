package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.service.Bootstrap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenants are walls: for every route of both routers, organization B's token or DSN key aimed at
 * organization A's resources gets a 404 (which never tells whether A or the resource exists) or a 403, and the table
 * is exactly as it was. Organization A is the stack's own ("local"); B is bootstrapped next to it.
 */
class TenantIsolationTest extends LocalStackTestBase {
  private static final String CONFIG = "\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"@hourly\"}}";

  private Bootstrap.Credentials a;
  private Bootstrap.Credentials b;
  /** A's resources by path parameter, as seen from A's own paths. */
  private final Map<String, String> aResources = new HashMap<>();
  /** What of A's a response could leak that B never sent: A's monitor id, token, names. */
  private List<String> aSecrets;

  @BeforeAll
  void twoOrganizations() {
    a = stack.credentials();
    b = Bootstrap.createOrganization(stack.services().store(), clock, "other", "Other");
    String checkInId = api("POST", orgPath("/monitors/a-job/checkins/"), "{\"status\":\"in_progress\"," + CONFIG + "}").json().get("id").asText();
    api("POST", orgPath("/projects/"), "{\"name\":\"A second\"}");
    String tokenId = api("GET", orgPath("/api-tokens/"), null).json().get(0).get("id").asText();
    aResources.putAll(Map.of("org", a.organization(), "slug", "a-job", "checkInId", checkInId, "environment", "production",
        "project", a.projectId(), "keyId", a.publicKey(), "tokenId", tokenId, "projectId", a.projectId(), "sentryKey", b.publicKey()));
    aResources.put("channelId", "a-channel");
    aResources.put("windowId", api("POST", orgPath("/maintenance-windows/"),
        "{\"name\":\"A's window\",\"start\":\"2026-03-02T10:00:00Z\",\"duration\":60,\"monitors\":[\"a-job\"]}").json().get("id").asText());
    // A processing error of A's project: a check-in of A's DSN key for a monitor A does not have.
    send("GET", "/api/" + a.projectId() + "/cron/no-such-a-job/" + a.publicKey() + "/?status=ok", null);
    aResources.put("errorId", api("GET", "/api/0/projects/" + a.organization() + "/" + a.projectId() + "/processing-errors/", null)
        .json().get(0).get("id").asText());
    // Pings: B's own ping key with A's slug, and a UUID that is no ping address (B cannot know A's).
    String bPingKey = stack.services().store().pingKeyOfProject(b.projectId()).orElseThrow().key();
    aResources.putAll(Map.of("uuid", UUID.randomUUID().toString(), "uuidOrPingKey", bPingKey, "signalOrSlug", "a-job",
        "pingKey", bPingKey, "signal", "fail"));
    // Badges: B's own badge key with A's slug; a project badge can only name a key, and A's is never in B's hands.
    String bBadgeKey = send("GET", "/api/0/projects/other/" + b.projectId() + "/badge-key/", null, "Authorization", "Bearer " + b.token())
        .json().get("key").asText();
    String aBadgeKey = api("GET", "/api/0/projects/" + a.organization() + "/" + a.projectId() + "/badge-key/", null).json().get("key").asText();
    aResources.putAll(Map.of("key", bBadgeKey, "file", "a-job.svg"));
    aSecrets = List.of(stack.services().store().monitor(a.organization(), "a-job").orElseThrow().id(), a.token(), "A second", "Local", aBadgeKey);
    // B has a monitor of its own, so that B's check-in routes reach the check-in id rule and not just "no monitor".
    send("POST", "/api/0/organizations/other/monitors/b-job/checkins/", "{\"status\":\"ok\"," + CONFIG + "}",
        "Authorization", "Bearer " + b.token(), "Content-Type", "application/json");
  }

  private String body(ApiRoutes route, boolean withConfig) {
    if (route.method().equals("GET") || route.method().equals("HEAD") || route.method().equals("DELETE")) return null;
    if (route.template().contains("/checkins/")) return "{\"status\":\"ok\"" + (withConfig ? "," + CONFIG : "") + "}";
    if (route.template().contains("/envelope/")) {
      return "{}\n{\"type\":\"check_in\"}\n{\"monitor_slug\":\"a-job\",\"status\":\"ok\"," + CONFIG + "}\n";
    }
    if (route.template().contains("/cron/")) return "{\"status\":\"ok\"}";
    if (route.template().endsWith("/environments/{environment}/")) return "{\"isMuted\":true}";
    if (route.template().endsWith("/api-tokens/")) return "{\"name\":\"stolen\",\"scopes\":[\"org:admin\"]}";
    if (route.template().endsWith("/monitors/")) return "{\"name\":\"Planted\",\"config\":{\"schedule_type\":\"crontab\",\"schedule\":\"@daily\"}}";
    return "{\"name\":\"Planted\",\"slug\":\"planted\"}";
  }

  /** The ways B can present itself on a route: its bearer token, or its DSN key where DSN keys are accepted. */
  private List<String[]> credentialsOfB(ApiRoutes route) {
    List<String[]> out = new ArrayList<>();
    String dsn = "http://" + b.publicKey() + "@127.0.0.1/" + b.projectId();
    if (route.template().contains("/envelope/")) {
      out.add(new String[] {"X-Sentry-Auth", "Sentry sentry_version=7,sentry_key=" + b.publicKey()});
    } else if (route.params().contains("sentryKey")) {
      out.add(new String[] {"Content-Type", "application/json"}); // B's key is the path's {sentryKey}
    } else if (route.ping() || route.badge()) {
      out.add(new String[] {"Content-Type", "text/plain"}); // the path's ping key or UUID, or badge key, is the only credential
    } else if (route.sentryIngestion()) {
      out.add(new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString((b.publicKey() + ":").getBytes(StandardCharsets.UTF_8)),
          "Content-Type", "application/json"});
    } else {
      out.add(new String[] {"Authorization", "Bearer " + b.token(), "Content-Type", "application/json"});
      if (route.template().contains("/checkins/") && !route.method().equals("GET")) {
        out.add(new String[] {"Authorization", "DSN " + dsn, "Content-Type", "application/json"});
      }
    }
    return out;
  }

  @Test
  void organizationB_onOrganizationAsPaths_gets404or403_andNothingChanges() {
    var before = tableItems();
    List<ApiRoutes> routes = ApiRoutes.all(stack.services().store(), clock);
    for (ApiRoutes route : routes) {
      if (route.dashboard()) continue; // public static files, nothing of A's
      for (String[] credential : credentialsOfB(route)) {
        Response r = send(route.method(), route.path(aResources), body(route, true), credential);
        assertThat(r.status()).as(route + " with " + credential[0] + ": " + r.body()).isIn(403, 404);
        assertThat(r.body()).as(route + " leaks A's data").doesNotContain(aSecrets);
      }
    }
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void organizationB_onItsOwnPaths_withOrganizationAsIds_findsNothing_andNothingChanges() {
    // A's project, key, token, monitor and check-in ids under B's own organization, where B's token is valid.
    Map<String, String> mixed = new HashMap<>(aResources);
    mixed.put("org", "other");
    var before = tableItems();
    for (ApiRoutes route : ApiRoutes.all(stack.services().store(), clock)) {
      if (route.sentryIngestion() || route.ping() || route.badge() || route.dashboard() || route.params().equals(List.of("org"))) continue; // nothing of A's in the path
      Map<String, String> values = new HashMap<>(mixed);
      if (route.params().contains("checkInId")) values.put("slug", "b-job");
      Response r = send(route.method(), route.path(values), body(route, false),
          "Authorization", "Bearer " + b.token(), "Content-Type", "application/json");
      if (route.params().contains("checkInId")) {
        // An id of another monitor is refused as Sentry refuses it; random UUIDs cannot be guessed, and nothing leaks.
        assertThat(r.status()).as(route + ": " + r.body()).isIn(400, 404);
      } else {
        assertThat(r.status()).as(route + ": " + r.body()).isIn(403, 404);
      }
      assertThat(r.body()).as(route + " leaks A's data").doesNotContain(aSecrets);
    }
    assertThat(tableItems()).isEqualTo(before);
  }
}
