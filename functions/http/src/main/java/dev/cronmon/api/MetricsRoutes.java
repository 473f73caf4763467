package dev.cronmon.api;

import dev.cronmon.api.metrics.PrometheusText;
import dev.cronmon.domain.maintenance.Maintenance;
import dev.cronmon.domain.maintenance.MaintenanceWindow;
import dev.cronmon.domain.monitor.BadgeState;
import dev.cronmon.domain.monitor.EnvironmentStatus;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorSearch;
import dev.cronmon.domain.service.OrganizationMonitors;
import dev.cronmon.domain.service.Projects;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.tenant.Project;
import dev.cronmon.domain.tenant.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus metrics of an organization's (or one project's) monitor environments, for a scrape with a bearer token
 * ({@code org:read} is enough; Prometheus' {@code authorization} setting sends it). One scrape reads what the filtered
 * monitor list reads ({@link OrganizationMonitors}): Queries only, bounded by the organization's monitor cap.
 */
final class MetricsRoutes {
  static final String UP = "cronmon_monitor_up";
  static final String STATUS = "cronmon_monitor_status";
  static final String LATE = "cronmon_monitor_late";
  static final String INFO = "cronmon_monitor_info";
  static final String LAST_CHECKIN = "cronmon_monitor_last_checkin_timestamp_seconds";
  static final String SINCE_LAST_CHECKIN = "cronmon_monitor_last_checkin_age_seconds";
  static final String IN_PROGRESS = "cronmon_monitor_in_progress_runs";
  static final String LAST_DURATION = "cronmon_monitor_last_duration_seconds";
  static final String MUTED = "cronmon_monitor_muted";
  static final String IN_MAINTENANCE = "cronmon_monitor_in_maintenance";

  private final CronStore store;
  private final Clock clock;
  private final Authenticator auth;
  private final Projects projects;

  MetricsRoutes(CronStore store, Clock clock, Authenticator auth) {
    this.store = store;
    this.clock = clock;
    this.auth = auth;
    this.projects = new Projects(store);
  }

  void register(Router router) {
    router.add("GET", "/api/0/organizations/{org}/metrics/", this::organizationMetrics);
    router.add("GET", "/api/0/projects/{org}/{project}/metrics/", this::projectMetrics);
  }

  private ApiResponse organizationMetrics(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.READ);
    return scrape(org, null);
  }

  private ApiResponse projectMetrics(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.READ);
    Project project = projects.byIdOrSlug(org, params.get("project")).orElseThrow(() -> ApiException.notFound("Project"));
    return scrape(org, project.id());
  }

  private ApiResponse scrape(String org, String projectId) {
    Instant now = clock.instant();
    Map<String, String> projectSlugs = new HashMap<>();
    for (Project p : store.projects(org)) projectSlugs.put(p.id(), p.slug());
    List<MonitorSearch.Listed> listed = new OrganizationMonitors(store).all(org, projectId, true);
    List<MaintenanceWindow> windows = store.maintenanceWindows(org);
    PrometheusText text = new PrometheusText()
        .gauge(INFO, "A monitor environment, with its monitor's display name as the label name; always 1.")
        .gauge(UP, "1 while the monitor environment has no open incident, 0 while it has one (docs/semantics.md rule G1).")
        .gauge(LATE, "1 while a slot of the monitor environment has passed without its check-in and no incident is open (rule G1), else 0.")
        .gauge(STATUS, "The monitor environment's status: 1 for the current one (new, ok or error), 0 for the others.")
        .gauge(LAST_CHECKIN, "When the monitor environment's last check-in arrived, in seconds since the Unix epoch; absent before the first.")
        .gauge(SINCE_LAST_CHECKIN, "Seconds from the monitor environment's last check-in to this scrape; absent before the first.")
        .gauge(LAST_DURATION, "How long the monitor environment's last run took, in seconds (docs/semantics.md rule G4); absent before the first.")
        .gauge(IN_PROGRESS, "Runs of the monitor environment in progress (started, not finished or timed out).")
        .gauge(MUTED, "1 while the monitor environment is muted (itself or its whole monitor), else 0.")
        .gauge(IN_MAINTENANCE, "1 while a maintenance window applies to the monitor environment, else 0.");
    for (MonitorSearch.Listed l : listed) {
      Monitor m = l.monitor();
      boolean inMaintenance = Maintenance.of(windows, m).at(now);
      for (MonitorEnvironment env : l.environments()) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("project", projectSlugs.getOrDefault(m.projectId(), m.projectId()));
        labels.put("monitor", m.slug());
        labels.put("environment", env.name());
        Map<String, String> info = new LinkedHashMap<>(labels);
        info.put("name", m.name());
        text.sample(INFO, info, 1);
        BadgeState state = BadgeState.of(env, now);
        text.sample(UP, labels, state == BadgeState.DOWN ? 0 : 1);
        text.sample(LATE, labels, state == BadgeState.LATE ? 1 : 0);
        for (EnvironmentStatus s : EnvironmentStatus.values()) {
          Map<String, String> withStatus = new LinkedHashMap<>(labels);
          withStatus.put("status", s.wire());
          text.sample(STATUS, withStatus, env.status() == s ? 1 : 0);
        }
        if (env.lastCheckIn() != null) {
          text.sample(LAST_CHECKIN, labels, env.lastCheckIn().toEpochMilli() / 1000.0);
          text.sample(SINCE_LAST_CHECKIN, labels, Math.max(0, Duration.between(env.lastCheckIn(), now).toMillis()) / 1000.0);
        }
        if (env.lastDurationMs() != null) text.sample(LAST_DURATION, labels, env.lastDurationMs() / 1000.0);
        text.sample(IN_PROGRESS, labels, env.openRuns().size());
        text.sample(MUTED, labels, m.mutedAt(now) || env.mutedAt(now) ? 1 : 0);
        text.sample(IN_MAINTENANCE, labels, inMaintenance ? 1 : 0);
      }
    }
    return ApiResponse.text(200, PrometheusText.CONTENT_TYPE, text.render()).withHeader("Cache-Control", "no-store");
  }
}
