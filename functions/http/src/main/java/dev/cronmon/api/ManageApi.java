package dev.cronmon.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import dev.cronmon.common.Log;
import dev.cronmon.domain.alert.Alerting;
import dev.cronmon.domain.checkin.JobOutput;
import dev.cronmon.domain.incident.ResolvedIncident;
import dev.cronmon.domain.monitor.DisplayName;
import dev.cronmon.domain.monitor.EnvironmentName;
import dev.cronmon.domain.monitor.FieldErrors;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorSearch;
import dev.cronmon.domain.monitor.codec.MonitorConfigJson;
import dev.cronmon.domain.service.MonitorService;
import dev.cronmon.domain.service.OrganizationMonitors;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.monitor.Owner;
import dev.cronmon.domain.monitor.Slug;
import dev.cronmon.domain.service.Pings;
import dev.cronmon.domain.schedule.Schedule;
import dev.cronmon.domain.schedule.ScheduleParser;
import dev.cronmon.domain.schedule.ScheduleResult;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.store.Page;
import dev.cronmon.domain.tenant.Limits;
import dev.cronmon.domain.tenant.Project;
import dev.cronmon.domain.service.Projects;
import dev.cronmon.domain.tenant.Scope;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The routes of the manage function: monitors, their environments, history and incidents, schedule previews, administration. */
public final class ManageApi {
  private static final int MAX_PAGE = 100;
  private static final int MAX_PREVIEW_TICKS = 100;
  /** Management bodies are small JSON objects; the check-in routes (ingest) keep the Router's 1 MiB for envelopes. */
  public static final int MAX_BODY_BYTES = 64 * 1024;
  private static final int MAX_QUERY_LENGTH = 200;
  private static final Pattern STATS_PERIOD = Pattern.compile("([0-9]{1,6})([smhdw])");
  private static final String OFFSET_CURSOR = "o1:";
  /** {@code ?owner=unassigned}: monitors without an owner, as in Sentry's monitor list. */
  private static final String UNASSIGNED = "unassigned";

  private final Router router = new Router(MAX_BODY_BYTES);
  private final CronStore store;
  private final Clock clock;
  private final Authenticator auth;
  private final MonitorService monitors;
  private final Projects projects;
  private final Pings pings;

  public ManageApi(CronStore store, Clock clock) {
    this(store, clock, Limits.DEFAULT, Alerting.unavailable());
  }

  public ManageApi(CronStore store, Clock clock, Limits limits) {
    this(store, clock, limits, Alerting.unavailable());
  }

  public ManageApi(CronStore store, Clock clock, Alerting alerting) {
    this(store, clock, Limits.DEFAULT, alerting);
  }

  public ManageApi(CronStore store, Clock clock, Limits limits, Alerting alerting) {
    this.store = store;
    this.clock = clock;
    this.auth = new Authenticator(store);
    this.monitors = new MonitorService(store, clock, limits);
    this.projects = new Projects(store);
    this.pings = new Pings(store, clock);
    router.add("GET", "/api/0/organizations/{org}/monitors/", this::listMonitors);
    router.add("POST", "/api/0/organizations/{org}/monitors/", this::createMonitor);
    router.add("GET", "/api/0/organizations/{org}/monitors/{slug}/", this::getMonitor);
    router.add("GET", "/api/0/organizations/{org}/monitors/{slug}/checkins/", this::listCheckIns);
    router.add("GET", "/api/0/organizations/{org}/monitor-schedule-preview/", this::schedulePreview);
    router.add("PUT", "/api/0/organizations/{org}/monitors/{slug}/", this::updateMonitor);
    router.add("DELETE", "/api/0/organizations/{org}/monitors/{slug}/", this::deleteMonitor);
    router.add("PUT", "/api/0/organizations/{org}/monitors/{slug}/environments/{environment}/", this::updateEnvironment);
    router.add("DELETE", "/api/0/organizations/{org}/monitors/{slug}/environments/{environment}/", this::deleteEnvironment);
    router.add("GET", "/api/0/organizations/{org}/monitors/{slug}/incidents/", this::listIncidents);
    router.add("GET", "/api/0/organizations/{org}/monitors/{slug}/checkins/{checkInId}/output/", this::checkInOutput);
    router.add("POST", "/api/0/organizations/{org}/monitors/{slug}/rotate-ping-url/", this::rotatePingUrl);
    new AdminRoutes(store, clock, auth, limits, router);
    StaticAssets.fromClasspath().register(router);
    new ChannelRoutes(store, clock, auth, alerting).register(router);
    new ProcessingErrorRoutes(store, clock, auth).register(router);
    new MaintenanceRoutes(store, clock, auth).register(router);
    new MetricsRoutes(store, clock, auth).register(router);
    new BadgeRoutes(store, clock, auth).register(router);
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
    Optional<MonitorSearch.Criteria> criteria = searchCriteria(request, org);
    if (criteria.isPresent()) return searchMonitors(request, org, criteria.get());
    int perPage = Requests.intParam(request, "per_page", MAX_PAGE, 1, MAX_PAGE);
    Page<Monitor> page = Requests.withClientCursor(() -> store.monitors(org, request.queryParam("cursor").orElse(null), perPage));
    List<Object> body = new ArrayList<>();
    for (Monitor m : page.items()) body.add(Views.monitor(m, store.environments(m.id()), clock.instant()));
    return paged(request, body, page.nextCursor());
  }

