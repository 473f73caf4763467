package dev.cronmon.api;

import dev.cronmon.api.badge.BadgeSvg;
import dev.cronmon.common.Json;
import dev.cronmon.common.Log;
import dev.cronmon.domain.monitor.BadgeState;
import dev.cronmon.domain.service.Badges;
import dev.cronmon.domain.service.Projects;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.tenant.BadgeKey;
import dev.cronmon.domain.tenant.Project;
import dev.cronmon.domain.tenant.Scope;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Status badges (docs/semantics.md rules G1–G3): public URLs with the project's badge key, no token, in healthchecks'
 * three formats ({@code .svg}, {@code .json}, {@code .shields}); and the key's own routes (read it, rotate it). A
 * badge URL that shows nothing (unknown or rotated key, a monitor of another project, an unknown format) is one 404.
 */
final class BadgeRoutes {
  /** Badges change with the monitors: caches (GitHub's image proxy, browsers) may keep one for half a minute. */
  static final String CACHE_CONTROL = "public, max-age=30";
  private static final String[] FORMATS = {"svg", "json", "shields"};

  private final Authenticator auth;
  private final Badges badges;
  private final Projects projects;

  BadgeRoutes(CronStore store, Clock clock, Authenticator auth) {
    this.auth = auth;
    this.badges = new Badges(store, clock);
    this.projects = new Projects(store);
  }

  void register(Router router) {
    router.add("GET", "/badge/{file}", this::projectBadge);
    router.add("GET", "/badge/{key}/{file}", this::monitorBadge);
    router.add("GET", "/api/0/projects/{org}/{project}/badge-key/", this::getKey);
    router.add("POST", "/api/0/projects/{org}/{project}/badge-key/", this::rotateKey);
  }

  private ApiResponse projectBadge(ApiRequest request, Map<String, String> params) {
    String[] file = file(params.get("file"));
    return answer(badges.ofProject(file[0]), file[1]);
  }

  private ApiResponse monitorBadge(ApiRequest request, Map<String, String> params) {
    String[] file = file(params.get("file"));
    return answer(badges.ofMonitor(params.get("key"), file[0]), file[1]);
  }

  /** {@code name.format} → {name, format}; an unknown format shows nothing. */
  private static String[] file(String file) {
    int dot = file.lastIndexOf('.');
    if (dot > 0) {
      String format = file.substring(dot + 1);
      for (String known : FORMATS) if (known.equals(format)) return new String[] {file.substring(0, dot), format};
    }
    throw notFound();
  }

  private static ApiException notFound() {
    return ApiException.detail(404, "Badge not found");
  }

  private static ApiResponse answer(Optional<Badges.Badge> found, String format) {
    Badges.Badge badge = found.orElseThrow(BadgeRoutes::notFound);
    ApiResponse response = switch (format) {
      case "svg" -> ApiResponse.text(200, "image/svg+xml", BadgeSvg.render(badge.label(), badge.state()))
          .withHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
      case "json" -> ApiResponse.json(200, Json.write(json(badge)));
      default -> ApiResponse.json(200, Json.write(shields(badge)));
    };
    return response.withHeader("Cache-Control", CACHE_CONTROL).withHeader("Access-Control-Allow-Origin", "*")
        .withHeader("X-Content-Type-Options", "nosniff");
  }

  /** healthchecks' JSON badge ({@code grace}: its name for late), with the label. */
  private static Map<String, Object> json(Badges.Badge badge) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("label", badge.label());
    out.put("status", badge.state().wire());
    out.put("total", badge.total());
    out.put("grace", badge.late());
    out.put("down", badge.down());
    return out;
  }

  /** Shields.io's endpoint badge schema. */
  private static Map<String, Object> shields(Badges.Badge badge) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("schemaVersion", 1);
    out.put("label", badge.label());
    out.put("message", badge.state().wire());
    out.put("color", badge.state() == BadgeState.UP ? "success" : badge.state() == BadgeState.LATE ? "important" : "critical");
    return out;
  }

  private ApiResponse getKey(ApiRequest request, Map<String, String> params) {
    Project project = project(request, params, Scope.READ);
    return ApiResponse.json(200, Json.write(view(badges.keyOf(project), Requests.baseUrl(request))));
  }

  /** Rule G3: a new key; every badge URL with the old one stops working at once. */
  private ApiResponse rotateKey(ApiRequest request, Map<String, String> params) {
    Project project = project(request, params, Scope.WRITE);
    BadgeKey key = badges.rotate(project);
    Log.info("badge key rotated", "organization", project.organization(), "project", project.id());
    return ApiResponse.json(201, Json.write(view(key, Requests.baseUrl(request))));
  }

  private Project project(ApiRequest request, Map<String, String> params, Scope scope) {
    String org = params.get("org");
    auth.require(request, org, scope);
    return projects.byIdOrSlug(org, params.get("project")).orElseThrow(() -> ApiException.notFound("Project"));
  }

  private static Map<String, Object> view(BadgeKey key, String requestBase) {
    String baseUrl = requestBase == null ? "" : requestBase;
    Map<String, Object> project = new LinkedHashMap<>();
    Map<String, Object> monitor = new LinkedHashMap<>();
    for (String format : FORMATS) {
      project.put(format, baseUrl + "/badge/" + key.key() + "." + format);
      monitor.put(format, baseUrl + "/badge/" + key.key() + "/{slug}." + format);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key", key.key());
    out.put("projectId", key.projectId());
    out.put("dateCreated", key.dateCreated().toString());
    out.put("project", project);
    out.put("monitor", monitor);
    return out;
  }
}
