package dev.cronmon.domain.alert;

import dev.cronmon.common.Json;
import dev.cronmon.domain.incident.Failure;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.monitor.Owner;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The message each channel type gets for an incident event: pure functions, no I/O. The wording follows Sentry's
 * ("Monitor failure: {name}", "2 missed and 1 timeout check-ins detected", last successful check-in or "Never").
 * The webhook body is documented in docs/alerts.md; change both together.
 */
public final class AlertMessages {
  public static final String USER_AGENT = "cronmon-alerts/1";
  private static final DateTimeFormatter HUMAN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  /** PagerDuty refuses summaries over 1024 characters. */
  private static final int PAGERDUTY_SUMMARY_MAX = 1024;

  private AlertMessages() {}

  /** The notification {@code channel} gets for {@code event}, signed (webhooks) at {@code now}. */
  public static Notification render(IncidentEvent event, Channel channel, Instant now, String pagerDutyEventsUrl) {
    return render(event, channel, now, pagerDutyEventsUrl, FailureDetail.NONE);
  }

  /** As above, with what the check-in that opened the incident reported (exit status, reason, last lines of output). */
  public static Notification render(IncidentEvent event, Channel channel, Instant now, String pagerDutyEventsUrl,
                                    FailureDetail detail) {
    ChannelConfig config = channel.config();
    if (config instanceof ChannelConfig.Slack slack) {
      return new Notification.HttpPost(slack.url(), slack(event, detail), jsonHeaders());
    }
    if (config instanceof ChannelConfig.PagerDuty pd) {
      return new Notification.HttpPost(pagerDutyEventsUrl, pagerDuty(event, pd.routingKey(), detail), jsonHeaders());
    }
    if (config instanceof ChannelConfig.Webhook webhook) {
      String body = webhook(event, detail);
      Map<String, String> headers = new LinkedHashMap<>(jsonHeaders());
      headers.put(WebhookSignature.HEADER, WebhookSignature.header(channel.signingSecret(), now.getEpochSecond(), body));
      headers.put("Cronmon-Event-Id", event.id());
      headers.put("Cronmon-Event-Type", webhookType(event));
      return new Notification.HttpPost(webhook.url(), body, headers);
    }
    ChannelConfig.Email email = (ChannelConfig.Email) config;
    return new Notification.Email(recipients(email, event), title(event) + " (" + oneLine(event.environment()) + ")", plainText(event, detail));
  }

  /** The channel's addresses, and the monitor's owner when the channel says so and the owner is an address. */
  static List<String> recipients(ChannelConfig.Email email, IncidentEvent event) {
    Optional<String> owner = email.toOwner() && event.owner() != null
        ? Owner.parse(event.owner()).value().flatMap(Owner::email) : Optional.empty();
    if (owner.isEmpty() || email.to().stream().anyMatch(a -> a.equalsIgnoreCase(owner.get()))) return email.to();
    List<String> all = new ArrayList<>(email.to());
    all.add(owner.get());
    return all;
  }

  /** "Owner: team:42", or empty when the monitor has none. */
  static String ownerLine(IncidentEvent e) {
    return e.owner() == null ? "" : "Owner: " + oneLine(e.owner());
  }

  // --- human text -------------------------------------------------------------------------------------------

  public static String title(IncidentEvent e) {
    return switch (e.type()) {
      case OPENED -> "Monitor failure: ";
      case RESOLVED -> "Monitor recovered: ";
      case BROKEN -> "Monitor broken: ";
      case MUTED -> "Monitor muted: ";
      case REMINDER -> "Reminder " + e.reminder() + ", monitor still failing: ";
    } + oneLine(e.monitorName());
  }

  /** The line under the title: what failed, how long it was down, or the broken-monitor notice (rules B1, B2). */
  public static String summary(IncidentEvent e) {
    long days = Duration.between(e.incidentStarted(), e.time()).toDays();
    return switch (e.type()) {
      case OPENED -> whatFailed(e);
      case RESOLVED -> downtime(e);
      case BROKEN -> "This monitor has been failing for " + days + " days \u2014 fix or mute it.";
      case MUTED -> "This monitor has been failing for " + days + " days and was muted automatically; unmute it once it is fixed.";
      case REMINDER -> openFor(e) + ": " + whatFailed(e);
    };
  }

  /** What failed, in Sentry's words: "2 missed and 1 timeout check-ins detected". */
  public static String whatFailed(IncidentEvent e) {
    return e.reason();
  }

  public static String lastOk(IncidentEvent e) {
    return "Last successful check-in: " + (e.lastOk() == null ? "Never" : HUMAN_TIME.format(e.lastOk()));
  }

