package dev.cronmon.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import dev.cronmon.common.Log;
import dev.cronmon.domain.maintenance.MaintenanceWindow;
import dev.cronmon.domain.maintenance.codec.MaintenanceWindowJson;
import dev.cronmon.domain.service.MaintenanceAdmin;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.tenant.Project;
import dev.cronmon.domain.tenant.Scope;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An organization's maintenance windows (docs/api.md, docs/semantics.md rules M1–M5): list (all, or those applying to
 * one monitor with {@code ?monitor=<slug>}), create, read, replace, delete. Each window is shown with its period under
 * way or next ({@code period}, {@code active}). Reads need {@code org:read}, changes {@code org:write}.
 */
final class MaintenanceRoutes {
  private static final String WINDOWS = "/api/0/organizations/{org}/maintenance-windows/";
  private static final String WINDOW = "/api/0/organizations/{org}/maintenance-windows/{windowId}/";

  private final CronStore store;
  private final Authenticator auth;
  private final MaintenanceAdmin admin;

  MaintenanceRoutes(CronStore store, Clock clock, Authenticator auth) {
    this.store = store;
    this.auth = auth;
    this.admin = new MaintenanceAdmin(store, clock);
  }

  void register(Router router) {
    router.add("GET", WINDOWS, this::list);
    router.add("POST", WINDOWS, this::create);
    router.add("GET", WINDOW, this::get);
    router.add("PUT", WINDOW, this::replace);
    router.add("DELETE", WINDOW, this::delete);
  }

  private ApiResponse list(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.READ);
    Map<String, String> projectSlugs = projectSlugs(org);
    List<Object> body = admin.windows(org, request.queryParam("monitor").orElse(null)).stream()
        .map(s -> (Object) view(s, projectSlugs)).toList();
    return ApiResponse.json(200, Json.write(body));
  }

  private ApiResponse create(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.WRITE);
    MaintenanceWindow created = admin.create(org, parse(request));
    Log.info("maintenance window created", "organization", org, "maintenanceWindow", created.id());
    return ApiResponse.json(201, Json.write(view(admin.scheduled(created), projectSlugs(org))));
  }

  private ApiResponse get(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.READ);
    return ApiResponse.json(200, Json.write(view(admin.scheduled(admin.window(org, params.get("windowId"))), projectSlugs(org))));
  }

  private ApiResponse replace(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.WRITE);
    admin.window(org, params.get("windowId")); // an unknown window is a 404 before its body is judged
    MaintenanceWindow replaced = admin.replace(org, params.get("windowId"), parse(request));
    Log.info("maintenance window replaced", "organization", org, "maintenanceWindow", replaced.id());
    return ApiResponse.json(200, Json.write(view(admin.scheduled(replaced), projectSlugs(org))));
  }

  private ApiResponse delete(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.WRITE);
    MaintenanceWindow deleted = admin.delete(org, params.get("windowId"));
    Log.info("maintenance window deleted", "organization", org, "maintenanceWindow", deleted.id());
    return new ApiResponse(204, Map.of(), "");
  }

  private static MaintenanceWindowJson.Parsed parse(ApiRequest request) {
    JsonNode body = Requests.objectBody(request);
    MaintenanceWindowJson.Parsed parsed = MaintenanceWindowJson.parse(body);
    if (!parsed.valid()) throw ApiException.fields(parsed.errors());
    return parsed;
  }

  private Map<String, String> projectSlugs(String org) {
    return store.projects(org).stream().collect(Collectors.toMap(Project::id, Project::slug, (a, b) -> a));
  }

  static Map<String, Object> view(MaintenanceAdmin.Scheduled scheduled, Map<String, String> projectSlugs) {
    MaintenanceWindow w = scheduled.window();
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", w.id());
    v.put("name", w.name());
    if (w.timing() instanceof MaintenanceWindow.OneOff once) {
      v.put("start", Views.iso(once.start()));
      v.put("end", Views.iso(once.end()));
      v.put("duration", Duration.between(once.start(), once.end()).toMinutes());
    } else if (w.timing() instanceof MaintenanceWindow.Recurring every) {
      v.put("schedule", every.schedule().expression());
      v.put("timezone", every.timezone().getId());
      v.put("duration", every.duration().toMinutes());
    }
    if (w.target() instanceof MaintenanceWindow.Monitors m) v.put("monitors", m.slugs());
    else if (w.target() instanceof MaintenanceWindow.Project p) v.put("project", projectSlugs.getOrDefault(p.projectId(), p.projectId()));
    else if (w.target() instanceof MaintenanceWindow.OwnedBy o) v.put("owner", o.owner().value());
    v.put("active", scheduled.active());
    v.put("period", scheduled.period().map(p -> {
      Map<String, Object> period = new LinkedHashMap<>();
      period.put("start", Views.iso(p.start()));
      period.put("end", Views.iso(p.end()));
      return (Object) period;
    }).orElse(null));
    v.put("dateCreated", Views.iso(w.dateCreated()));
    return v;
  }
}
