package dev.cronmon.dynamodb;

import static dev.cronmon.dynamodb.Attrs.bool;
import static dev.cronmon.dynamodb.Attrs.instant;
import static dev.cronmon.dynamodb.Attrs.intN;
import static dev.cronmon.dynamodb.Attrs.item;
import static dev.cronmon.dynamodb.Attrs.longN;
import static dev.cronmon.dynamodb.Attrs.m;
import static dev.cronmon.dynamodb.Attrs.s;
import static dev.cronmon.dynamodb.Keys.KIND;
import static dev.cronmon.dynamodb.Keys.VERSION;

import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.monitor.Owner;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.schedule.IntervalSchedule;
import dev.cronmon.domain.schedule.IntervalUnit;
import dev.cronmon.domain.schedule.Schedule;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Monitors, their refs and their configs to and from items. Nested structures are native DynamoDB maps, readable in
 * the console; enums are stored by their wire names; instants as ISO-8601.
 */
final class MonitorItems {
  private MonitorItems() {}

  static Map<String, AttributeValue> monitor(Monitor mon) {
    return item().s(TableSchema.PK, Keys.orgPk(mon.organization())).s(TableSchema.SK, Keys.monitorSk(mon.slug()))
        .s(KIND, "monitor")
        .s("id", mon.id()).s("organization", mon.organization()).s("projectId", mon.projectId())
        .s("slug", mon.slug()).s("name", mon.name()).s("status", mon.status().wire()).bool("muted", mon.muted())
        .m("config", config(mon.config())).instant("dateCreated", mon.dateCreated())
        .s("configError", mon.configError()).n(VERSION, mon.version()).s("owner", mon.owner() == null ? null : mon.owner().value())
        .instant("mutedUntil", mon.mutedUntil()).build();
  }

  static Monitor monitor(Map<String, AttributeValue> i) {
    return new Monitor(s(i, "id"), s(i, "organization"), s(i, "projectId"), s(i, "slug"), s(i, "name"),
        MonitorStatus.fromWire(s(i, "status")).orElseThrow(() -> corrupt(i, "status")), bool(i, "muted"),
        config(m(i, "config")), instant(i, "dateCreated"), s(i, "configError"), longN(i, VERSION, 0),
        s(i, "owner") == null ? null : Owner.parse(s(i, "owner")).value().orElseThrow(() -> corrupt(i, "owner")),
        instant(i, "mutedUntil"));
  }

  /**
   * The pointer from a monitor's id to its key ({@code MON#{id}} / {@code MONITOR}, beside its environments) and a copy
   * of the monitor, written in the same transaction as every write of the monitor: the sweeper knows environments,
   * which name their monitor by id only, and reads the copy instead of following the pointer.
   */
  static Map<String, AttributeValue> monitorRef(Monitor mon) {
    Map<String, AttributeValue> item = new HashMap<>(monitor(mon));
    item.put(TableSchema.PK, AttributeValue.fromS(Keys.monitorPk(mon.id())));
    item.put(TableSchema.SK, AttributeValue.fromS(Keys.MONITOR_REF_SK));
    item.put(KIND, AttributeValue.fromS("monitor-ref"));
    item.put("monitorId", AttributeValue.fromS(mon.id()));
    return item;
  }

  /** The SDK form of a schedule ({@code type}, {@code value}, {@code unit}) plus the other config keys. */
  static Map<String, AttributeValue> config(MonitorConfig c) {
    if (c == null) return null;
    Attrs.Item out = item().s("type", c.schedule().type());
    if (c.schedule() instanceof CrontabSchedule cron) {
      out.s("value", cron.expression());
    } else if (c.schedule() instanceof IntervalSchedule interval) {
      out.n("value", interval.value()).s("unit", interval.unit().wire());
    } else {
      throw new IllegalArgumentException("unknown schedule " + c.schedule());
    }
    return out.s("timezone", c.timezone().getId()).n("checkinMargin", c.checkinMargin())
        .n("maxRuntime", c.maxRuntime()).n("failureIssueThreshold", c.failureIssueThreshold())
        .n("recoveryThreshold", c.recoveryThreshold()).n("minRuntime", c.minRuntime()).build();
  }

  static MonitorConfig config(Map<String, AttributeValue> c) {
    if (c == null) return null;
    String type = s(c, "type");
    Schedule schedule = switch (type == null ? "" : type) {
      case "crontab" -> new CrontabSchedule(s(c, "value"));
      case "interval" -> new IntervalSchedule(intN(c, "value", 0),
          IntervalUnit.fromWire(s(c, "unit")).orElseThrow(() -> corrupt(c, "unit")));
      default -> throw corrupt(c, "type");
    };
    return new MonitorConfig(schedule, ZoneId.of(s(c, "timezone")),
        intN(c, "checkinMargin", MonitorConfig.DEFAULT_CHECKIN_MARGIN),
        intN(c, "maxRuntime", MonitorConfig.DEFAULT_MAX_RUNTIME),
        intN(c, "failureIssueThreshold", MonitorConfig.DEFAULT_THRESHOLD),
        intN(c, "recoveryThreshold", MonitorConfig.DEFAULT_THRESHOLD),
        c.containsKey("minRuntime") ? intN(c, "minRuntime", 0) : null);
  }

  static IllegalStateException corrupt(Map<String, AttributeValue> item, String attribute) {
    return new IllegalStateException("stored item has an unreadable " + attribute + ": " + item.get(attribute));
  }
}
