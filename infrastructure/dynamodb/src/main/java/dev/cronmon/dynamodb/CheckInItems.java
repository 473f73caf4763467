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

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.checkin.RunFacts;
import dev.cronmon.domain.incident.ResolvedIncident;
import dev.cronmon.domain.store.CheckInHistory;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Check-ins and resolved incidents (the history items, which expire) to and from items. */
final class CheckInItems {
  private CheckInItems() {}

  static Map<String, AttributeValue> checkIn(CheckIn c) {
    return item().s(TableSchema.PK, Keys.checkInPk(c.id())).s(TableSchema.SK, "CHECKIN").s(KIND, "checkin")
        .s("id", c.id().toString()).s("monitorId", c.monitorId()).s("projectId", c.projectId())
        .s("environment", c.environment()).s("status", c.status().wire()).n("durationMs", c.durationMs())
        .instant("dateCreated", c.dateCreated()).instant("dateUpdated", c.dateUpdated())
        .instant("expectedTime", c.expectedTime()).instant("timeoutAt", c.timeoutAt())
        .m("monitorConfig", MonitorItems.config(c.monitorConfig())).s("traceId", c.traceId()).n(VERSION, c.version())
        .n("exitStatus", c.facts().exitStatus()).s("reason", c.facts().reason()).n("outputBytes", c.facts().outputBytes())
        .flag("outputTruncated", c.facts().outputTruncated()).flag("assignedId", c.facts().assignedId())
        .flag("maintenance", c.facts().maintenance())
        .s(TableSchema.HISTORY_PK, Keys.monitorPk(c.monitorId()))
        .s(TableSchema.HISTORY_SK, Keys.historySk(c.dateCreated(), c.id()))
        .n(TableSchema.TTL_ATTRIBUTE, c.dateCreated().plus(CheckInHistory.RETENTION).getEpochSecond())
        .build();
  }

  static CheckIn checkIn(Map<String, AttributeValue> i) {
    return new CheckIn(UUID.fromString(s(i, "id")), s(i, "monitorId"), s(i, "projectId"), s(i, "environment"),
        CheckInStatus.fromWire(s(i, "status")), longN(i, "durationMs"), instant(i, "dateCreated"),
        instant(i, "dateUpdated"), instant(i, "expectedTime"), instant(i, "timeoutAt"), MonitorItems.config(m(i, "monitorConfig")),
        s(i, "traceId"), longN(i, VERSION, 0), new RunFacts(i.containsKey("exitStatus") ? intN(i, "exitStatus", 0) : null,
            s(i, "reason"), longN(i, "outputBytes"), bool(i, "outputTruncated"), bool(i, "assignedId"), bool(i, "maintenance")));
  }

  // --- resolved incidents ---------------------------------------------------------------------------------

  /** A resolved incident in its monitor's partition, kept as long as check-ins (TTL from its resolution). */
  static Map<String, AttributeValue> resolvedIncident(ResolvedIncident r) {
    return item().s(TableSchema.PK, Keys.monitorPk(r.monitorId())).s(TableSchema.SK, Keys.incidentSk(r.started(), r.id()))
        .s(KIND, "incident").s("monitorId", r.monitorId()).s("environment", r.environment()).s("id", r.id())
        .instant("started", r.started()).instant("resolved", r.resolved())
        .list("failures", r.failures(), EnvironmentItems::failure)
        .n(TableSchema.TTL_ATTRIBUTE, r.resolved().plus(CheckInHistory.RETENTION).getEpochSecond())
        .build();
  }

  static ResolvedIncident resolvedIncident(Map<String, AttributeValue> i) {
    return new ResolvedIncident(s(i, "monitorId"), s(i, "environment"), s(i, "id"), instant(i, "started"),
        instant(i, "resolved"), list(i, "failures", EnvironmentItems::failure));
  }
}
