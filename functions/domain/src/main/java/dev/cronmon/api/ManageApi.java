package dev.cronmon.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.domain.alert.Alerting;
import dev.cronmon.domain.monitor.FieldErrors;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorConfigInput;
import dev.cronmon.domain.monitor.MonitorService;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.monitor.Slug;
import dev.cronmon.domain.schedule.Schedule;
import dev.cronmon.domain.schedule.ScheduleParser;
import dev.cronmon.domain.schedule.ScheduleResult;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.store.Page;
import dev.cronmon.domain.tenant.Project;
import dev.cronmon.domain.tenant.Scope;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The routes of the manage function: monitors, their history, schedule previews. */
public final class ManageApi {
  private static final int MAX_PAGE = 100;
  private static final int MAX_PREVIEW_TICKS = 100;
  private static final int MAX_NAME_LENGTH = 128;

  private final Router router = new Router();
  private final CronStore store;
  private final Clock clock;
  private final Authenticator auth;
  private final MonitorService monitors;

  public ManageApi(CronStore store, Clock clock) {
    this(store, clock, Alerting.unavailable());
  }

  public ManageApi(CronStore store, Clock clock, Alerting alerting) {
    this.store = store;
    this.clock = clock;
    this.auth = new Authenticator(store);
    this.monitors = new MonitorService(store, clock);
    router.add("GET", "/api/0/organizations/{org}/monitors/", this::listMonitors);
    router.add("POST", "/api/0/organizations/{org}/monitors/", this::createMonitor);
    router.add("GET", "/api/0/organizations/{org}/monitors/{slug}/", this::getMonitor);
    router.add("GET", "/api/0/organizations/{org}/monitors/{slug}/checkins/", this::listCheckIns);
    router.add("GET", "/api/0/organizations/{org}/monitor-schedule-preview/", this::schedulePreview);
    StaticAssets.fromClasspath().register(router);
    new ChannelRoutes(store, clock, auth, alerting).register(router);
  }

  public Router router() {
    return router;
  }

  public ApiResponse handle(ApiRequest request) {
    return router.handle(request);
  }

