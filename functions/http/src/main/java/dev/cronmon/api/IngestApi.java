package dev.cronmon.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import dev.cronmon.domain.checkin.CheckInLimits;
import dev.cronmon.domain.checkin.CheckInService;
import dev.cronmon.domain.monitor.MonitorService;
import dev.cronmon.domain.processing.ProcessingErrors;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.tenant.Limits;
import dev.cronmon.domain.tenant.Project;
import dev.cronmon.domain.tenant.Projects;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The routes of the ingest function: the hot path of check-ins. */
public final class IngestApi {
  private final Router router = new Router();
  private final Projects projects;
  private final Authenticator auth;
  private final CheckInIntake intake;

  public IngestApi(CronStore store, Clock clock) {
    this(store, clock, CheckInLimits.DEFAULTS, Limits.DEFAULT);
  }

  public IngestApi(CronStore store, Clock clock, Limits limits) {
    this(store, clock, CheckInLimits.DEFAULTS, limits);
  }

  public IngestApi(CronStore store, Clock clock, CheckInLimits checkInLimits) {
    this(store, clock, checkInLimits, Limits.DEFAULT);
  }

  public IngestApi(CronStore store, Clock clock, CheckInLimits checkInLimits, Limits limits) {
    this.projects = new Projects(store);
    this.auth = new Authenticator(store);
    this.intake = new CheckInIntake(new MonitorService(store, clock, limits), new CheckInService(store, clock, checkInLimits, limits));
    new SentryRoutes(store, intake, new DroppedCheckIns(store, new ProcessingErrors(store, clock)), router);
    router.add("POST", "/api/0/organizations/{org}/monitors/{slug}/checkins/", this::createCheckIn);
    router.add("PUT", "/api/0/organizations/{org}/monitors/{slug}/checkins/{checkInId}/", this::updateCheckIn);
  }

  public Router router() {
    return router;
  }

  public ApiResponse handle(ApiRequest request) {
    return router.handle(request);
  }

  private ApiResponse createCheckIn(ApiRequest request, Map<String, String> params) {
    return orgCheckIn(request, params, null, 201);
  }

  private ApiResponse updateCheckIn(ApiRequest request, Map<String, String> params) {
    return orgCheckIn(request, params, params.get("checkInId"), 200);
  }

  private ApiResponse orgCheckIn(ApiRequest request, Map<String, String> params, String rawId, int successStatus) {
    String org = params.get("org");
    var principal = auth.requireCheckIn(request, org);
    JsonNode body = Requests.objectBody(request);
    Supplier<String> projectId = principal.projectId() != null ? principal::projectId : () -> defaultProject(org);
    Double durationMs = Requests.number(body, "duration");
    CheckInIntake.Accepted accepted = intake.submit(new CheckInIntake.Submission(org, projectId, params.get("slug"),
        Requests.text(body, "status"), Requests.checkInId(rawId != null ? rawId : Requests.text(body, "check_in_id")),
        Requests.text(body, "environment"), durationMs == null ? null : Math.round(durationMs),
        body.get("monitor_config"), null, principal.projectId() != null));
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("id", accepted.id().toString());
    // The check-in was kept but its monitor_config was not applied (docs/semantics.md): say why where the caller looks first.
    if (!accepted.configErrors().isEmpty()) response.put("configError", accepted.configErrors().message("monitor_config."));
    return ApiResponse.json(successStatus, Json.write(response));
  }

  /** Monitors created through the org API with a token land in the organization's oldest project. */
  private String defaultProject(String org) {
    return projects.defaultProject(org).map(Project::id)
        .orElseThrow(() -> ApiException.detail(400, "Organization has no project to create monitors in"));
  }
}