  /** "Down for 2 h 5 min (since 2026-03-02 10:01:00 UTC)" for a resolution. */
  public static String downtime(IncidentEvent e) {
    return "Down for " + humanDuration(Duration.between(e.incidentStarted(), e.time())) + " (since "
        + HUMAN_TIME.format(e.incidentStarted()) + ")";
  }

  /** "Open for 2 h 5 min (since 2026-03-02 10:01:00 UTC)" for a reminder (rule R2). */
  public static String openFor(IncidentEvent e) {
    return "Open for " + humanDuration(Duration.between(e.incidentStarted(), e.time())) + " (since "
        + HUMAN_TIME.format(e.incidentStarted()) + ")";
  }

  public static String humanDuration(Duration d) {
    long minutes = Math.max(0, d.toMinutes());
    if (minutes < 1) return "less than a minute";
    long days = minutes / 1440;
    long hours = minutes % 1440 / 60;
    long mins = minutes % 60;
    StringBuilder out = new StringBuilder();
    if (days > 0) out.append(days).append(" d");
    if (hours > 0) out.append(out.isEmpty() ? "" : " ").append(hours).append(" h");
    if (mins > 0 && days == 0) out.append(out.isEmpty() ? "" : " ").append(mins).append(" min");
    return out.toString();
  }

  /** "Exit status 3: exited with status 3", or the reason alone; null when the check-in reported neither. */
  static String exitAndReason(FailureDetail d) {
    if (d.exitStatus() == null && d.reason() == null) return null;
    String reason = d.reason() == null ? null : oneLine(d.reason());
    if (d.exitStatus() == null) return "Reason: " + reason;
    return "Exit status " + d.exitStatus() + (reason == null ? "" : ": " + reason);
  }

  static String plainText(IncidentEvent e, FailureDetail detail) {
    StringBuilder out = new StringBuilder();
    out.append(title(e)).append('\n');
    out.append("Monitor: ").append(oneLine(e.monitorSlug())).append('\n');
    out.append("Environment: ").append(oneLine(e.environment())).append('\n');
    if (e.owner() != null) out.append(ownerLine(e)).append('\n');
    if (e.type() == IncidentEvent.Type.OPENED) {
      out.append(whatFailed(e)).append('\n');
      String exit = exitAndReason(detail);
      if (exit != null) out.append(exit).append('\n');
      // Plain text: the output as it was escaped (control bytes as \xNN), never interpreted.
      if (detail.outputTail() != null) out.append("Last lines of output:\n").append(indent(detail.outputTail())).append('\n');
    } else {
      out.append(summary(e)).append('\n');
    }
    out.append(lastOk(e)).append('\n');
    out.append("Incident: ").append(e.incidentId()).append('\n');
    return out.toString();
  }

  // --- Slack ------------------------------------------------------------------------------------------------