  private ApiResponse listMonitors(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.READ);
    Page<Monitor> page = store.monitors(org, request.queryParam("cursor").orElse(null), Requests.intParam(request, "per_page", MAX_PAGE, 1, MAX_PAGE));
    List<Object> body = new ArrayList<>();
    for (Monitor m : page.items()) body.add(Views.monitor(m, store.environments(m.id())));
    return paged(request, body, page.nextCursor());
  }

  private ApiResponse getMonitor(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.READ);
    Monitor m = monitor(org, params.get("slug"));
    return ApiResponse.json(200, Json.write(Views.monitor(m, store.environments(m.id()))));
  }

  private ApiResponse createMonitor(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.WRITE);
    JsonNode body = Requests.objectBody(request);
    FieldErrors errors = new FieldErrors();
    String name = Requests.text(body, "name");
    if (name == null || name.isBlank()) errors.add("name", "This field is required.");
    else if (name.length() > MAX_NAME_LENGTH) errors.add("name", "Ensure this field has no more than " + MAX_NAME_LENGTH + " characters.");
    else if (name.chars().anyMatch(Character::isISOControl)) errors.add("name", "Name must not contain control characters.");
    String slug = Requests.text(body, "slug");
    if (slug == null && name != null) slug = Slug.normalize(name);
    Slug.problem(slug).ifPresent(p -> errors.add("slug", p));
    String statusText = Requests.text(body, "status");
    MonitorStatus status = statusText == null ? MonitorStatus.ACTIVE : MonitorStatus.fromWire(statusText).orElse(null);
    if (status == null) errors.add("status", "\"" + statusText + "\" is not a valid choice.");
    Boolean muted = Requests.bool(body, "is_muted");
    JsonNode configNode = body.get("config");
    MonitorConfig config = null;
    if (configNode == null || !configNode.isObject()) errors.add("config", "This field is required.");
    else {
      FieldErrors configErrors = new FieldErrors();
      config = MonitorConfigInput.fromApi(configNode).applyTo(null, configErrors);
      errors.addAll("config.", configErrors);
    }
    String projectId = project(org, Requests.text(body, "project"), errors);
    if (!errors.isEmpty()) throw ApiException.fields(errors);
    String finalSlug = slug;
    Monitor created = monitors.create(org, projectId, slug, name, status, muted != null && muted, config)
        .orElseThrow(() -> ApiException.fields(new FieldErrors().add("slug", "The slug \"" + finalSlug + "\" is already in use.")));
    Log.info("monitor created", "monitor", created.slug(), "organization", org);
    return ApiResponse.json(201, Json.write(Views.monitor(created, List.of())));
  }

  private ApiResponse listCheckIns(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.READ);
    Monitor m = monitor(org, params.get("slug"));
    var page = store.checkIns(m.id(), request.queryParam("environment").filter(e -> !e.isEmpty()).orElse(null),
        request.queryParam("cursor").orElse(null), Requests.intParam(request, "per_page", MAX_PAGE, 1, MAX_PAGE));
    return paged(request, page.items().stream().map(c -> (Object) Views.checkIn(c)).toList(), page.nextCursor());
  }

  private ApiResponse schedulePreview(ApiRequest request, Map<String, String> params) {
    auth.require(request, params.get("org"), Scope.READ);
    FieldErrors errors = new FieldErrors();
    String type = request.queryParam("scheduleType").orElse("crontab");
    ScheduleResult parsed = switch (type) {
      case "crontab" -> ScheduleParser.crontab(request.queryParam("cronSchedule").orElse(null));
      case "interval" -> ScheduleParser.interval(request.queryParam("intervalFrequency").orElse(null), request.queryParam("intervalUnit").orElse(null));
      default -> null;
    };
    if (parsed == null) errors.add("scheduleType", "Missing or invalid schedule type");
    else if (!parsed.isValid()) errors.add("schedule", parsed.error());
    ZoneId zone = ZoneId.of("UTC");
    String tz = request.queryParam("timezone").orElse("UTC");
    if (!ZoneId.getAvailableZoneIds().contains(tz)) errors.add("timezone", "\"" + tz + "\" is not a valid choice.");
    else zone = ZoneId.of(tz);
    Instant from = clock.instant();
    String fromText = request.queryParam("from").orElse(null);
    if (fromText != null) {
      try {
        from = OffsetDateTime.parse(fromText).toInstant();
      } catch (DateTimeException e) {
        errors.add("from", "Expected an ISO-8601 date-time with offset, like 2026-01-01T00:00:00Z");
      }
    }
    int ticks = Requests.intParam(request, "numTicks", 5, 1, MAX_PREVIEW_TICKS);
    if (!errors.isEmpty()) throw ApiException.fields(errors);
    Schedule schedule = parsed.schedule();
    List<String> slots = new ArrayList<>();
    // Interval schedules step from a check-in: preview them from `from` as if a check-in arrived then.
    Instant t = from;
    for (int i = 0; i < ticks; i++) {
      t = schedule.nextSlotAfter(t, zone);
      slots.add(t.toString());
    }
    return ApiResponse.json(200, Json.write(slots));
  }

  private Monitor monitor(String org, String slug) {
    return store.monitor(org, slug).orElseThrow(() -> ApiException.notFound("Monitor"));
  }

  private String project(String org, String requested, FieldErrors errors) {
    List<Project> projects = store.projects(org);
    if (requested == null) {
      return projects.stream().min(Comparator.comparing(Project::dateCreated)).map(Project::id).orElseGet(() -> {
        errors.add("project", "The organization has no project.");
        return null;
      });
    }
    return projects.stream().filter(p -> p.id().equals(requested) || p.slug().equals(requested)).findFirst().map(Project::id)
        .orElseGet(() -> {
          errors.add("project", "Project not found.");
          return null;
        });
  }

  private static ApiResponse paged(ApiRequest request, List<Object> body, String nextCursor) {
    ApiResponse response = ApiResponse.json(200, Json.write(body));
    if (nextCursor == null) return response.withHeader("Link", "<" + request.path() + ">; rel=\"next\"; results=\"false\"");
    String cursor = URLEncoder.encode(nextCursor, StandardCharsets.UTF_8);
    return response.withHeader("Link", "<" + request.path() + "?cursor=" + cursor + ">; rel=\"next\"; results=\"true\"; cursor=\"" + cursor + "\"");
  }
}
