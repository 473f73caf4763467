package dev.cronmon.api;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.incident.BrokenNotice;
import dev.cronmon.domain.checkin.JobOutput;
import dev.cronmon.domain.incident.Failure;
import dev.cronmon.domain.incident.Incident;
import dev.cronmon.domain.incident.Reasons;
import dev.cronmon.domain.incident.ResolvedIncident;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorPing;
import dev.cronmon.domain.monitor.Owner;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.schedule.IntervalSchedule;
import dev.cronmon.domain.schedule.Schedule;
import dev.cronmon.domain.tenant.ApiToken;
import dev.cronmon.domain.tenant.DsnKey;
import dev.cronmon.domain.tenant.Limits;
import dev.cronmon.domain.tenant.Organization;
import dev.cronmon.domain.tenant.PingKey;
import dev.cronmon.domain.tenant.Project;
import dev.cronmon.domain.tenant.Scope;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The API's JSON shapes, as Sentry's serializers write them (camelCase outside `config`, snake_case inside). */
public final class Views {
  private Views() {}

  /**
   * {@code now} decides snoozes (docs/semantics.md rule N2): a snooze whose time has passed reads unmuted, with no
   * {@code mutedUntil}.
   */
  public static Map<String, Object> monitor(Monitor m, List<MonitorEnvironment> environments, Instant now) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", m.id());
    v.put("name", m.name());
    v.put("slug", m.slug());
    v.put("status", m.status().wire());
    v.put("isMuted", m.mutedAt(now));
    v.put("mutedUntil", m.mutedAt(now) ? iso(m.mutedUntil()) : null);
    v.put("type", "cron_job");
    v.put("config", config(m.config()));
    v.put("dateCreated", iso(m.dateCreated()));
    v.put("project", Map.of("id", m.projectId()));
    v.put("environments", environments.stream().map(e -> environment(m, e, now)).toList());
    v.put("owner", owner(m.owner()));
    v.put("configError", m.configError());
    return v;
  }

  /**
   * Sentry's actor shape {@code {type, id, name}} (plus {@code email} for an address); cronmon has no users or teams,
   * so the name is the owner as given (rule O1).
   */
  public static Map<String, Object> owner(Owner owner) {
    if (owner == null) return null;
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("type", owner.kind().wire());
    v.put("id", owner.id());
    v.put("name", owner.value());
    owner.email().ifPresent(e -> v.put("email", e));
    return v;
  }

  /** {@code isMuted}: the monitor's or the environment's own mute; {@code mutedUntil}, {@code mutedUntilResolved}: its own snooze. */
  public static Map<String, Object> environment(Monitor m, MonitorEnvironment e, Instant now) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", e.name());
    v.put("status", e.status().wire());
    v.put("isMuted", m.mutedAt(now) || e.mutedAt(now));
    v.put("mutedUntil", e.mutedAt(now) ? iso(e.mutedUntil()) : null);
    v.put("mutedUntilResolved", e.mutedAt(now) && e.mutedUntilResolved());
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
    v.put("brokenNotice", brokenNotice(incident.brokenNotice()));
    return v;
  }

  /** Sentry's shape: null until the broken-monitor rule noticed the environment (docs/semantics.md rules B1–B3). */
  private static Map<String, Object> brokenNotice(BrokenNotice notice) {
    if (notice == null) return null;
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("userNotifiedTimestamp", iso(notice.userNotifiedTimestamp()));
    v.put("environmentMutedTimestamp", iso(notice.environmentMutedTimestamp()));
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
    v.put("min_runtime", c.minRuntime());
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
    // cronmon's run facts (docs/semantics.md rules C11, C12): the output itself is read per check-in (…/output/).
    v.put("exitStatus", c.facts().exitStatus());
    v.put("reason", c.facts().reason());
    v.put("hasOutput", c.facts().hasOutput());
    v.put("outputSize", c.facts().outputBytes());
    v.put("outputTruncated", c.facts().outputTruncated());
    // Rules M2, M3: the outcome fell in a maintenance window and counted for nothing.
    v.put("maintenance", c.facts().maintenance());
    return v;
  }

  /** A check-in's output, escaped for any display ({@link JobOutput#text()}). */
  public static Map<String, Object> output(UUID checkInId, JobOutput output) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("checkInId", checkInId.toString());
    v.put("size", output.receivedBytes());
    v.put("truncated", output.truncated());
    v.put("output", output.text());
    return v;
  }

  /**
   * A monitor as its detail shows it: {@link #monitor} with its healthchecks-style ping address ({@code baseUrl}: where
   * the client reached us, null when unknown) and a crontab line to paste.
   */
  public static Map<String, Object> monitor(Monitor m, List<MonitorEnvironment> environments, Instant now, MonitorPing ping,
                                            String baseUrl) {
    Map<String, Object> v = monitor(m, environments, now);
    Map<String, Object> p = new LinkedHashMap<>();
    String url = (baseUrl == null ? "" : baseUrl) + "/ping/" + ping.pingId();
    p.put("id", ping.pingId().toString());
    p.put("url", url);
    p.put("crontab", crontabLine(m.config(), url));
    v.put("ping", p);
    return v;
  }

  /**
   * A crontab line that runs a job on the monitor's schedule and pings with its output and exit status, as
   * healthchecks documents it ({@code m=$(job 2>&1); curl … --data-raw "$m" <url>/$?}). An interval that cron cannot
   * say is left as {@code <schedule>} to fill in.
   */
  static String crontabLine(MonitorConfig config, String url) {
    return cronFields(config.schedule()) + " m=$(/path/to/job.sh 2>&1); curl -fsS -m 10 --retry 5 -o /dev/null --data-raw \"$m\" "
        + url + "/$?";
  }

  private static String cronFields(Schedule schedule) {
    if (schedule instanceof CrontabSchedule cron) return cron.expression();
    IntervalSchedule interval = (IntervalSchedule) schedule;
    int n = interval.value();
    return switch (interval.unit()) {
      case MINUTE -> n == 1 ? "* * * * *" : 60 % n == 0 ? "*/" + n + " * * * *" : "<schedule>";
      case HOUR -> n == 1 ? "0 * * * *" : 24 % n == 0 ? "0 */" + n + " * * *" : "<schedule>";
      case DAY -> n == 1 ? "0 0 * * *" : "<schedule>";
      case WEEK -> n == 1 ? "0 0 * * 0" : "<schedule>";
      case MONTH -> n == 1 ? "0 0 1 * *" : 12 % n == 0 ? "0 0 1 */" + n + " *" : "<schedule>";
      case YEAR -> n == 1 ? "0 0 1 1 *" : "<schedule>";
    };
  }

  /** A project's ping key, with the URL prefix its monitors' slugs go after. */
  public static Map<String, Object> pingKey(PingKey k, String baseUrl) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("key", k.key());
    v.put("projectId", k.projectId());
    v.put("dateCreated", iso(k.dateCreated()));
    v.put("pingUrl", (baseUrl == null ? "" : baseUrl) + "/ping/" + k.key() + "/<slug>");
    return v;
  }

  public static String iso(Instant t) {
    return t == null ? null : t.toString();
  }

  // --- incidents and administration (issue #6) ---

  /** An incident of an environment, open (on the environment) or resolved (history). */
  public static Map<String, Object> incident(String environment, Incident open) {
    return incident(open.id(), environment, "open", open.started(), null, open.failures());
  }

  public static Map<String, Object> incident(ResolvedIncident resolved) {
    return incident(resolved.id(), resolved.environment(), "resolved", resolved.started(), resolved.resolved(), resolved.failures());
  }

  private static Map<String, Object> incident(String id, String environment, String status, Instant started, Instant resolved,
                                              List<Failure> failures) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", id);
    v.put("environment", environment);
    v.put("status", status);
    v.put("dateStarted", iso(started));
    v.put("dateResolved", iso(resolved));
    v.put("reason", Reasons.describe(failures));
    v.put("failures", failures.stream().map(f -> {
      Map<String, Object> fv = new LinkedHashMap<>();
      fv.put("checkInId", f.checkInId() == null ? null : f.checkInId().toString());
      fv.put("status", f.status().wire());
      fv.put("date", iso(f.time()));
      return fv;
    }).toList());
    return v;
  }

  public static Map<String, Object> organization(Organization o, Limits limits) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", o.slug());
    v.put("slug", o.slug());
    v.put("name", o.name());
    v.put("dateCreated", iso(o.dateCreated()));
    v.put("limits", Map.of("maxMonitors", limits.maxMonitors(), "maxEnvironmentsPerMonitor", limits.maxEnvironmentsPerMonitor()));
    return v;
  }

  public static Map<String, Object> project(Project p) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", p.id());
    v.put("slug", p.slug());
    v.put("name", p.name());
    v.put("dateCreated", iso(p.dateCreated()));
    return v;
  }

  /** Sentry's project key shape; {@code baseUrl} (scheme and host the client called) makes the DSN, when known. */
  public static Map<String, Object> key(DsnKey k, String baseUrl) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", k.publicKey());
    v.put("name", k.label());
    v.put("label", k.label());
    v.put("public", k.publicKey());
    v.put("projectId", Long.parseLong(k.projectId()));
    v.put("isActive", !k.revoked());
    v.put("dateCreated", iso(k.dateCreated()));
    Map<String, Object> dsn = new LinkedHashMap<>();
    dsn.put("public", baseUrl == null ? null : dsn(baseUrl, k));
    v.put("dsn", dsn);
    return v;
  }

  private static String dsn(String baseUrl, DsnKey k) {
    int scheme = baseUrl.indexOf("://");
    return baseUrl.substring(0, scheme + 3) + k.publicKey() + "@" + baseUrl.substring(scheme + 3) + "/" + k.projectId();
  }

  /** A token without its secret; {@code secret} is given only in the answer that created it. */
  public static Map<String, Object> token(ApiToken t, String secret) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", t.id());
    v.put("name", t.name());
    v.put("scopes", t.scopes().stream().sorted().map(Scope::wire).toList());
    v.put("dateCreated", iso(t.dateCreated()));
    if (secret != null) v.put("token", secret);
    return v;
  }
}