  static String slack(IncidentEvent e, FailureDetail detail) {
    boolean opened = e.type() == IncidentEvent.Type.OPENED;
    String exit = opened ? exitAndReason(detail) : null;
    // In a code block, and escaped: the job's output is data, never a Slack link, mention or the block's end.
    String output = opened && detail.outputTail() != null
        ? "\n```" + slackEscape(detail.outputTail().replace("```", "` ` `")) + "```" : "";
    String icon = switch (e.type()) {
      case OPENED -> ":red_circle: ";
      case RESOLVED -> ":large_green_circle: ";
      case BROKEN -> ":warning: ";
      case MUTED -> ":mute: ";
      case REMINDER -> ":repeat: ";
    };
    String text = icon + "*" + slackEscape(title(e)) + "*"
        + " in `" + slackEscape(oneLine(e.environment())) + "`\n"
        + slackEscape(summary(e)) + "\n"
        + (exit == null ? "" : slackEscape(exit) + "\n")
        + slackEscape(lastOk(e)) + (e.owner() == null ? "" : "\n" + slackEscape(ownerLine(e))) + output;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", text);
    body.put("blocks", List.of(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", text))));
    return Json.write(body);
  }

  /** Slack's three control characters in message text. */
  static String slackEscape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  // --- PagerDuty Events API v2 ------------------------------------------------------------------------------

  static String pagerDuty(IncidentEvent e, String routingKey, FailureDetail detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("routing_key", routingKey);
    // The incident id as dedup_key: PagerDuty folds the trigger and the resolve into one alert.
    body.put("dedup_key", e.incidentId());
    if (e.type() == IncidentEvent.Type.RESOLVED) {
      body.put("event_action", "resolve");
      return Json.write(body);
    }
    // A broken or muted notice or a reminder re-triggers the incident's own alert (same dedup_key), so it is one alert in
    // PagerDuty.
    body.put("event_action", "trigger");
    String summary = title(e) + " (" + oneLine(e.environment()) + "): " + summary(e);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("summary", summary.length() > PAGERDUTY_SUMMARY_MAX ? summary.substring(0, PAGERDUTY_SUMMARY_MAX) : summary);
    payload.put("source", "cronmon/" + e.organization() + "/" + e.monitorSlug());
    payload.put("severity", "error");
    payload.put("timestamp", e.time().toString());
    payload.put("component", e.monitorSlug());
    payload.put("group", e.environment());
    payload.put("class", "cron-monitor");
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("monitor", e.monitorName());
    details.put("environment", e.environment());
    details.put("reason", whatFailed(e));
    details.put("incident_started", e.incidentStarted().toString());
    details.put("last_ok", e.lastOk() == null ? "Never" : e.lastOk().toString());
    if (detail.exitStatus() != null) details.put("exit_status", detail.exitStatus());
    if (detail.reason() != null) details.put("failure_reason", detail.reason());
    if (detail.outputTail() != null) details.put("output_tail", detail.outputTail());
    if (e.owner() != null) details.put("owner", e.owner());
    if (e.type() == IncidentEvent.Type.REMINDER) {
      details.put("reminder", e.reminder());
      details.put("open_for", humanDuration(Duration.between(e.incidentStarted(), e.time())));
    }
    payload.put("custom_details", details);
    body.put("payload", payload);
    return Json.write(body);
  }

  // --- webhooks ---------------------------------------------------------------------------------------------

  public static String webhookType(IncidentEvent e) {
    return "incident." + e.type().wire();
  }

  static String webhook(IncidentEvent e, FailureDetail detail) {
    boolean resolved = e.type() == IncidentEvent.Type.RESOLVED;
    boolean opened = e.type() == IncidentEvent.Type.OPENED;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", e.id());
    body.put("type", webhookType(e));
    body.put("time", e.time().toString());
    body.put("organization", e.organization());
    Map<String, Object> monitor = new LinkedHashMap<>();
    monitor.put("id", e.monitorId());
    monitor.put("slug", e.monitorSlug());
    monitor.put("name", e.monitorName());
    monitor.put("owner", e.owner());
    body.put("monitor", monitor);
    body.put("environment", e.environment());
    // The environment's status before and after: an environment that never had an ok check-in was "new".
    body.put("previousStatus", opened ? (e.lastOk() == null ? "new" : "ok") : "error");
    body.put("status", resolved ? "ok" : "error");
    Map<String, Object> incident = new LinkedHashMap<>();
    incident.put("id", e.incidentId());
    incident.put("startedAt", e.incidentStarted().toString());
    incident.put("resolvedAt", resolved ? e.time().toString() : null);
    incident.put("durationSeconds", resolved ? Math.max(0, Duration.between(e.incidentStarted(), e.time()).toSeconds()) : null);
    incident.put("reason", whatFailed(e));
    if (!opened && !resolved) incident.put("notice", summary(e));
    if (e.type() == IncidentEvent.Type.REMINDER) {
      incident.put("reminder", e.reminder());
      incident.put("openSeconds", Math.max(0, Duration.between(e.incidentStarted(), e.time()).toSeconds()));
    }
    incident.put("failures", e.failures().stream().map(AlertMessages::failure).toList());
    if (opened && !detail.isEmpty()) {
      Map<String, Object> last = new LinkedHashMap<>();
      last.put("exitStatus", detail.exitStatus());
      last.put("reason", detail.reason());
      last.put("outputTail", detail.outputTail());
      incident.put("lastFailure", last);
    }
    body.put("incident", incident);
    body.put("lastOk", e.lastOk() == null ? null : e.lastOk().toString());
    return Json.write(body);
  }

  private static Map<String, Object> failure(Failure f) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("checkInId", f.checkInId() == null ? null : f.checkInId().toString());
    v.put("status", f.status().wire());
    v.put("time", f.time().toString());
    return v;
  }

  private static String indent(String text) {
    return "  " + text.replace("\n", "\n  ");
  }

  private static Map<String, String> jsonHeaders() {
    return Map.of("Content-Type", "application/json", "User-Agent", USER_AGENT);
  }

  /** Names come from users: never let one break a subject line or a header. */
  static String oneLine(String s) {
    if (s == null) return "";
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return out.toString();
  }
}
