package dev.cronmon.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.api.ping.PingPath;
import dev.cronmon.common.Json;
import dev.cronmon.domain.checkin.CheckInLimits;
import dev.cronmon.domain.checkin.JobOutput;
import dev.cronmon.domain.checkin.RunFacts;
import dev.cronmon.domain.checkin.RunReport;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.service.Pings;
import dev.cronmon.domain.store.CheckInRead;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.store.Credential;
import dev.cronmon.domain.tenant.PingKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * healthchecks.io's pinging API (docs/api.md, "Pinging API"), so that jobs, wrappers and clients written for
 * healthchecks only change their base URL: {@code /ping/<uuid>} and {@code /ping/<ping-key>/<slug>}, each with
 * {@code /start}, {@code /fail}, {@code /log} or {@code /<exit-status>}, by HEAD, GET or POST, answered with
 * healthchecks' status codes and short text bodies. A ping is a check-in like any other (docs/semantics.md rules
 * C10–C14, P1–P3): the monitor's schedule, margin, environment and rate limit apply.
 */
final class PingRoutes {
  static final String CONTENT_TYPE = "text/plain; charset=utf-8";
  /** The path parameters of the three routes, in path order. */
  private static final List<String> SEGMENTS = List.of("uuid", "uuidOrPingKey", "signalOrSlug", "pingKey", "slug", "signal");
  /** healthchecks' defaults for a check auto-provisioned by {@code ?create=1}: a period of 1 day, 1 hour of grace. */
  static final JsonNode CREATED_CONFIG = Json.parse("""
      {"schedule": {"type": "interval", "value": 1, "unit": "day"}, "checkin_margin": 60}""".getBytes(java.nio.charset.StandardCharsets.UTF_8));

  private final CronStore store;
  private final CheckInIntake intake;
  private final Pings pings;
  private final CheckInLimits limits;

  PingRoutes(CronStore store, CheckInIntake intake, Pings pings, CheckInLimits limits, Router router) {
    this.store = store;
    this.intake = intake;
    this.pings = pings;
    this.limits = limits;
    for (String method : List.of("HEAD", "GET", "POST")) {
      router.add(method, "/ping/{uuid}", this::ping);
      router.add(method, "/ping/{uuidOrPingKey}/{signalOrSlug}", this::ping);
      router.add(method, "/ping/{pingKey}/{slug}/{signal}", this::ping);
    }
  }

  private ApiResponse ping(ApiRequest request, Map<String, String> params) {
    List<String> segments = new ArrayList<>();
    for (String name : SEGMENTS) if (params.containsKey(name)) segments.add(params.get(name));
    try {
      PingPath path = PingPath.parse(String.join("/", segments));
      if (path instanceof PingPath.Invalid invalid) return text(invalid.status(), invalid.text());
      // Read ahead with the run id only when it is one: a malformed one is refused after the address is found (404 first).
      UUID runId = request.queryParam("rid").filter(r -> PingPath.UUID_SEGMENT.matcher(r).matches()).map(UUID::fromString).orElse(null);
      String environment = request.queryParam("environment").filter(e -> !e.isEmpty()).orElse(null);
      if (path instanceof PingPath.ByUuid byUuid) {
        // The ping UUID, its monitor and environment: one read (docs/data-model.md, "Round trips and units of a check-in").
        CheckInRead read = intake.readAhead(Credential.pingId(byUuid.pingId()), null, null, environment, runId);
        Monitor monitor = pings.monitorOf(byUuid.pingId(), read).orElseThrow(PingRoutes::notFound);
        return signal(request, monitor.organization(), monitor.slug(), monitor.projectId(), monitor, byUuid.signal(), false,
            environment, read);
      }
      PingPath.BySlug bySlug = (PingPath.BySlug) path;
      CheckInRead read = intake.readAhead(Credential.pingKey(bySlug.pingKey()), null, bySlug.slug(), environment, runId);
      PingKey key = pings.project(bySlug.pingKey(), read).orElseThrow(PingRoutes::notFound);
      boolean create = "1".equals(request.queryParam("create").orElse(null));
      Optional<Monitor> monitor = read.monitor() != null && read.monitor().monitor().slug().equals(bySlug.slug())
          ? Optional.of(read.monitor().monitor()) : store.monitor(key.organization(), bySlug.slug());
      if (monitor.isPresent() && !monitor.get().projectId().equals(key.projectId())) {
        // Slugs are unique per organization here: the slug is taken by a monitor of another project.
        if (create) throw ApiException.detail(409, "slug in use by another project");
        throw notFound();
      }
      if (monitor.isEmpty() && !create) throw notFound();
      return signal(request, key.organization(), bySlug.slug(), key.projectId(), monitor.orElse(null), bySlug.signal(), monitor.isEmpty(),
          environment, read);
    } catch (ApiException refused) {
      ApiResponse response = text(refused.status(), textOf(refused));
      for (Map.Entry<String, String> h : refused.headers().entrySet()) response = response.withHeader(h.getKey(), h.getValue());
      return response;
    }
  }

