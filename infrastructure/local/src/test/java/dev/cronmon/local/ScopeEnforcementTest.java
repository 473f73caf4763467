package dev.cronmon.local;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.tenant.Scope;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every bearer-token route demands the scope this table says, and no more: a token with less is refused with 403
 * and nothing is written; a token with exactly that scope gets past the check. The table must list every route.
 */
class ScopeEnforcementTest extends LocalStackTestBase {
  private static final Map<String, Scope> REQUIRED = Map.ofEntries(
      entry("POST /api/0/organizations/{org}/monitors/{slug}/checkins/", Scope.WRITE),
      entry("PUT /api/0/organizations/{org}/monitors/{slug}/checkins/{checkInId}/", Scope.WRITE),
      entry("GET /api/0/organizations/{org}/monitors/", Scope.READ),
      entry("POST /api/0/organizations/{org}/monitors/", Scope.WRITE),
      entry("GET /api/0/organizations/{org}/monitors/{slug}/", Scope.READ),
      entry("PUT /api/0/organizations/{org}/monitors/{slug}/", Scope.WRITE),
      entry("DELETE /api/0/organizations/{org}/monitors/{slug}/", Scope.WRITE),
      entry("GET /api/0/organizations/{org}/monitors/{slug}/checkins/", Scope.READ),
      entry("PUT /api/0/organizations/{org}/monitors/{slug}/environments/{environment}/", Scope.WRITE),
      entry("DELETE /api/0/organizations/{org}/monitors/{slug}/environments/{environment}/", Scope.WRITE),
      entry("GET /api/0/organizations/{org}/monitors/{slug}/incidents/", Scope.READ),
      entry("GET /api/0/organizations/{org}/monitors/{slug}/checkins/{checkInId}/output/", Scope.READ),
      entry("POST /api/0/organizations/{org}/monitors/{slug}/rotate-ping-url/", Scope.WRITE),
      entry("GET /api/0/projects/{org}/{project}/ping-keys/", Scope.WRITE),
      entry("POST /api/0/projects/{org}/{project}/ping-keys/", Scope.ADMIN),
      entry("DELETE /api/0/projects/{org}/{project}/ping-keys/{pingKey}/", Scope.ADMIN),
      entry("GET /api/0/organizations/{org}/monitor-schedule-preview/", Scope.READ),
      entry("GET /api/0/organizations/{org}/", Scope.READ),
      entry("GET /api/0/organizations/{org}/projects/", Scope.READ),
      entry("POST /api/0/organizations/{org}/projects/", Scope.ADMIN),
      entry("GET /api/0/projects/{org}/{project}/", Scope.READ),
      entry("PUT /api/0/projects/{org}/{project}/", Scope.ADMIN),
      entry("DELETE /api/0/projects/{org}/{project}/", Scope.ADMIN),
      entry("GET /api/0/projects/{org}/{project}/keys/", Scope.WRITE),
      entry("POST /api/0/projects/{org}/{project}/keys/", Scope.ADMIN),
      entry("DELETE /api/0/projects/{org}/{project}/keys/{keyId}/", Scope.ADMIN),
      entry("GET /api/0/organizations/{org}/api-tokens/", Scope.ADMIN),
      entry("POST /api/0/organizations/{org}/api-tokens/", Scope.ADMIN),
      entry("DELETE /api/0/organizations/{org}/api-tokens/{tokenId}/", Scope.ADMIN),
      entry("GET /api/0/organizations/{org}/channels/", Scope.READ),
      entry("POST /api/0/organizations/{org}/channels/", Scope.WRITE),
      entry("GET /api/0/organizations/{org}/channels/{channelId}/", Scope.READ),
      entry("PUT /api/0/organizations/{org}/channels/{channelId}/", Scope.WRITE),
      entry("DELETE /api/0/organizations/{org}/channels/{channelId}/", Scope.WRITE),
      entry("POST /api/0/organizations/{org}/channels/{channelId}/test/", Scope.WRITE),
      entry("GET /api/0/organizations/{org}/monitors/{slug}/alert-rule/", Scope.READ),
      entry("PUT /api/0/organizations/{org}/monitors/{slug}/alert-rule/", Scope.WRITE),
      entry("DELETE /api/0/organizations/{org}/monitors/{slug}/alert-rule/", Scope.WRITE),
      entry("GET /api/0/organizations/{org}/projects/{project}/alert-rule/", Scope.READ),
      entry("PUT /api/0/organizations/{org}/projects/{project}/alert-rule/", Scope.WRITE),
      entry("DELETE /api/0/organizations/{org}/projects/{project}/alert-rule/", Scope.WRITE),
      entry("GET /api/0/organizations/{org}/monitors/{slug}/processing-errors/", Scope.READ),
      entry("DELETE /api/0/organizations/{org}/monitors/{slug}/processing-errors/{errorId}/", Scope.WRITE),
      entry("GET /api/0/projects/{org}/{project}/processing-errors/", Scope.READ),
      entry("DELETE /api/0/projects/{org}/{project}/processing-errors/{errorId}/", Scope.WRITE),
      entry("GET /api/0/organizations/{org}/maintenance-windows/", Scope.READ),
      entry("POST /api/0/organizations/{org}/maintenance-windows/", Scope.WRITE),
      entry("GET /api/0/organizations/{org}/maintenance-windows/{windowId}/", Scope.READ),
      entry("PUT /api/0/organizations/{org}/maintenance-windows/{windowId}/", Scope.WRITE),
      entry("DELETE /api/0/organizations/{org}/maintenance-windows/{windowId}/", Scope.WRITE),
      entry("GET /api/0/organizations/{org}/metrics/", Scope.READ),
      entry("GET /api/0/projects/{org}/{project}/metrics/", Scope.READ),
      entry("GET /api/0/projects/{org}/{project}/badge-key/", Scope.READ),
      entry("POST /api/0/projects/{org}/{project}/badge-key/", Scope.WRITE));

