package dev.cronmon.dynamodb;

import static dev.cronmon.dynamodb.Attrs.bool;
import static dev.cronmon.dynamodb.Attrs.instant;
import static dev.cronmon.dynamodb.Attrs.intN;
import static dev.cronmon.dynamodb.Attrs.item;
import static dev.cronmon.dynamodb.Attrs.list;
import static dev.cronmon.dynamodb.Attrs.longN;
import static dev.cronmon.dynamodb.Attrs.m;
import static dev.cronmon.dynamodb.Attrs.s;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInRate;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.checkin.OpenRun;
import dev.cronmon.domain.incident.Failure;
import dev.cronmon.domain.incident.Incident;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.incident.ResolvedIncident;
import dev.cronmon.domain.monitor.EnvironmentStatus;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.monitor.Owner;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.schedule.IntervalSchedule;
import dev.cronmon.domain.schedule.IntervalUnit;
import dev.cronmon.domain.schedule.Schedule;
import dev.cronmon.domain.tenant.ApiToken;
import dev.cronmon.domain.tenant.DsnKey;
import dev.cronmon.domain.tenant.Organization;
import dev.cronmon.domain.tenant.Project;
import dev.cronmon.domain.tenant.Scope;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Domain records to and from DynamoDB items (docs/data-model.md lists every attribute). Nested structures are native
 * DynamoDB maps and lists, readable in the console; enums are stored by their wire names; instants as ISO-8601.
 */
final class ItemCodec {
  static final String KIND = "kind";
  static final String VERSION = "version";
  static final String MONITOR_REF_SK = "MONITOR";
  /** Check-ins are kept 90 days (DESIGN.md). */
  static final Duration CHECK_IN_RETENTION = Duration.ofDays(90);

  private ItemCodec() {}

  // --- keys -------------------------------------------------------------------------------------------------