  /**
   * The check-in a signal makes. {@code monitor} is null when {@code create} (healthchecks' {@code ?create=1}) is to
   * make it, with healthchecks' defaults, in the ping key's project.
   */
  private ApiResponse signal(ApiRequest request, String organization, String slug, String projectId, Monitor monitor,
                             PingPath.Signal signal, boolean create, String environment, CheckInRead read) {
    UUID rid = rid(request);
    JobOutput output = limits.output(request.body());
    if (signal.kind() == PingPath.Kind.LOG) {
      Monitor target = create ? intake.createMonitor(organization, projectId, slug, CREATED_CONFIG) : monitor;
      intake.note(target, environment, output);
      return ok(create);
    }
    String status;
    RunReport report;
    switch (signal.kind()) {
      case START -> {
        status = "in_progress";
        report = new RunReport(null, null, output, true);
      }
      case FAIL -> {
        status = "error";
        report = new RunReport(null, RunFacts.FAIL_SIGNALLED, output, false);
      }
      case EXIT_STATUS -> {
        int exit = signal.exitStatus();
        status = exit == 0 ? "ok" : "error";
        report = new RunReport(exit, exit == 0 ? null : RunFacts.exited(exit), output, false);
      }
      default -> {
        status = "ok";
        report = new RunReport(null, null, output, false);
      }
    }
    intake.submit(new CheckInIntake.Submission(organization, () -> projectId, slug, status, rid, environment, null,
        create ? CREATED_CONFIG : null, null, true, report), read);
    return ok(create);
  }

  /** {@code ?rid=}: a UUID in its canonical text form, or none; anything else is 400 as healthchecks answers it. */
  private static UUID rid(ApiRequest request) {
    String rid = request.queryParam("rid").orElse(null);
    if (rid == null) return null;
    if (!PingPath.UUID_SEGMENT.matcher(rid).matches()) throw ApiException.detail(400, "invalid uuid format");
    return UUID.fromString(rid);
  }

  private ApiResponse ok(boolean created) {
    return text(created ? 201 : 200, created ? "Created" : "OK").withHeader("Ping-Body-Limit", Integer.toString(limits.outputBytes()));
  }

  private static ApiResponse text(int status, String body) {
    return ApiResponse.text(status, CONTENT_TYPE, body).withHeader("Access-Control-Allow-Origin", "*");
  }

  private static ApiException notFound() {
    return ApiException.detail(404, "not found");
  }

  /** healthchecks' short words where it has them; else the refusal's own detail. */
  private static String textOf(ApiException refused) {
    if (refused.status() == 404) return "not found";
    if (refused.status() == 429) return "rate limited";
    if (refused.body() instanceof Map<?, ?> map && map.get("detail") instanceof String detail) return detail;
    return Json.write(refused.body());
  }
}
