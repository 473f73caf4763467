package dev.cronmon.dynamodb;

import static dev.cronmon.dynamodb.Attrs.bool;
import static dev.cronmon.dynamodb.Attrs.instant;
import static dev.cronmon.dynamodb.Attrs.intN;
import static dev.cronmon.dynamodb.Attrs.item;
import static dev.cronmon.dynamodb.Attrs.list;
import static dev.cronmon.dynamodb.Attrs.longN;
import static dev.cronmon.dynamodb.Attrs.m;
import static dev.cronmon.dynamodb.Attrs.s;
import static dev.cronmon.dynamodb.Keys.KIND;
import static dev.cronmon.dynamodb.Keys.VERSION;

import dev.cronmon.domain.checkin.CheckInRate;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.checkin.OpenRun;
import dev.cronmon.domain.incident.BrokenNotice;
import dev.cronmon.domain.incident.Failure;
import dev.cronmon.domain.incident.Incident;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.monitor.EnvironmentStatus;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Monitor environments (with their open runs, failures, incident and outbox) to and from items. */
final class EnvironmentItems {
  private EnvironmentItems() {}

  static Map<String, AttributeValue> environment(MonitorEnvironment e, String dueShard) {
    Instant dueAt = e.dueAt();
    return item().s(TableSchema.PK, Keys.monitorPk(e.monitorId())).s(TableSchema.SK, Keys.envSk(e.name())).s(KIND, "environment")
        .s("monitorId", e.monitorId()).s("name", e.name()).s("status", e.status().wire()).bool("muted", e.muted())
        .instant("dateCreated", e.dateCreated()).instant("lastCheckIn", e.lastCheckIn()).instant("lastOk", e.lastOk())
        .instant("nextCheckIn", e.nextCheckIn()).instant("nextCheckInLatest", e.nextCheckInLatest())
        .list("openRuns", e.openRuns(), EnvironmentItems::openRun)
        .n("okStreak", e.okStreak())
        .list("failureStreak", e.failureStreak(), EnvironmentItems::failure)
        .m("activeIncident", incident(e.activeIncident()))
        .list("outbox", e.outbox(), EnvironmentItems::event)
        .n(VERSION, e.version())
        .m("checkInRate", checkInRate(e.checkInRate()))
        .bool("disabled", e.disabled())
        // A snooze (docs/semantics.md rules N1-N3); absent on environments never snoozed.
        .instant("mutedUntil", e.mutedUntil())
        .flag("mutedUntilResolved", e.mutedUntilResolved())
        // The last run's duration (docs/semantics.md rule G4); absent until a run reports or closes with one.
        .n("lastDurationMs", e.lastDurationMs())
        // The sparse due index: both attributes present only while something is due at some time.
        .s(TableSchema.DUE_SHARD, dueAt == null ? null : dueShard)
        .s(TableSchema.DUE_AT, dueAt == null ? null : Attrs.sortable(dueAt))
        .build();
  }

  static MonitorEnvironment environment(Map<String, AttributeValue> i) {
    return new MonitorEnvironment(s(i, "monitorId"), s(i, "name"),
        EnvironmentStatus.valueOf(s(i, "status").toUpperCase(Locale.ROOT)), bool(i, "muted"),
        instant(i, "dateCreated"), instant(i, "lastCheckIn"), instant(i, "lastOk"), instant(i, "nextCheckIn"),
        instant(i, "nextCheckInLatest"), list(i, "openRuns", EnvironmentItems::openRun), intN(i, "okStreak", 0),
        list(i, "failureStreak", EnvironmentItems::failure), incident(m(i, "activeIncident")),
        list(i, "outbox", EnvironmentItems::event), longN(i, VERSION, 0), checkInRate(m(i, "checkInRate")), bool(i, "disabled"),
        instant(i, "mutedUntil"), bool(i, "mutedUntilResolved"), longN(i, "lastDurationMs"));
  }