  private final Map<Scope, String> tokens = new java.util.EnumMap<>(Scope.class);
  private Map<String, String> existing;

  @BeforeAll
  void createTokensAndResources() {
    for (Scope scope : Scope.values()) {
      Response r = api("POST", orgPath("/api-tokens/"), "{\"name\":\"" + scope.wire() + "\",\"scopes\":[\"" + scope.wire() + "\"]}");
      tokens.put(scope, r.json().get("token").asText());
    }
    String checkInId = api("POST", orgPath("/monitors/scoped-job/checkins/"),
        "{\"status\":\"in_progress\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"@hourly\"}}}").json().get("id").asText();
    String key = api("POST", "/api/0/projects/" + org + "/default/keys/", "{\"name\":\"spare\"}").json().get("public").asText();
    String tokenId = api("GET", orgPath("/api-tokens/"), null).json().get(0).get("id").asText();
    String pingKey = api("GET", "/api/0/projects/" + org + "/default/ping-keys/", null).json().get(0).get("key").asText();
    existing = Map.of("org", org, "slug", "scoped-job", "checkInId", checkInId, "environment", "production",
        "project", "default", "keyId", key, "tokenId", tokenId, "channelId", "no-such-channel", "pingKey", pingKey);
    existing = new java.util.HashMap<>(existing);
    existing.put("errorId", droppedCheckInId());
    existing.put("windowId", "no-such-window");
  }

  /** A check-in for a monitor that does not exist, sent with the project's DSN key: the id of its processing error. */
  private String droppedCheckInId() {
    Response r = send("GET", "/api/" + stack.credentials().projectId() + "/cron/never-created/" + stack.credentials().publicKey() + "/?status=ok", null);
    assertThat(r.status()).isEqualTo(202);
    return api("GET", "/api/0/projects/" + org + "/default/processing-errors/", null).json().get(0).get("id").asText();
  }

  private List<ApiRoutes> tokenRoutes() {
    return ApiRoutes.all(stack.services().store(), clock).stream().filter(r -> !r.sentryIngestion() && !r.dashboard() && !r.ping() && !r.badge()).toList();
  }

  /** A body that would write if the request were allowed. */
  private static String body(ApiRoutes route) {
    return switch (route.toString()) {
      case "POST /api/0/organizations/{org}/monitors/{slug}/checkins/", "PUT /api/0/organizations/{org}/monitors/{slug}/checkins/{checkInId}/" ->
          "{\"status\":\"ok\"}";
      case "POST /api/0/organizations/{org}/monitors/" -> "{\"name\":\"Scoped new\",\"config\":{\"schedule_type\":\"crontab\",\"schedule\":\"@daily\"}}";
      case "PUT /api/0/organizations/{org}/monitors/{slug}/" -> "{\"name\":\"Renamed\"}";
      case "PUT /api/0/organizations/{org}/monitors/{slug}/environments/{environment}/" -> "{\"isMuted\":true}";
      case "POST /api/0/organizations/{org}/projects/" -> "{\"name\":\"Scoped project\"}";
      case "PUT /api/0/projects/{org}/{project}/" -> "{\"name\":\"Renamed project\"}";
      case "POST /api/0/projects/{org}/{project}/keys/" -> "{\"name\":\"new key\"}";
      case "POST /api/0/organizations/{org}/api-tokens/" -> "{\"name\":\"new token\",\"scopes\":[\"org:admin\"]}";
      default -> null;
    };
  }

  @Test
  void everyTokenRoute_isInTheTable() {
    Set<String> routes = tokenRoutes().stream().map(ApiRoutes::toString).collect(Collectors.toSet());

    assertThat(routes).containsExactlyInAnyOrderElementsOf(REQUIRED.keySet());
  }

  @Test
  void aTokenWithoutTheScope_isRefusedWith403_andNothingIsWritten() {
    var before = tableItems();
    for (ApiRoutes route : tokenRoutes()) {
      Scope required = REQUIRED.get(route.toString());
      for (Scope lesser : Scope.values()) {
        if (lesser.includes(required)) continue;
        Response r = send(route.method(), route.path(existing), body(route),
            "Authorization", "Bearer " + tokens.get(lesser), "Content-Type", "application/json");
        assertThat(r.status()).as(route + " with " + lesser.wire() + ": " + r.body()).isEqualTo(403);
      }
    }
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void aTokenWithExactlyTheScope_getsPastTheCheck() {
    // Unknown resources (or an empty body) so that getting past the check still changes nothing.
    Map<String, String> missing = Map.of("org", org, "slug", "no-such-job", "checkInId", "00000000-0000-4000-8000-000000000001",
        "environment", "nowhere", "project", "no-such-project", "keyId", "0".repeat(32), "tokenId", "no-such-token",
        "channelId", "no-such-channel", "pingKey", "no-such-ping-key", "errorId", "0".repeat(32));
    missing = new java.util.HashMap<>(missing);
    missing.put("windowId", "no-such-window");
    var before = tableItems();
    for (ApiRoutes route : tokenRoutes()) {
      Scope required = REQUIRED.get(route.toString());
      Response r = send(route.method(), route.path(missing), "{}", "Authorization", "Bearer " + tokens.get(required), "Content-Type", "application/json");
      assertThat(r.status()).as(route + " with " + required.wire() + ": " + r.body()).isNotIn(401, 403).isLessThan(500);
    }
    assertThat(tableItems()).isEqualTo(before);
  }
}
