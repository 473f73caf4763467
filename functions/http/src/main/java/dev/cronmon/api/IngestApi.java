package dev.cronmon.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import dev.cronmon.domain.checkin.CheckInLimits;
import dev.cronmon.domain.hearing.Deafness;
import dev.cronmon.domain.metrics.Metrics;
import dev.cronmon.domain.service.CheckInService;
import dev.cronmon.domain.service.MonitorService;
import dev.cronmon.domain.service.ProcessingErrors;
import dev.cronmon.domain.store.CheckInRead;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.tenant.Limits;
import dev.cronmon.domain.tenant.Project;
import dev.cronmon.domain.service.Projects;
import dev.cronmon.domain.checkin.RunReport;
import dev.cronmon.domain.service.Pings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** The routes of the ingest function: the hot path of check-ins. */
public final class IngestApi {
  private final Router router = new Router();
  private final Projects projects;
  private final Authenticator auth;
  private final CheckInIntake intake;
  private final CheckInLimits checkInLimits;

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
    this(store, clock, checkInLimits, limits, Deafness.Source.NONE);
  }

  /** {@code deafness}: when cronmon could not hear check-ins, for the slots a late check-in marks (docs/semantics.md U1). */
  public IngestApi(CronStore store, Clock clock, CheckInLimits checkInLimits, Limits limits, Deafness.Source deafness) {
    this(store, clock, checkInLimits, limits, deafness, Metrics.NONE);
  }

  /**
   * {@code metrics} counts check-ins taken and refused: refused when a route answers an error, or when a Sentry route
   * drops the check-in into the processing errors instead.
   */
  public IngestApi(CronStore store, Clock clock, CheckInLimits checkInLimits, Limits limits, Deafness.Source deafness,
                   Metrics metrics) {
    this.projects = new Projects(store);
    this.auth = new Authenticator(store);
    this.intake = new CheckInIntake(store, new MonitorService(store, clock, limits),
        new CheckInService(store, clock, checkInLimits, limits, deafness), metrics);
    this.checkInLimits = checkInLimits;
    new SentryRoutes(auth, intake, new DroppedCheckIns(store, new ProcessingErrors(store, clock), metrics), router);
    router.onRefusal(refused -> metrics.checkInRefused(refused.refusalReason()));
    new PingRoutes(store, intake, new Pings(store, clock), checkInLimits, router);
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
    JsonNode body;
    UUID id;
    CheckInRead readAhead;
    try {
      body = Requests.objectBody(request);
      id = Requests.checkInId(rawId != null ? rawId : Requests.text(body, "check_in_id"));
      readAhead = intake.readAhead(Authenticator.checkInCredential(request), org, params.get("slug"), Requests.text(body, "environment"), id);
    } catch (ApiException badInput) {
      auth.requireCheckIn(request, org); // a stranger is refused before learning what was wrong with the body
      throw badInput;
    }
    var principal = auth.requireCheckIn(request, org, readAhead);
    Supplier<String> projectId = principal.projectId() != null ? principal::projectId : () -> defaultProject(org);
    Double durationMs = Requests.number(body, "duration");
    // cronmon's extension: the job's output, kept beside the check-in (docs/semantics.md rule C12).
    String output = Requests.text(body, "output");
    RunReport report = output == null ? RunReport.NONE
        : new RunReport(null, null, checkInLimits.output(output.getBytes(StandardCharsets.UTF_8)), false);
    CheckInIntake.Accepted accepted = intake.submit(new CheckInIntake.Submission(org, projectId, params.get("slug"),
        Requests.text(body, "status"), id, Requests.text(body, "environment"), durationMs == null ? null : Math.round(durationMs),
        body.get("monitor_config"), null, principal.projectId() != null, report), readAhead);
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