  /** Omitted until the first counted check-in; items written before the rate limit existed read as none. */
  static Map<String, AttributeValue> checkInRate(CheckInRate r) {
    return r.minute() == null ? null : item().instant("minute", r.minute()).n("count", r.count()).build();
  }

  static CheckInRate checkInRate(Map<String, AttributeValue> m) {
    return m == null ? CheckInRate.NONE : new CheckInRate(instant(m, "minute"), intN(m, "count", 0));
  }

  static Map<String, AttributeValue> openRun(OpenRun r) {
    return item().s("checkInId", r.checkInId().toString()).instant("started", r.started())
        .instant("timeoutAt", r.timeoutAt()).build();
  }

  static OpenRun openRun(Map<String, AttributeValue> m) {
    return new OpenRun(UUID.fromString(s(m, "checkInId")), instant(m, "started"), instant(m, "timeoutAt"));
  }

  static Map<String, AttributeValue> failure(Failure f) {
    return item().s("checkInId", f.checkInId() == null ? null : f.checkInId().toString())
        .s("status", f.status().wire()).instant("time", f.time()).build();
  }

  static Failure failure(Map<String, AttributeValue> m) {
    String id = s(m, "checkInId");
    return new Failure(id == null ? null : UUID.fromString(id), CheckInStatus.fromWire(s(m, "status")), instant(m, "time"));
  }

  static Map<String, AttributeValue> incident(Incident incident) {
    if (incident == null) return null;
    BrokenNotice notice = incident.brokenNotice();
    return item().s("id", incident.id()).instant("started", incident.started())
        .list("failures", incident.failures(), EnvironmentItems::failure)
        // The broken-monitor rule's state (docs/semantics.md rules B1-B3); absent on incidents stored before it.
        .instant("brokenCheckAt", incident.brokenCheckAt())
        .m("brokenNotice", notice == null ? null : item().instant("userNotified", notice.userNotifiedTimestamp())
            .instant("environmentMuted", notice.environmentMutedTimestamp()).build())
        .bool("brokenDismissed", incident.brokenDismissed())
        // Reminders (rules R2-R5); absent on incidents stored before them.
        .instant("reminderAt", incident.reminderAt())
        .n("reminders", incident.reminders() == 0 ? null : incident.reminders())
        .build();
  }

  static Incident incident(Map<String, AttributeValue> m) {
    if (m == null) return null;
    Map<String, AttributeValue> notice = m(m, "brokenNotice");
    return new Incident(s(m, "id"), instant(m, "started"), list(m, "failures", EnvironmentItems::failure),
        instant(m, "brokenCheckAt"),
        notice == null ? null : new BrokenNotice(instant(notice, "userNotified"), instant(notice, "environmentMuted")),
        bool(m, "brokenDismissed"), instant(m, "reminderAt"), intN(m, "reminders", 0));
  }

  static Map<String, AttributeValue> event(IncidentEvent e) {
    return item().s("id", e.id()).s("type", e.type().name().toLowerCase(Locale.ROOT))
        .s("organization", e.organization()).s("monitorId", e.monitorId()).s("monitorSlug", e.monitorSlug())
        .s("monitorName", e.monitorName()).s("environment", e.environment()).s("incidentId", e.incidentId())
        .instant("incidentStarted", e.incidentStarted()).instant("time", e.time())
        .list("failures", e.failures(), EnvironmentItems::failure).instant("lastOk", e.lastOk()).s("owner", e.owner())
        .n("reminder", e.reminder() == 0 ? null : e.reminder()).build();
  }

  static IncidentEvent event(Map<String, AttributeValue> m) {
    return new IncidentEvent(s(m, "id"), IncidentEvent.Type.valueOf(s(m, "type").toUpperCase(Locale.ROOT)),
        s(m, "organization"), s(m, "monitorId"), s(m, "monitorSlug"), s(m, "monitorName"), s(m, "environment"),
        s(m, "incidentId"), instant(m, "incidentStarted"), instant(m, "time"), list(m, "failures", EnvironmentItems::failure),
        instant(m, "lastOk"), s(m, "owner"), intN(m, "reminder", 0));
  }
}
