package dev.cronmon.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import dev.cronmon.common.Log;
import dev.cronmon.domain.monitor.FieldErrors;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.tenant.ApiToken;
import dev.cronmon.domain.tenant.DsnKey;
import dev.cronmon.domain.tenant.Limits;
import dev.cronmon.domain.tenant.Organization;
import dev.cronmon.domain.service.OrganizationAdmin;
import dev.cronmon.domain.tenant.PingKey;
import dev.cronmon.domain.tenant.Project;
import dev.cronmon.domain.tenant.Scope;
import java.time.Clock;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The organization's administration, on Sentry's paths: the organization, its projects, their DSN keys, and API
 * tokens. Reading the organization and its projects takes {@code org:read}; listing DSN keys {@code org:write} (a key
 * can send check-ins, which is writing); everything that creates, changes or revokes takes {@code org:admin}.
 */
final class AdminRoutes {
  private final CronStore store;
  private final Authenticator auth;
  private final Limits limits;
  private final OrganizationAdmin admin;

  AdminRoutes(CronStore store, Clock clock, Authenticator auth, Limits limits, Router router) {
    this.store = store;
    this.auth = auth;
    this.limits = limits;
    this.admin = new OrganizationAdmin(store, clock);

    router.add("GET", "/api/0/organizations/{org}/", this::getOrganization);
    router.add("GET", "/api/0/organizations/{org}/projects/", this::listProjects);
    router.add("POST", "/api/0/organizations/{org}/projects/", this::createProject);
    router.add("GET", "/api/0/projects/{org}/{project}/", this::getProject);
    router.add("PUT", "/api/0/projects/{org}/{project}/", this::updateProject);
    router.add("DELETE", "/api/0/projects/{org}/{project}/", this::deleteProject);
    router.add("GET", "/api/0/projects/{org}/{project}/keys/", this::listKeys);
    router.add("POST", "/api/0/projects/{org}/{project}/keys/", this::createKey);
    router.add("DELETE", "/api/0/projects/{org}/{project}/keys/{keyId}/", this::revokeKey);
    router.add("GET", "/api/0/projects/{org}/{project}/ping-keys/", this::listPingKeys);
    router.add("POST", "/api/0/projects/{org}/{project}/ping-keys/", this::rotatePingKey);
    router.add("DELETE", "/api/0/projects/{org}/{project}/ping-keys/{pingKey}/", this::revokePingKey);
    router.add("GET", "/api/0/organizations/{org}/api-tokens/", this::listTokens);
    router.add("POST", "/api/0/organizations/{org}/api-tokens/", this::createToken);
    router.add("DELETE", "/api/0/organizations/{org}/api-tokens/{tokenId}/", this::revokeToken);
  }

