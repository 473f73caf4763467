package dev.cronmon.dynamodb;

import static dev.cronmon.domain.store.KeyParts.require;
import static dev.cronmon.domain.store.KeyParts.valid;

import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.store.Cursors;
import dev.cronmon.domain.store.KeyParts;
import dev.cronmon.domain.store.MonitorRead;
import dev.cronmon.domain.store.MonitorStore;
import dev.cronmon.domain.store.Page;
import dev.cronmon.domain.store.UpdateOutcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Monitors in their organization's partition ({@code ORG#{org}} / {@code MON#{slug}}: the slug is unique by key), each
 * with its {@code monitor-ref} ({@code MON#{id}} / {@code MONITOR}), a copy written in the same transaction as every
 * write of the monitor, so the sweeper reads monitors by id in one BatchGetItem.
 */
final class DynamoMonitorStore implements MonitorStore {
  private static final String CURSOR = "m1:";
  /** Entries {@link #monitorIds} keeps before it starts over (a warm function serving many monitors stays bounded). */
  static final int MONITOR_IDS_MAX = 10_000;

  private final Table table;
  /**
   * Monitor ids by organization and slug, as last read: lets a check-in read its monitor and environment in one
   * BatchGetItem. Only a hint: the monitor item read in the same request says whether it still holds (a slug deleted
   * and created again has a new id), so a stale entry costs one extra read, never a wrong answer.
   */
  private final Map<String, String> monitorIds = new ConcurrentHashMap<>();

  DynamoMonitorStore(Table table) {
    this.table = table;
  }

  @Override
  public Optional<Monitor> monitor(String organization, String slug) {
    if (!valid(organization) || !valid(slug)) return Optional.empty();
    return table.get(Keys.monitor(organization, slug), true).map(MonitorItems::monitor);
  }

  /**
   * One consistent BatchGetItem of the monitor and the environment when the slug's monitor id is known; else a GetItem
   * of each, in turn (the id is in the monitor). Either way the environment comes from the same moment as the monitor.
   */
  @Override
  public Optional<MonitorRead> monitorForCheckIn(String organization, String slug, String environment) {
    if (!valid(organization) || !valid(slug)) return Optional.empty();
    String slugKey = slugKey(organization, slug);
    String knownId = monitorIds.get(slugKey);
    if (knownId == null || !valid(environment)) return monitor(organization, slug).map(m -> readWithEnvironment(slugKey, m, environment));
    Map<String, AttributeValue> monitorKey = Keys.monitor(organization, slug);
    Monitor monitor = null;
    MonitorEnvironment env = null;
    for (Map<String, AttributeValue> item : table.batchGet(List.of(monitorKey, Keys.environment(knownId, environment)))) {
      if (item.get(TableSchema.PK).equals(monitorKey.get(TableSchema.PK))) monitor = MonitorItems.monitor(item);
      else env = EnvironmentItems.environment(item);
    }
    if (monitor == null) {
      monitorIds.remove(slugKey);
      return Optional.empty();
    }
    // The slug names another monitor now: the environment read was the old one's.
    if (!monitor.id().equals(knownId)) return Optional.of(readWithEnvironment(slugKey, monitor, environment));
    return Optional.of(new MonitorRead(monitor, environment, Optional.ofNullable(env)));
  }

  /** The monitor id last read for the slug of the organization, or null (a hint: see {@link #monitorIds}). */
  String knownId(String organization, String slug) {
    return monitorIds.get(slugKey(organization, slug));
  }

  /** Learns the slug's monitor id from a read that found the monitor. */
  void learned(Monitor monitor) {
    remember(slugKey(monitor.organization(), monitor.slug()), monitor.id());
  }

  private MonitorRead readWithEnvironment(String slugKey, Monitor monitor, String environment) {
    remember(slugKey, monitor.id());
    if (environment == null) return new MonitorRead(monitor, null, Optional.empty());
    Optional<MonitorEnvironment> env = valid(environment)
        ? table.get(Keys.environment(monitor.id(), environment), true).map(EnvironmentItems::environment)
        : Optional.empty();
    return new MonitorRead(monitor, environment, env);
  }

  private static String slugKey(String organization, String slug) {
    return organization + "\u0000" + slug;
  }

  private void remember(String slugKey, String id) {
    if (monitorIds.size() >= MONITOR_IDS_MAX) monitorIds.clear();
    monitorIds.put(slugKey, id);
  }

  /** The monitor and its ref, in one transaction; false when the slug (or the id) is taken. */
  @Override
  public boolean putMonitor(Monitor monitor) {
    require(monitor.organization(), "organization");
    require(monitor.slug(), "monitor slug");
    require(monitor.id(), "monitor id");
    boolean created = table.commit(
        table.putWrite(MonitorItems.monitor(monitor), Table.Condition.absent()),
        table.putWrite(MonitorItems.monitorRef(monitor), Table.Condition.absent()));
    if (created) remember(slugKey(monitor.organization(), monitor.slug()), monitor.id());
    return created;
  }

  /** The monitor on its version and its ref's copy, in one transaction. */
  @Override
  public boolean replaceMonitor(Monitor monitor) {
    if (monitor.version() < 2) throw new IllegalArgumentException("replaceMonitor needs version >= 2, got " + monitor.version());
    return table.commit(
        table.putWrite(MonitorItems.monitor(monitor), Table.Condition.savingVersion(monitor.version())),
        table.putWrite(MonitorItems.monitorRef(monitor)));
  }

  /**
   * The monitor item moves to its new key: created there, deleted from the old one on its version, and its ref
   * rewritten, atomically.
   */
  @Override
  public UpdateOutcome renameMonitor(Monitor previous, Monitor renamed) {
    if (renamed.version() != previous.version() + 1) throw new IllegalArgumentException("renamed monitor must be the next version");
    require(renamed.slug(), "monitor slug");
    Table.Outcome outcome = table.transact(List.of(
        table.putWrite(MonitorItems.monitor(renamed), Table.Condition.absent()),
        table.deleteWrite(Keys.monitor(previous.organization(), previous.slug()), Table.Condition.version(previous.version())),
        table.putWrite(MonitorItems.monitorRef(renamed))));
    if (outcome.committed()) {
      remember(slugKey(renamed.organization(), renamed.slug()), renamed.id());
      return UpdateOutcome.UPDATED;
    }
    return outcome.failed(1) ? UpdateOutcome.STALE : UpdateOutcome.SLUG_TAKEN;
  }

  /** The monitor item (on its version), its ref and its alert rule (if any), in one transaction. */
  @Override
  public boolean deleteMonitor(Monitor monitor) {
    return table.commit(
        table.deleteWrite(Keys.monitor(monitor.organization(), monitor.slug()), Table.Condition.version(monitor.version())),
        table.deleteWrite(Keys.monitorRef(monitor.id())),
        table.deleteWrite(Keys.alertRule(AlertRule.Owner.monitor(monitor.id()))));
  }

  @Override
  public Page<Monitor> monitors(String organization, String cursor, int limit) {
    int size = Page.size(limit);
    if (!valid(organization)) return Page.empty();
    var q = table.beginsWith(Keys.orgPk(organization), "MON#").consistentRead(true).limit(size + 1);
    if (cursor != null && !cursor.isEmpty()) {
      String slug = Cursors.decode(cursor, CURSOR);
      if (!valid(slug)) throw Cursors.invalid();
      q.exclusiveStartKey(Keys.monitor(organization, slug));
    }
    // One more than the page, to know whether another page exists without returning an empty last page.
    List<Map<String, AttributeValue>> items = new ArrayList<>(size + 1);
    for (QueryResponse r : table.pages(q.build())) {
      for (Map<String, AttributeValue> item : r.items()) if (items.size() <= size) items.add(item);
      if (items.size() > size) break;
    }
    List<Monitor> monitors = items.stream().limit(size).map(MonitorItems::monitor).toList();
    return new Page<>(monitors, items.size() > size ? Cursors.encode(CURSOR, monitors.get(size - 1).slug()) : null);
  }

  @Override
  public int countMonitors(String organization, int atMost) {
    if (!valid(organization)) return 0;
    return table.count(table.beginsWith(Keys.orgPk(organization), "MON#"), atMost);
  }

  /** Reads the organization's monitors (a filtered Query, Select COUNT) until one of the project turns up. */
  @Override
  public boolean projectHasMonitors(String organization, String projectId) {
    if (!valid(organization) || !valid(projectId)) return false;
    var q = table.query().keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
        .filterExpression("#p = :p").select(Select.COUNT)
        .expressionAttributeNames(Map.of("#pk", TableSchema.PK, "#sk", TableSchema.SK, "#p", "projectId"))
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.orgPk(organization)), ":prefix", AttributeValue.fromS("MON#"),
            ":p", AttributeValue.fromS(projectId)));
    for (QueryResponse r : table.pages(q.build())) if (r.count() > 0) return true;
    return false;
  }

  /** One consistent BatchGetItem of the refs, read as the monitors they copy (older refs: {@link LegacyItems}). */
  @Override
  public Map<String, Monitor> monitorsById(Collection<String> monitorIds) {
    List<Map<String, AttributeValue>> refKeys = monitorIds.stream().filter(KeyParts::valid).distinct()
        .map(Keys::monitorRef).toList();
    Map<String, Monitor> out = new HashMap<>();
    List<Map<String, AttributeValue>> pointers = new ArrayList<>();
    for (Map<String, AttributeValue> ref : table.batchGet(refKeys)) {
      if (LegacyItems.isPointerOnly(ref)) pointers.add(ref);
      else out.put(Attrs.s(ref, "id"), MonitorItems.monitor(ref));
    }
    if (!pointers.isEmpty()) out.putAll(LegacyItems.followPointers(table, pointers, monitorIds));
    return out;
  }
}