  static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(TableSchema.PK, AttributeValue.fromS(pk), TableSchema.SK, AttributeValue.fromS(sk));
  }

  static String orgPk(String slug) {
    return "ORG#" + slug;
  }

  static String projectPk(String id) {
    return "PROJECT#" + id;
  }

  static String monitorSk(String slug) {
    return "MON#" + slug;
  }

  static String monitorPk(String monitorId) {
    return "MON#" + monitorId;
  }

  static String envSk(String name) {
    return "ENV#" + name;
  }

  static String checkInPk(UUID id) {
    return "CHECKIN#" + id;
  }

  static String historySk(Instant dateCreated, UUID id) {
    return Attrs.sortable(dateCreated) + "#" + id;
  }

  // --- tenancy ----------------------------------------------------------------------------------------------

  static Map<String, AttributeValue> organization(Organization o) {
    return item().s(TableSchema.PK, orgPk(o.slug())).s(TableSchema.SK, "ORG").s(KIND, "organization")
        .s("slug", o.slug()).s("name", o.name()).instant("dateCreated", o.dateCreated())
        .n("maxMonitors", o.maxMonitors()).n("maxEnvironmentsPerMonitor", o.maxEnvironmentsPerMonitor()).build();
  }

  static Organization organization(Map<String, AttributeValue> i) {
    Long maxMonitors = longN(i, "maxMonitors");
    Long maxEnvironments = longN(i, "maxEnvironmentsPerMonitor");
    return new Organization(s(i, "slug"), s(i, "name"), instant(i, "dateCreated"),
        maxMonitors == null ? null : Math.toIntExact(maxMonitors), maxEnvironments == null ? null : Math.toIntExact(maxEnvironments));
  }

  /** The project item itself ({@code PROJECT#{id}}), or its copy in the organization's partition for listing. */
  static Map<String, AttributeValue> project(Project p, boolean orgCopy) {
    return item()
        .s(TableSchema.PK, orgCopy ? orgPk(p.organization()) : projectPk(p.id()))
        .s(TableSchema.SK, orgCopy ? projectPk(p.id()) : "PROJECT")
        .s(KIND, orgCopy ? "project-ref" : "project")
        .s("id", p.id()).s("organization", p.organization()).s("slug", p.slug()).s("name", p.name())
        .instant("dateCreated", p.dateCreated()).build();
  }

  static Project project(Map<String, AttributeValue> i) {
    return new Project(s(i, "id"), s(i, "organization"), s(i, "slug"), s(i, "name"), instant(i, "dateCreated"));
  }

  static String projectSlugSk(String slug) {
    return "PSLUG#" + slug;
  }

  /** The claim that makes a project slug unique in its organization (written and moved with the project). */
  static Map<String, AttributeValue> projectSlug(Project p) {
    return item().s(TableSchema.PK, orgPk(p.organization())).s(TableSchema.SK, projectSlugSk(p.slug()))
        .s(KIND, "project-slug").s("projectId", p.id()).build();
  }

  /** A DSN key's copy in its project's partition, for listing a project's keys. */
  static Map<String, AttributeValue> dsnKeyCopy(DsnKey k) {
    Map<String, AttributeValue> copy = new HashMap<>(dsnKey(k));
    copy.put(TableSchema.PK, AttributeValue.fromS(projectPk(k.projectId())));
    copy.put(TableSchema.SK, AttributeValue.fromS("KEY#" + k.publicKey()));
    copy.put(KIND, AttributeValue.fromS("dsn-key-ref"));
    return copy;
  }

  static String tokenCopySk(String tokenId) {
    return "TOKEN#" + tokenId;
  }

  /** A token's copy in its organization's partition (the hash, never the secret), for listing and revoking by id. */
  static Map<String, AttributeValue> tokenCopy(ApiToken t) {
    Map<String, AttributeValue> copy = new HashMap<>(token(t));
    copy.put(TableSchema.PK, AttributeValue.fromS(orgPk(t.organization())));
    copy.put(TableSchema.SK, AttributeValue.fromS(tokenCopySk(t.id())));
    copy.put(KIND, AttributeValue.fromS("token-ref"));
    return copy;
  }

  static Map<String, AttributeValue> dsnKey(DsnKey k) {
    return item().s(TableSchema.PK, "KEY#" + k.publicKey()).s(TableSchema.SK, "KEY").s(KIND, "dsn-key")
        .s("publicKey", k.publicKey()).s("projectId", k.projectId()).s("organization", k.organization())
        .s("label", k.label()).bool("revoked", k.revoked()).instant("dateCreated", k.dateCreated()).build();
  }

  static DsnKey dsnKey(Map<String, AttributeValue> i) {
    return new DsnKey(s(i, "publicKey"), s(i, "projectId"), s(i, "organization"), s(i, "label"), bool(i, "revoked"),
        instant(i, "dateCreated"));
  }

  static Map<String, AttributeValue> token(ApiToken t) {
    return item().s(TableSchema.PK, "TOKEN#" + t.sha256()).s(TableSchema.SK, "TOKEN").s(KIND, "token")
        .s("id", t.id()).s("organization", t.organization()).s("sha256", t.sha256())
        .strings("scopes", t.scopes().stream().sorted().map(Scope::wire).toList())
        .s("name", t.name()).instant("dateCreated", t.dateCreated()).build();
  }

  static ApiToken token(Map<String, AttributeValue> i) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String wire : Attrs.strings(i, "scopes")) Scope.fromWire(wire).ifPresent(scopes::add);
    return new ApiToken(s(i, "id"), s(i, "organization"), s(i, "sha256"), Set.copyOf(scopes), s(i, "name"),
        instant(i, "dateCreated"));
  }

  // --- monitors ---------------------------------------------------------------------------------------------

  static Map<String, AttributeValue> monitor(Monitor mon) {
    return item().s(TableSchema.PK, orgPk(mon.organization())).s(TableSchema.SK, monitorSk(mon.slug()))
        .s(KIND, "monitor")
        .s("id", mon.id()).s("organization", mon.organization()).s("projectId", mon.projectId())
        .s("slug", mon.slug()).s("name", mon.name()).s("status", mon.status().wire()).bool("muted", mon.muted())
        .m("config", config(mon.config())).instant("dateCreated", mon.dateCreated())
        .s("configError", mon.configError()).n(VERSION, mon.version()).s("owner", mon.owner() == null ? null : mon.owner().value()).build();
  }

  static Monitor monitor(Map<String, AttributeValue> i) {
    return new Monitor(s(i, "id"), s(i, "organization"), s(i, "projectId"), s(i, "slug"), s(i, "name"),
        MonitorStatus.fromWire(s(i, "status")).orElseThrow(() -> corrupt(i, "status")), bool(i, "muted"),
        config(m(i, "config")), instant(i, "dateCreated"), s(i, "configError"), longN(i, VERSION, 0),
        s(i, "owner") == null ? null : Owner.parse(s(i, "owner")).value().orElseThrow(() -> corrupt(i, "owner")));
  }

  /**
   * The pointer from a monitor's id to its key ({@code MON#{id}} / {@code MONITOR}, beside its environments) and a copy
   * of the monitor, written in the same transaction as every write of the monitor: the sweeper knows environments,
   * which name their monitor by id only, and reads the copy instead of following the pointer.
   */
  static Map<String, AttributeValue> monitorRef(Monitor mon) {
    Map<String, AttributeValue> item = new HashMap<>(monitor(mon));
    item.put(TableSchema.PK, AttributeValue.fromS(monitorPk(mon.id())));
    item.put(TableSchema.SK, AttributeValue.fromS(MONITOR_REF_SK));
    item.put(KIND, AttributeValue.fromS("monitor-ref"));
    item.put("monitorId", AttributeValue.fromS(mon.id()));
    return item;
  }

  /** The monitor a {@link #monitorRef} copies; null for a ref written before refs held the copy (a pointer only). */
  static Monitor monitorFromRef(Map<String, AttributeValue> ref) {
    return ref.containsKey("config") && ref.containsKey("id") ? monitor(ref) : null;
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
        .n("recoveryThreshold", c.recoveryThreshold()).build();
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
        intN(c, "recoveryThreshold", MonitorConfig.DEFAULT_THRESHOLD));
  }

  // --- environments -----------------------------------------------------------------------------------------

  static Map<String, AttributeValue> environment(MonitorEnvironment e, String dueShard) {
    Instant dueAt = e.dueAt();
    return item().s(TableSchema.PK, monitorPk(e.monitorId())).s(TableSchema.SK, envSk(e.name())).s(KIND, "environment")
        .s("monitorId", e.monitorId()).s("name", e.name()).s("status", e.status().wire()).bool("muted", e.muted())
        .instant("dateCreated", e.dateCreated()).instant("lastCheckIn", e.lastCheckIn()).instant("lastOk", e.lastOk())
        .instant("nextCheckIn", e.nextCheckIn()).instant("nextCheckInLatest", e.nextCheckInLatest())
        .list("openRuns", e.openRuns(), ItemCodec::openRun)
        .n("okStreak", e.okStreak())
        .list("failureStreak", e.failureStreak(), ItemCodec::failure)
        .m("activeIncident", incident(e.activeIncident()))
        .list("outbox", e.outbox(), ItemCodec::event)
        .n(VERSION, e.version())
        .m("checkInRate", checkInRate(e.checkInRate()))
        .bool("disabled", e.disabled())
        // The sparse due index: both attributes present only while something is due at some time.
        .s(TableSchema.DUE_SHARD, dueAt == null ? null : dueShard)
        .s(TableSchema.DUE_AT, dueAt == null ? null : Attrs.sortable(dueAt))
        .build();
  }

  static MonitorEnvironment environment(Map<String, AttributeValue> i) {
    return new MonitorEnvironment(s(i, "monitorId"), s(i, "name"),
        EnvironmentStatus.valueOf(s(i, "status").toUpperCase(Locale.ROOT)), bool(i, "muted"),
        instant(i, "dateCreated"), instant(i, "lastCheckIn"), instant(i, "lastOk"), instant(i, "nextCheckIn"),
        instant(i, "nextCheckInLatest"), list(i, "openRuns", ItemCodec::openRun), intN(i, "okStreak", 0),
        list(i, "failureStreak", ItemCodec::failure), incident(m(i, "activeIncident")),
        list(i, "outbox", ItemCodec::event), longN(i, VERSION, 0), checkInRate(m(i, "checkInRate")), bool(i, "disabled"));
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
    return item().s("id", incident.id()).instant("started", incident.started())
        .list("failures", incident.failures(), ItemCodec::failure).build();
  }

  static Incident incident(Map<String, AttributeValue> m) {
    if (m == null) return null;
    return new Incident(s(m, "id"), instant(m, "started"), list(m, "failures", ItemCodec::failure));
  }

  static Map<String, AttributeValue> event(IncidentEvent e) {
    return item().s("id", e.id()).s("type", e.type().name().toLowerCase(Locale.ROOT))
        .s("organization", e.organization()).s("monitorId", e.monitorId()).s("monitorSlug", e.monitorSlug())
        .s("monitorName", e.monitorName()).s("environment", e.environment()).s("incidentId", e.incidentId())
        .instant("incidentStarted", e.incidentStarted()).instant("time", e.time())
        .list("failures", e.failures(), ItemCodec::failure).instant("lastOk", e.lastOk()).s("owner", e.owner()).build();
  }

  static IncidentEvent event(Map<String, AttributeValue> m) {
    return new IncidentEvent(s(m, "id"), IncidentEvent.Type.valueOf(s(m, "type").toUpperCase(Locale.ROOT)),
        s(m, "organization"), s(m, "monitorId"), s(m, "monitorSlug"), s(m, "monitorName"), s(m, "environment"),
        s(m, "incidentId"), instant(m, "incidentStarted"), instant(m, "time"), list(m, "failures", ItemCodec::failure),
        instant(m, "lastOk"), s(m, "owner"));
  }

  // --- incidents --------------------------------------------------------------------------------------------

  static String incidentSk(Instant started, String id) {
    return "INCIDENT#" + Attrs.sortable(started) + "#" + id;
  }

  /** A resolved incident in its monitor's partition, kept as long as check-ins (TTL from its resolution). */
  static Map<String, AttributeValue> resolvedIncident(ResolvedIncident r) {
    return item().s(TableSchema.PK, monitorPk(r.monitorId())).s(TableSchema.SK, incidentSk(r.started(), r.id()))
        .s(KIND, "incident").s("monitorId", r.monitorId()).s("environment", r.environment()).s("id", r.id())
        .instant("started", r.started()).instant("resolved", r.resolved())
        .list("failures", r.failures(), ItemCodec::failure)
        .n(TableSchema.TTL_ATTRIBUTE, r.resolved().plus(CHECK_IN_RETENTION).getEpochSecond())
        .build();
  }

  static ResolvedIncident resolvedIncident(Map<String, AttributeValue> i) {
    return new ResolvedIncident(s(i, "monitorId"), s(i, "environment"), s(i, "id"), instant(i, "started"),
        instant(i, "resolved"), list(i, "failures", ItemCodec::failure));
  }

  // --- check-ins --------------------------------------------------------------------------------------------

  static Map<String, AttributeValue> checkIn(CheckIn c) {
    return item().s(TableSchema.PK, checkInPk(c.id())).s(TableSchema.SK, "CHECKIN").s(KIND, "checkin")
        .s("id", c.id().toString()).s("monitorId", c.monitorId()).s("projectId", c.projectId())
        .s("environment", c.environment()).s("status", c.status().wire()).n("durationMs", c.durationMs())
        .instant("dateCreated", c.dateCreated()).instant("dateUpdated", c.dateUpdated())
        .instant("expectedTime", c.expectedTime()).instant("timeoutAt", c.timeoutAt())
        .m("monitorConfig", config(c.monitorConfig())).s("traceId", c.traceId()).n(VERSION, c.version())
        .s(TableSchema.HISTORY_PK, monitorPk(c.monitorId()))
        .s(TableSchema.HISTORY_SK, historySk(c.dateCreated(), c.id()))
        .n(TableSchema.TTL_ATTRIBUTE, c.dateCreated().plus(CHECK_IN_RETENTION).getEpochSecond())
        .build();
  }

  static CheckIn checkIn(Map<String, AttributeValue> i) {
    return new CheckIn(UUID.fromString(s(i, "id")), s(i, "monitorId"), s(i, "projectId"), s(i, "environment"),
        CheckInStatus.fromWire(s(i, "status")), longN(i, "durationMs"), instant(i, "dateCreated"),
        instant(i, "dateUpdated"), instant(i, "expectedTime"), instant(i, "timeoutAt"), config(m(i, "monitorConfig")),
        s(i, "traceId"), longN(i, VERSION, 0));
  }

  private static IllegalStateException corrupt(Map<String, AttributeValue> item, String attribute) {
    return new IllegalStateException("stored item has an unreadable " + attribute + ": " + item.get(attribute));
  }
}