  private ApiResponse getOrganization(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.READ);
    Organization organization = store.organization(org).orElseThrow(() -> ApiException.notFound("Organization"));
    return ApiResponse.json(200, Json.write(Views.organization(organization, limits.forOrganization(organization))));
  }

  private ApiResponse listProjects(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.READ);
    List<Object> body = store.projects(org).stream()
        .sorted(Comparator.comparing(Project::dateCreated).thenComparing(Project::slug))
        .map(p -> (Object) Views.project(p)).toList();
    return ApiResponse.json(200, Json.write(body));
  }

  private ApiResponse createProject(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.ADMIN);
    JsonNode body = Requests.objectBody(request);
    Project created = admin.createProject(org, Requests.text(body, "name"), Requests.text(body, "slug"));
    Log.info("project created", "organization", org, "project", created.id());
    return ApiResponse.json(201, Json.write(Views.project(created)));
  }

  private ApiResponse getProject(ApiRequest request, Map<String, String> params) {
    auth.require(request, params.get("org"), Scope.READ);
    return ApiResponse.json(200, Json.write(Views.project(project(params))));
  }

  private ApiResponse updateProject(ApiRequest request, Map<String, String> params) {
    auth.require(request, params.get("org"), Scope.ADMIN);
    Project project = project(params);
    JsonNode body = Requests.objectBody(request);
    Project updated = admin.updateProject(project, Requests.text(body, "name"), Requests.text(body, "slug"));
    Log.info("project updated", "organization", project.organization(), "project", project.id());
    return ApiResponse.json(200, Json.write(Views.project(updated)));
  }

  private ApiResponse deleteProject(ApiRequest request, Map<String, String> params) {
    auth.require(request, params.get("org"), Scope.ADMIN);
    Project project = project(params);
    admin.deleteProject(project);
    Log.info("project deleted", "organization", project.organization(), "project", project.id());
    return ApiResponse.json(204, "");
  }

  private ApiResponse listKeys(ApiRequest request, Map<String, String> params) {
    auth.require(request, params.get("org"), Scope.WRITE);
    Project project = project(params);
    String base = Requests.baseUrl(request);
    return ApiResponse.json(200, Json.write(store.dsnKeys(project.id()).stream().map(k -> (Object) Views.key(k, base)).toList()));
  }

  private ApiResponse createKey(ApiRequest request, Map<String, String> params) {
    auth.require(request, params.get("org"), Scope.ADMIN);
    Project project = project(params);
    JsonNode body = Requests.objectBody(request);
    DsnKey created = admin.createKey(project, Requests.text(body, "name"));
    Log.info("dsn key created", "organization", project.organization(), "project", project.id(), "key", created.publicKey());
    return ApiResponse.json(201, Json.write(Views.key(created, Requests.baseUrl(request))));
  }

  private ApiResponse revokeKey(ApiRequest request, Map<String, String> params) {
    auth.require(request, params.get("org"), Scope.ADMIN);
    Project project = project(params);
    DsnKey key = admin.key(project, params.get("keyId"));
    admin.revokeKey(key);
    Log.info("dsn key revoked", "organization", project.organization(), "project", project.id(), "key", key.publicKey());
    return ApiResponse.json(204, "");
  }

  /** The project's ping key (none or one), as DSN keys are listed: it can send check-ins. */
  private ApiResponse listPingKeys(ApiRequest request, Map<String, String> params) {
    auth.require(request, params.get("org"), Scope.WRITE);
    Project project = project(params);
    String base = Requests.baseUrl(request);
    return ApiResponse.json(200, Json.write(admin.pingKey(project).stream().map(k -> (Object) Views.pingKey(k, base)).toList()));
  }

  /** A new ping key for the project: its first, or in place of the old one, whose slug URLs stop working at once (rule P3). */
  private ApiResponse rotatePingKey(ApiRequest request, Map<String, String> params) {
    auth.require(request, params.get("org"), Scope.ADMIN);
    Project project = project(params);
    PingKey key = admin.rotatePingKey(project);
    Log.info("ping key rotated", "organization", project.organization(), "project", project.id());
    return ApiResponse.json(201, Json.write(Views.pingKey(key, Requests.baseUrl(request))));
  }

  private ApiResponse revokePingKey(ApiRequest request, Map<String, String> params) {
    auth.require(request, params.get("org"), Scope.ADMIN);
    Project project = project(params);
    admin.revokePingKey(project, params.get("pingKey"));
    Log.info("ping key revoked", "organization", project.organization(), "project", project.id());
    return ApiResponse.json(204, "");
  }

  private ApiResponse listTokens(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.ADMIN);
    return ApiResponse.json(200, Json.write(store.tokens(org).stream().map(t -> (Object) Views.token(t, null)).toList()));
  }

  private ApiResponse createToken(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.ADMIN);
    JsonNode body = Requests.objectBody(request);
    FieldErrors errors = new FieldErrors();
    Set<Scope> scopes = scopes(body.get("scopes"), errors);
    String name = Requests.text(body, "name");
    if (!errors.isEmpty()) throw ApiException.fields(errors);
    OrganizationAdmin.NewToken created = admin.createToken(org, name, scopes);
    Log.info("api token created", "organization", org, "token", created.token().id());
    return ApiResponse.json(201, Json.write(Views.token(created.token(), created.secret())));
  }

  private ApiResponse revokeToken(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.ADMIN);
    ApiToken token = admin.token(org, params.get("tokenId"));
    admin.revokeToken(token);
    Log.info("api token revoked", "organization", org, "token", token.id());
    return ApiResponse.json(204, "");
  }

  /** The project of the path, looked up within the path's organization only (the caller's, once authenticated). */
  private Project project(Map<String, String> params) {
    return admin.project(params.get("org"), params.get("project"));
  }

  private static Set<Scope> scopes(JsonNode node, FieldErrors errors) {
    if (node == null || node.isNull()) {
      errors.add("scopes", "This field is required.");
      return Set.of();
    }
    if (!node.isArray()) {
      errors.add("scopes", "Expected a list of scopes, like [\"org:read\"].");
      return Set.of();
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (JsonNode s : node) {
      Scope scope = s.isTextual() ? Scope.fromWire(s.textValue()).orElse(null) : null;
      if (scope == null) {
        errors.add("scopes", "\"" + Requests.truncate(s.asText()) + "\" is not a valid choice (org:read, org:write, org:admin).");
        return Set.of();
      }
      scopes.add(scope);
    }
    return scopes;
  }
}
