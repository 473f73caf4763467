package dev.cronmon.api;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.incident.Incident;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.schedule.IntervalSchedule;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's JSON shapes, as Sentry's serializers write them (camelCase outside `config`, snake_case inside). */
public final class Views {
  private Views() {}

  public static Map<String, Object> monitor(Monitor m, List<MonitorEnvironment> environments) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", m.id());
    v.put("name", m.name());
    v.put("slug", m.slug());
    v.put("status", m.status().wire());
    v.put("isMuted", m.muted());
    v.put("type", "cron_job");
    v.put("config", config(m.config()));
    v.put("dateCreated", iso(m.dateCreated()));
    v.put("project", Map.of("id", m.projectId()));
    v.put("environments", environments.stream().map(e -> environment(m, e)).toList());
    v.put("owner", null);
    v.put("configError", m.configError());
    return v;
  }

  public static Map<String, Object> environment(Monitor m, MonitorEnvironment e) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", e.name());
    v.put("status", e.status().wire());
    v.put("isMuted", m.muted() || e.muted());
    v.put("dateCreated", iso(e.dateCreated()));
    v.put("lastCheckIn", iso(e.lastCheckIn()));
    v.put("nextCheckIn", iso(e.nextCheckIn()));
    v.put("nextCheckInLatest", iso(e.nextCheckInLatest()));
    v.put("activeIncident", incident(e.activeIncident()));
    return v;
  }

  private static Map<String, Object> incident(Incident incident) {
    if (incident == null) return null;
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", incident.id());
    v.put("dateStarted", iso(incident.started()));
    v.put("failures", incident.failures().size());
    return v;
  }

  public static Map<String, Object> config(MonitorConfig c) {
    Map<String, Object> v = new LinkedHashMap<>();
    if (c.schedule() instanceof CrontabSchedule cron) {
      v.put("schedule_type", "crontab");
      v.put("schedule", cron.expression());
    } else if (c.schedule() instanceof IntervalSchedule interval) {
      v.put("schedule_type", "interval");
      v.put("schedule", List.of(interval.value(), interval.unit().wire()));
    }
    v.put("checkin_margin", c.checkinMargin());
    v.put("max_runtime", c.maxRuntime());
    v.put("timezone", c.timezone().getId());
    v.put("failure_issue_threshold", c.failureIssueThreshold());
    v.put("recovery_threshold", c.recoveryThreshold());
    return v;
  }

  public static Map<String, Object> checkIn(CheckIn c) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", c.id().toString());
    v.put("environment", c.environment());
    v.put("status", c.status().wire());
    v.put("duration", c.durationMs());
    v.put("dateCreated", iso(c.dateCreated()));
    v.put("dateUpdated", iso(c.dateUpdated()));
    v.put("expectedTime", iso(c.expectedTime()));
    v.put("monitorConfig", c.monitorConfig() == null ? null : config(c.monitorConfig()));
    return v;
  }

  public static String iso(Instant t) {
    return t == null ? null : t.toString();
  }
}