  private ApiResponse getMonitor(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.READ);
    Monitor m = monitor(org, params.get("slug"));
    return ApiResponse.json(200, Json.write(detail(request, m)));
  }

  /** A monitor with its ping address (docs/semantics.md rule P1: given to it now if it has none). */
  private Map<String, Object> detail(ApiRequest request, Monitor m) {
    return Views.monitor(m, store.environments(m.id()), clock.instant(), pings.pingOf(m), Requests.baseUrl(request));
  }

  /** Rule P3: a new ping UUID; the old ping URL stops working at once. */
  private ApiResponse rotatePingUrl(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.WRITE);
    Monitor m = monitor(org, params.get("slug"));
    pings.rotate(m);
    Log.info("ping url rotated", "monitor", m.slug(), "organization", org);
    return ApiResponse.json(200, Json.write(detail(request, m)));
  }

  /** A check-in's output (docs/semantics.md rule C12), escaped; 404 when it has none (or it expired). */
  private ApiResponse checkInOutput(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.READ);
    Monitor m = monitor(org, params.get("slug"));
    UUID id = Requests.checkInId(params.get("checkInId"));
    if (id == null || store.checkIn(id).filter(c -> c.monitorId().equals(m.id())).isEmpty()) throw ApiException.notFound("Check-in");
    JobOutput output = store.output(id).orElseThrow(() -> ApiException.notFound("Output"));
    return ApiResponse.json(200, Json.write(Views.output(id, output)));
  }

  private ApiResponse createMonitor(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.WRITE);
    JsonNode body = Requests.objectBody(request);
    FieldErrors errors = new FieldErrors();
    String name = Requests.text(body, "name");
    DisplayName.problem(name).ifPresent(p -> errors.add("name", p));
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
      config = MonitorConfigJson.fromApi(configNode).applyTo(null, configErrors);
      errors.addAll("config.", configErrors);
    }
    String projectId = project(org, Requests.text(body, "project"), errors);
    Owner owner = owner(body, errors);
    if (!errors.isEmpty()) throw ApiException.fields(errors);
    monitors.monitorLimitExceeded(org).ifPresent(limit -> {
      throw ApiException.detail(403, limit);
    });
    String finalSlug = slug;
    Monitor created = monitors.create(org, projectId, slug, name, status, muted != null && muted, config, owner)
        .orElseThrow(() -> ApiException.fields(new FieldErrors().add("slug", "The slug \"" + finalSlug + "\" is already in use.")));
    Log.info("monitor created", "monitor", created.slug(), "organization", org);
    return ApiResponse.json(201, Json.write(detail(request, created)));
  }

  private ApiResponse listCheckIns(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.READ);
    Monitor m = monitor(org, params.get("slug"));
    FieldErrors errors = new FieldErrors();
    String environment = environmentParam(request, errors);
    Instant[] range = timeRange(request, errors);
    int perPage = Requests.intParam(request, "per_page", MAX_PAGE, 1, MAX_PAGE);
    if (!errors.isEmpty()) throw ApiException.fields(errors);
    var page = Requests.withClientCursor(() -> store.checkIns(m.id(), environment, range[0], range[1], request.queryParam("cursor").orElse(null), perPage));
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
    Instant from = instantParam(request, "from", errors);
    if (from == null) from = clock.instant();
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

  private ApiResponse updateMonitor(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.WRITE);
    JsonNode body = Requests.objectBody(request);
    String statusText = Requests.text(body, "status");
    MonitorStatus status = statusText == null ? null : MonitorStatus.fromWire(statusText)
        .orElseThrow(() -> ApiException.fields(new FieldErrors().add("status", "\"" + Requests.truncate(statusText) + "\" is not a valid choice.")));
    JsonNode config = body.get("config");
    if (config != null && !config.isNull() && !config.isObject()) throw ApiException.fields(new FieldErrors().add("config", "Expected an object."));
    FieldErrors ownerErrors = new FieldErrors();
    Owner owner = owner(body, ownerErrors);
    if (!ownerErrors.isEmpty()) throw ApiException.fields(ownerErrors);
    Boolean muted = Requests.bool(body, "is_muted") != null ? Requests.bool(body, "is_muted") : Requests.bool(body, "isMuted");
    FieldErrors muteErrors = new FieldErrors();
    Instant until = mutedUntil(body, muted, muteErrors);
    if (!muteErrors.isEmpty()) throw ApiException.fields(muteErrors);
    MonitorService.Changes changes = new MonitorService.Changes(Requests.text(body, "name"), Requests.text(body, "slug"), status,
        muted, MonitorConfigJson.fromApi(config), body.has("owner"), owner, until);
    MonitorService.Updated updated = monitors.update(org, params.get("slug"), changes).orElseThrow(() -> ApiException.notFound("Monitor"));
    if (updated.monitor() == null) throw ApiException.fields(updated.errors());
    Log.info("monitor updated", "monitor", updated.monitor().slug(), "organization", org);
    return ApiResponse.json(200, Json.write(detail(request, updated.monitor())));
  }

  /** Sentry's DELETE: the whole monitor, or with {@code ?environment=} only that environment. Answers 202. */
  private ApiResponse deleteMonitor(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.WRITE);
    FieldErrors errors = new FieldErrors();
    String environment = environmentParam(request, errors);
    if (!errors.isEmpty()) throw ApiException.fields(errors);
    if (environment != null) return deleteEnvironment(org, params.get("slug"), environment);
    Optional<Monitor> existing = store.monitor(org, params.get("slug"));
    if (!monitors.delete(org, params.get("slug"))) throw ApiException.notFound("Monitor");
    existing.ifPresent(m -> pings.forget(m.id()));
    Log.info("monitor deleted", "monitor", params.get("slug"), "organization", org);
    return ApiResponse.json(202, "");
  }

  private ApiResponse deleteEnvironment(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.WRITE);
    return deleteEnvironment(org, params.get("slug"), environmentPathParam(params));
  }

  private ApiResponse deleteEnvironment(String org, String slug, String environment) {
    Monitor m = monitor(org, slug);
    if (!monitors.deleteEnvironment(m, environment)) throw ApiException.notFound("Environment");
    Log.info("environment deleted", "monitor", slug, "environment", environment, "organization", org);
    return ApiResponse.json(202, "");
  }

  /** Sentry's monitor environment PUT: {@code {"isMuted": true|false}}; answers the monitor. */
  private ApiResponse updateEnvironment(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.WRITE);
    String environment = environmentPathParam(params);
    JsonNode body = Requests.objectBody(request);
    Boolean muted = Requests.bool(body, "isMuted");
    FieldErrors errors = new FieldErrors();
    Instant until = mutedUntil(body, muted, errors);
    Boolean untilResolved = Requests.bool(body, "mutedUntilResolved");
    if (Boolean.TRUE.equals(untilResolved) && (until != null || Boolean.FALSE.equals(muted))) {
      errors.add("mutedUntilResolved", "Snooze until a time or until the incident resolves, not both, and not while unmuting.");
    }
    boolean snooze = until != null || Boolean.TRUE.equals(untilResolved);
    if (muted == null && !snooze && errors.isEmpty()) errors.add("isMuted", "This field is required.");
    if (!errors.isEmpty()) throw ApiException.fields(errors);
    Monitor m = monitor(org, params.get("slug"));
    (snooze ? monitors.snoozeEnvironment(m, environment, until) : monitors.muteEnvironment(m, environment, muted))
        .orElseThrow(() -> ApiException.notFound("Environment"));
    Log.info(snooze ? "environment snoozed" : muted ? "environment muted" : "environment unmuted", "monitor", m.slug(),
        "environment", environment, "organization", org, "mutedUntil", until == null ? (snooze ? "resolved" : null) : until.toString());
    return ApiResponse.json(200, Json.write(Views.monitor(m, store.environments(m.id()), clock.instant())));
  }

  /**
   * {@code mutedUntil} (docs/semantics.md rule N1): an ISO-8601 time with an offset, or null/absent; with
   * {@code isMuted: false} it is a contradiction. Whether the time can end a snooze is the service's check.
   */
  static Instant mutedUntil(JsonNode body, Boolean muted, FieldErrors errors) {
    JsonNode node = body.get("mutedUntil");
    if (node == null || node.isNull()) return null;
    Instant until = node.isTextual() ? Requests.instant(node.textValue()).orElse(null) : null;
    if (until == null) {
      errors.add("mutedUntil", "Expected an ISO-8601 date and time with an offset, such as 2026-03-02T10:00:00Z.");
      return null;
    }
    if (Boolean.FALSE.equals(muted)) {
      errors.add("mutedUntil", "A snooze mutes; it cannot be given with isMuted false.");
      return null;
    }
    return until;
  }

  /** Open incidents (on the first page) then resolved ones, newest first; {@code ?environment=}, paged. */
  private ApiResponse listIncidents(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.READ);
    Monitor m = monitor(org, params.get("slug"));
    FieldErrors errors = new FieldErrors();
    String environment = environmentParam(request, errors);
    int perPage = Requests.intParam(request, "per_page", MAX_PAGE, 1, MAX_PAGE);
    if (!errors.isEmpty()) throw ApiException.fields(errors);
    String cursor = request.queryParam("cursor").filter(c -> !c.isEmpty()).orElse(null);
    List<Object> body = new ArrayList<>();
    if (cursor == null) {
      store.environments(m.id()).stream()
          .filter(e -> e.activeIncident() != null && (environment == null || e.name().equals(environment)))
          .sorted(Comparator.comparing((MonitorEnvironment e) -> e.activeIncident().started()).reversed())
          .forEach(e -> body.add(Views.incident(e.name(), e.activeIncident())));
    }
    Page<ResolvedIncident> page = Requests.withClientCursor(() -> store.resolvedIncidents(m.id(), environment, cursor, perPage));
    page.items().forEach(i -> body.add(Views.incident(i)));
    return paged(request, body, page.nextCursor());
  }

  private Optional<MonitorSearch.Criteria> searchCriteria(ApiRequest request, String org) {
    String project = request.queryParam("project").filter(p -> !p.isEmpty()).orElse(null);
    String query = request.queryParam("query").filter(q -> !q.isBlank()).orElse(null);
    String sortText = request.queryParam("sort").filter(q -> !q.isEmpty()).orElse(null);
    String ascText = request.queryParam("asc").filter(q -> !q.isEmpty()).orElse(null);
    String ownerText = request.queryParam("owner").filter(q -> !q.isEmpty()).orElse(null);
    FieldErrors errors = new FieldErrors();
    Owner owner = null;
    if (ownerText != null && !ownerText.equals(UNASSIGNED)) {
      Owner.Parsed parsed = Owner.parse(ownerText);
      if (parsed.owner() == null) errors.add("owner", parsed.problem() + " Or \"" + UNASSIGNED + "\".");
      owner = parsed.owner();
    }
    String environment = environmentParam(request, errors);
    if (query != null && (query.length() > MAX_QUERY_LENGTH || DisplayName.hasUnprintable(query))) {
      errors.add("query", "Ensure this field has no more than " + MAX_QUERY_LENGTH + " printable characters.");
    }
    MonitorSearch.Sort sort = null;
    if (sortText != null) {
      switch (sortText) {
        case "status" -> sort = MonitorSearch.Sort.STATUS;
        case "name" -> sort = MonitorSearch.Sort.NAME;
        default -> errors.add("sort", "\"" + Requests.truncate(sortText) + "\" is not a valid choice (status, name).");
      }
    }
    if (ascText != null && !ascText.equals("0") && !ascText.equals("1")) errors.add("asc", "Must be 0 or 1.");
    String projectId = null;
    if (project != null) {
      projectId = projects.byIdOrSlug(org, project).map(Project::id).orElse(null);
      if (projectId == null) errors.add("project", "Project not found.");
    }
    if (!errors.isEmpty()) throw ApiException.fields(errors);
    if (project == null && environment == null && query == null && sort == null && ascText == null && ownerText == null) return Optional.empty();
    return Optional.of(new MonitorSearch.Criteria(projectId, environment, query, sort, !"0".equals(ascText), owner, UNASSIGNED.equals(ownerText)));
  }

  /**
   * Filtered or sorted listing: every monitor of the organization (bounded by its monitor cap) is read, with its
   * environments, then filtered, sorted and cut into pages by offset, as Sentry's own list does. The unfiltered
   * listing pages through the store instead.
   */
  private ApiResponse searchMonitors(ApiRequest request, String org, MonitorSearch.Criteria criteria) {
    int perPage = Requests.intParam(request, "per_page", MAX_PAGE, 1, MAX_PAGE);
    int offset = offsetCursor(request.queryParam("cursor").orElse(null));
    // Environments are read for every monitor only when the filter or the order depends on them.
    boolean allEnvironments = criteria.environment() != null || criteria.sort() == MonitorSearch.Sort.STATUS;
    List<MonitorSearch.Listed> all = new OrganizationMonitors(store).all(org, null, allEnvironments);
    List<MonitorSearch.Listed> selected = MonitorSearch.select(all, criteria);
    List<Object> body = new ArrayList<>();
    for (MonitorSearch.Listed l : selected.subList(Math.min(offset, selected.size()), Math.min(offset + perPage, selected.size()))) {
      body.add(Views.monitor(l.monitor(), allEnvironments ? l.environments() : store.environments(l.monitor().id()), clock.instant()));
    }
    String next = offset + perPage < selected.size()
        ? Base64.getUrlEncoder().withoutPadding().encodeToString((OFFSET_CURSOR + (offset + perPage)).getBytes(StandardCharsets.UTF_8))
        : null;
    return paged(request, body, next);
  }

  private static int offsetCursor(String cursor) {
    if (cursor == null || cursor.isEmpty()) return 0;
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (decoded.startsWith(OFFSET_CURSOR) && decoded.length() <= OFFSET_CURSOR.length() + 7) {
        int offset = Integer.parseInt(decoded.substring(OFFSET_CURSOR.length()));
        if (offset >= 0) return offset;
      }
    } catch (IllegalArgumentException e) {
      // answered below (NumberFormatException is one)
    }
    throw ApiException.detail(400, "Invalid cursor");
  }

  /** {@code ?environment=}: null when absent or empty, a field error when it is no possible environment name. */
  private static String environmentParam(ApiRequest request, FieldErrors errors) {
    String environment = request.queryParam("environment").filter(e -> !e.isEmpty()).orElse(null);
    if (environment != null) EnvironmentName.problem(environment).ifPresent(p -> errors.add("environment", p));
    return environment;
  }

  private static String environmentPathParam(Map<String, String> params) {
    String environment = params.get("environment");
    EnvironmentName.problem(environment).ifPresent(p -> {
      throw ApiException.fields(new FieldErrors().add("environment", p));
    });
    return environment;
  }

  /**
   * [start, end) of a history query: {@code start}/{@code end} (ISO-8601 with offset) or {@code statsPeriod}
   * (Sentry's {@code 30m}, {@code 24h}, {@code 14d}, {@code 2w}: up to now); either bound may be null.
   */
  private Instant[] timeRange(ApiRequest request, FieldErrors errors) {
    Instant start = instantParam(request, "start", errors);
    Instant end = instantParam(request, "end", errors);
    String period = request.queryParam("statsPeriod").filter(p -> !p.isEmpty()).orElse(null);
    if (period != null) {
      Matcher m = STATS_PERIOD.matcher(period);
      if (start != null || end != null) errors.add("statsPeriod", "Give either statsPeriod or start/end, not both.");
      else if (!m.matches()) errors.add("statsPeriod", "Expected a number and a unit (s, m, h, d, w), like 24h or 14d.");
      else {
        long n = Long.parseLong(m.group(1));
        Duration length = switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          case "d" -> Duration.ofDays(n);
          default -> Duration.ofDays(7 * n);
        };
        start = clock.instant().minus(length);
      }
    }
    if (start != null && end != null && start.isAfter(end)) errors.add("end", "Must not be before start.");
    return new Instant[] {start, end};
  }

  private static Instant instantParam(ApiRequest request, String name, FieldErrors errors) {
    String text = request.queryParam(name).filter(t -> !t.isEmpty()).orElse(null);
    if (text == null) return null;
    Optional<Instant> at = Requests.instant(text);
    if (at.isEmpty()) errors.add(name, "Expected an ISO-8601 date-time with offset, like 2026-01-01T00:00:00Z");
    return at.orElse(null);
  }

  /**
   * The monitor body's {@code owner} (rule O1): Sentry's {@code user:<id>}/{@code team:<id>} or an email address; null
   * or {@code ""} for none. Sentry's response object ({@code {type, id, …}}) is taken back too, by its {@code name}.
   */
  private static Owner owner(JsonNode body, FieldErrors errors) {
    JsonNode value = body.get("owner");
    if (value != null && value.isObject()) value = value.get("name");
    if (value == null || value.isNull() || value.isTextual() && value.textValue().isEmpty()) return null;
    if (!value.isTextual()) {
      errors.add("owner", "Not a valid string.");
      return null;
    }
    Owner.Parsed parsed = Owner.parse(value.textValue());
    if (parsed.owner() == null) errors.add("owner", parsed.problem());
    return parsed.owner();
  }

  private Monitor monitor(String org, String slug) {
    return store.monitor(org, slug).orElseThrow(() -> ApiException.notFound("Monitor"));
  }

  /** The project a new monitor goes to: the one the body names, else the organization's default. */
  private String project(String org, String requested, FieldErrors errors) {
    Optional<Project> project = requested == null ? projects.defaultProject(org) : projects.byIdOrSlug(org, requested);
    if (project.isEmpty()) errors.add("project", requested == null ? "The organization has no project." : "Project not found.");
    return project.map(Project::id).orElse(null);
  }

  /** A page, with Sentry's Link header; the next page's URL keeps the request's other parameters (filters, sort). */
  static ApiResponse paged(ApiRequest request, List<Object> body, String nextCursor) {
    ApiResponse response = ApiResponse.json(200, Json.write(body));
    if (nextCursor == null) return response.withHeader("Link", "<" + request.path() + ">; rel=\"next\"; results=\"false\"");
    String cursor = URLEncoder.encode(nextCursor, StandardCharsets.UTF_8);
    StringBuilder query = new StringBuilder();
    request.query().entrySet().stream().filter(e -> !e.getKey().equals("cursor")).sorted(Map.Entry.comparingByKey())
        .forEach(e -> query.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
            .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).append('&'));
    return response.withHeader("Link", "<" + request.path() + "?" + query + "cursor=" + cursor + ">; rel=\"next\"; results=\"true\"; cursor=\"" + cursor + "\"");
  }
}
