package dev.cronmon.api;

import dev.cronmon.api.sentry.CheckInIds;
import dev.cronmon.api.sentry.SentryProtocolException;
import dev.cronmon.common.Json;
import dev.cronmon.common.Log;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.processing.ErrorList;
import dev.cronmon.domain.processing.ProcessingError;
import dev.cronmon.domain.processing.Problem;
import dev.cronmon.domain.service.ProcessingErrors;
import dev.cronmon.domain.service.Projects;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.tenant.Project;
import dev.cronmon.domain.tenant.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Processing errors through the API, on Sentry's paths and in its shape (docs/api.md): a monitor's list, a project's
 * list (check-ins for monitors that do not exist), and dismissing one error. Reads need {@code org:read}, dismissing
 * {@code org:write}.
 */
final class ProcessingErrorRoutes {
  private final CronStore store;
  private final Authenticator auth;
  private final Projects projects;
  private final ProcessingErrors errors;

  ProcessingErrorRoutes(CronStore store, Clock clock, Authenticator auth) {
    this.store = store;
    this.auth = auth;
    this.projects = new Projects(store);
    this.errors = new ProcessingErrors(store, clock);
  }

  void register(Router router) {
    router.add("GET", "/api/0/organizations/{org}/monitors/{slug}/processing-errors/", this::monitorErrors);
    router.add("DELETE", "/api/0/organizations/{org}/monitors/{slug}/processing-errors/{errorId}/", this::deleteMonitorError);
    router.add("GET", "/api/0/projects/{org}/{project}/processing-errors/", this::projectErrors);
    router.add("DELETE", "/api/0/projects/{org}/{project}/processing-errors/{errorId}/", this::deleteProjectError);
  }

  private ApiResponse monitorErrors(ApiRequest request, Map<String, String> params) {
    auth.require(request, params.get("org"), Scope.READ);
    return list(request, ErrorList.ofMonitor(monitor(params).id()));
  }

  private ApiResponse projectErrors(ApiRequest request, Map<String, String> params) {
    auth.require(request, params.get("org"), Scope.READ);
    return list(request, ErrorList.ofProject(project(params).id()));
  }

  private ApiResponse list(ApiRequest request, ErrorList list) {
    return ManageApi.paged(request, errors.list(list).stream().map(e -> (Object) view(e)).toList(), null);
  }

  /** Sentry answers 204 whether or not the error was still there: dismissing is idempotent. */
  private ApiResponse deleteMonitorError(ApiRequest request, Map<String, String> params) {
    auth.require(request, params.get("org"), Scope.WRITE);
    UUID id = errorId(params);
    Monitor monitor = monitor(params);
    if (errors.delete(ErrorList.ofMonitor(monitor.id()), id)) Log.info("processing error dismissed", "monitor", monitor.slug(), "processingErrorId", id.toString());
    return ApiResponse.json(204, "");
  }

  private ApiResponse deleteProjectError(ApiRequest request, Map<String, String> params) {
    auth.require(request, params.get("org"), Scope.WRITE);
    UUID id = errorId(params);
    Project project = project(params);
    if (errors.deleteInProject(params.get("org"), project.id(), id)) Log.info("processing error dismissed", "project", project.id(), "processingErrorId", id.toString());
    return ApiResponse.json(204, "");
  }

  private Monitor monitor(Map<String, String> params) {
    return store.monitor(params.get("org"), params.get("slug")).orElseThrow(() -> ApiException.notFound("Monitor"));
  }

  private Project project(Map<String, String> params) {
    return projects.byIdOrSlug(params.get("org"), params.get("project")).orElseThrow(() -> ApiException.notFound("Project"));
  }

  private static UUID errorId(Map<String, String> params) {
    try {
      return CheckInIds.normalize(params.get("errorId")).orElseThrow(() -> ApiException.detail(400, "Invalid UUID"));
    } catch (SentryProtocolException e) {
      throw ApiException.detail(400, "Invalid UUID");
    }
  }

  /**
   * Sentry's shape: {@code {id, checkin: {ts, payload, …}, errors: [{type, …}]}}, the type as Sentry's integer code,
   * with its name and cronmon's sentence ({@code detail}) beside it. The payload is the check-in's JSON when it still
   * parses (a cut one may not), else its text.
   */
  static Map<String, Object> view(ProcessingError e) {
    Map<String, Object> checkin = new LinkedHashMap<>();
    checkin.put("ts", Views.iso(e.received()));
    checkin.put("source", e.source());
    checkin.put("projectId", e.projectId());
    checkin.put("monitorSlug", e.monitorSlug());
    Object payload = e.payload();
    if (e.payload() != null) {
      try {
        payload = Json.parse(e.payload().getBytes(StandardCharsets.UTF_8));
      } catch (Json.MalformedJsonException notJson) {
        checkin.put("payloadTruncated", true);
      }
    }
    checkin.put("payload", payload);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", e.id().toString().replace("-", ""));
    v.put("checkin", checkin);
    v.put("errors", e.errors().stream().map(ProcessingErrorRoutes::problem).toList());
    return v;
  }

  private static Map<String, Object> problem(Problem p) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("type", p.type().code());
    v.put("name", p.type().name());
    v.put("detail", p.detail());
    v.putAll(p.data());
    if (!p.fieldErrors().isEmpty()) v.put("errors", p.fieldErrors());
    return v;
  }
}
