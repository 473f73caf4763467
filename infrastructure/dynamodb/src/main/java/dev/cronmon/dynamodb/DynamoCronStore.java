package dev.cronmon.dynamodb;

import static dev.cronmon.dynamodb.ItemCodec.checkInPk;
import static dev.cronmon.dynamodb.ItemCodec.envSk;
import static dev.cronmon.dynamodb.ItemCodec.key;
import static dev.cronmon.dynamodb.ItemCodec.monitorPk;
import static dev.cronmon.dynamodb.ItemCodec.monitorSk;
import static dev.cronmon.dynamodb.ItemCodec.orgPk;
import static dev.cronmon.dynamodb.ItemCodec.projectPk;

import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.alert.Channel;
import dev.cronmon.domain.alert.Delivery;
import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.incident.ResolvedIncident;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.processing.ErrorCounter;
import dev.cronmon.domain.processing.ErrorList;
import dev.cronmon.domain.processing.ProcessingError;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.store.MonitorRead;
import dev.cronmon.domain.store.Page;
import dev.cronmon.domain.store.UpdateOutcome;
import dev.cronmon.domain.tenant.ApiToken;
import dev.cronmon.domain.tenant.DsnKey;
import dev.cronmon.domain.tenant.Organization;
import dev.cronmon.domain.tenant.Project;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link CronStore} on one DynamoDB table (layout: docs/data-model.md, table: {@link TableSchema}).
 *
 * <p>Every write is a conditional PutItem: creating requires {@code attribute_not_exists(PK)}, replacing requires the
 * stored {@code version} to be the caller's previous one; a refused condition is a {@code false}, never an exception.
 * Reads of items that writes are conditioned on (monitors, environments, check-ins) are strongly consistent, so a
 * caller that lost a race re-reads the winner's state. Lookups with keys that cannot exist (too long, not encodable)
 * find nothing instead of failing, since they come from untrusted requests.
 *
 * <p>Thread-safe; build one per process, outside the handler, like its {@link DynamoDbClient}.
 */
public final class DynamoCronStore implements CronStore {
  public static final int DEFAULT_DUE_SHARDS = 16;
  /** Largest page any listing returns, whatever the caller asks for. */
  public static final int MAX_PAGE_SIZE = 1000;
  /** Index entries read per Query when the check-in history is filtered by environment. */
  static final int FILTERED_QUERY_LIMIT = 200;
  /**
   * Queries one filtered history page may make before it returns what it has (possibly nothing) with a cursor, so a
   * rare environment among many check-ins costs bounded work per request (20 × 200 entries of ~150 bytes: ~75 RCU).
   */
  static final int MAX_FILTERED_QUERIES = 20;
  /** Longest key part (slug, name, id) accepted; far above every domain limit, far below DynamoDB's key limits. */
  private static final int MAX_KEY_PART = 256;
  private static final int BATCH_GET_MAX = 100;
  private static final Pattern HISTORY_SK =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final String MONITOR_CURSOR = "m1:";
  private static final String CHECKIN_CURSOR = "c1:";
  private static final String INCIDENT_CURSOR = "i1:";
  private static final Pattern INCIDENT_SK = Pattern.compile("INCIDENT#\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#[A-Za-z0-9-]{1,64}");

  private final DynamoDbClient client;
  private final String table;
  private final int dueShards;
  private final CapacityMeter meter;
  private final ReturnConsumedCapacity returnCapacity;
  private final int filteredQueryLimit;
  private final int maxFilteredQueries;
  private final DynamoProcessingErrorStore processingErrors;
  /**
   * Monitor ids by organization and slug, as last read: lets a check-in read its monitor and environment in one
   * BatchGetItem. Only a hint: the monitor item read in the same request says whether it still holds (a slug deleted
   * and created again has a new id), so a stale entry costs one extra read, never a wrong answer.
   */
  private final Map<String, String> monitorIds = new java.util.concurrent.ConcurrentHashMap<>();
  /** Entries {@link #monitorIds} keeps before it starts over (a warm function serving many monitors stays bounded). */
  static final int MONITOR_IDS_MAX = 10_000;

  public DynamoCronStore(DynamoDbClient client, String tableName) {
    this(client, tableName, DEFAULT_DUE_SHARDS, null);
  }

  /**
   * @param dueShards partitions of the due index; writers and the sweeper must agree on it, and changing it for a
   *     live table needs every environment rewritten (or the sweeper to read the old shards too until then)
   * @param meter where to add the capacity DynamoDB reports, or null to not ask for reports
   */
  public DynamoCronStore(DynamoDbClient client, String tableName, int dueShards, CapacityMeter meter) {
    this(client, tableName, dueShards, meter, FILTERED_QUERY_LIMIT, MAX_FILTERED_QUERIES);
  }

  /** With a smaller budget for filtered history pages, so tests can reach it with few items. */
  DynamoCronStore(DynamoDbClient client, String tableName, int dueShards, CapacityMeter meter, int filteredQueryLimit,
      int maxFilteredQueries) {
    if (dueShards < 1) throw new IllegalArgumentException("dueShards must be at least 1");
    this.client = Objects.requireNonNull(client, "client");
    this.table = Objects.requireNonNull(tableName, "tableName");
    this.dueShards = dueShards;
    this.meter = meter;
    this.returnCapacity = meter == null ? ReturnConsumedCapacity.NONE : ReturnConsumedCapacity.TOTAL;
    this.filteredQueryLimit = filteredQueryLimit;
    this.maxFilteredQueries = maxFilteredQueries;
    this.processingErrors = new DynamoProcessingErrorStore(client, tableName, meter);
  }

  public String tableName() {
    return table;
  }

  @Override
  public int dueShards() {
    return dueShards;
  }

  // --- tenancy ------------------------------------------------------------------------------------------------

  @Override
  public Optional<Organization> organization(String slug) {
    if (!keyPart(slug)) return Optional.empty();
    return get(key(orgPk(slug), "ORG"), false).map(ItemCodec::organization);
  }

  @Override
  public boolean putOrganization(Organization organization) {
    requireKeyPart(organization.slug(), "organization slug");
    return create(ItemCodec.organization(organization));
  }

  @Override
  public Optional<Project> project(String projectId) {
    if (!keyPart(projectId)) return Optional.empty();
    return get(key(projectPk(projectId), "PROJECT"), false).map(ItemCodec::project);
  }

  /**
   * One Query of the organization's partition: each project has a copy there, written with it. Eventually
   * consistent (half the read cost; projects never change once written), since token check-ins call it.
   */
  @Override
  public List<Project> projects(String organization) {
    if (!keyPart(organization)) return List.of();
    List<Project> out = new ArrayList<>();
    queryAll(beginsWith(orgPk(organization), "PROJECT#"), item -> out.add(ItemCodec.project(item)));
    return out;
  }

  /**
   * The project item, its copy in the organization's partition and the claim of its slug, in one transaction; false
   * when the id or the slug is taken.
   */
  @Override
  public boolean putProject(Project project) {
    requireKeyPart(project.id(), "project id");
    requireKeyPart(project.organization(), "organization");
    requireKeyPart(project.slug(), "project slug");
    return transact(List.of(
        TransactWriteItem.builder().put(createPut(ItemCodec.project(project, false))).build(),
        TransactWriteItem.builder().put(createPut(ItemCodec.project(project, true))).build(),
        TransactWriteItem.builder().put(createPut(ItemCodec.projectSlug(project))).build())) == null;
  }

  @Override
  public Optional<DsnKey> dsnKey(String publicKey) {
    if (!keyPart(publicKey)) return Optional.empty();
    // Strongly consistent: a revoked key must stop working at once (issue #6), for 0.5 RCU more per check-in.
    return get(key("KEY#" + publicKey, "KEY"), true).map(ItemCodec::dsnKey);
  }

  /** The key item and its copy in the project's partition (for listing), in one transaction. */
  @Override
  public boolean putDsnKey(DsnKey key) {
    requireKeyPart(key.publicKey(), "public key");
    requireKeyPart(key.projectId(), "project id");
    return transact(List.of(
        TransactWriteItem.builder().put(createPut(ItemCodec.dsnKey(key))).build(),
        TransactWriteItem.builder().put(createPut(ItemCodec.dsnKeyCopy(key))).build())) == null;
  }

  @Override
  public Optional<ApiToken> tokenByHash(String sha256) {
    if (!keyPart(sha256)) return Optional.empty();
    // Strongly consistent, as the DSN key: a revoked token is refused from the next request on.
    return get(key("TOKEN#" + sha256, "TOKEN"), true).map(ItemCodec::token);
  }

  /** The token item (found by hash on every call) and its copy in the organization's partition, in one transaction. */
  @Override
  public boolean putToken(ApiToken token) {
    requireKeyPart(token.sha256(), "token hash");
    requireKeyPart(token.id(), "token id");
    requireKeyPart(token.organization(), "organization");
    return transact(List.of(
        TransactWriteItem.builder().put(createPut(ItemCodec.token(token))).build(),
        TransactWriteItem.builder().put(createPut(ItemCodec.tokenCopy(token))).build())) == null;
  }

  // --- monitors -----------------------------------------------------------------------------------------------

  @Override
  public Optional<Monitor> monitor(String organization, String slug) {
    if (!keyPart(organization) || !keyPart(slug)) return Optional.empty();
    return get(key(orgPk(organization), monitorSk(slug)), true).map(ItemCodec::monitor);
  }

  @Override
  public Optional<MonitorRead> monitorForCheckIn(String organization, String slug, String environment) {
    if (!keyPart(organization) || !keyPart(slug)) return Optional.empty();
    String slugKey = slugKey(organization, slug);
    String knownId = monitorIds.get(slugKey);
    if (knownId == null || !keyPart(environment)) {
      Optional<Monitor> monitor = monitor(organization, slug);
      monitor.ifPresent(m -> rememberMonitorId(slugKey, m.id()));
      return monitor.map(MonitorRead::monitorOnly);
    }
    Map<String, AttributeValue> monitorKey = key(orgPk(organization), monitorSk(slug));
    Monitor monitor = null;
    MonitorEnvironment env = null;
    for (Map<String, AttributeValue> item : batchGet(List.of(monitorKey, key(monitorPk(knownId), envSk(environment))))) {
      if (item.get(TableSchema.PK).equals(monitorKey.get(TableSchema.PK))) monitor = ItemCodec.monitor(item);
      else env = ItemCodec.environment(item);
    }
    if (monitor == null) {
      monitorIds.remove(slugKey);
      return Optional.empty();
    }
    if (!monitor.id().equals(knownId)) {
      rememberMonitorId(slugKey, monitor.id());
      return Optional.of(MonitorRead.monitorOnly(monitor)); // the slug names another monitor now: its environment is unread
    }
    return Optional.of(new MonitorRead(monitor, true, env));
  }

  private static String slugKey(String organization, String slug) {
    return organization + "\u0000" + slug;
  }

  private void rememberMonitorId(String slugKey, String id) {
    if (monitorIds.size() >= MONITOR_IDS_MAX) monitorIds.clear();
    monitorIds.put(slugKey, id);
  }

  /** The monitor and its ref (pointer and copy, for {@link #monitorsById}), in one transaction; false when the slug is taken. */
  @Override
  public boolean putMonitor(Monitor monitor) {
    requireKeyPart(monitor.organization(), "organization");
    requireKeyPart(monitor.slug(), "monitor slug");
    requireKeyPart(monitor.id(), "monitor id");
    boolean created = transact(List.of(
        TransactWriteItem.builder().put(createPut(ItemCodec.monitor(monitor))).build(),
        TransactWriteItem.builder().put(createPut(ItemCodec.monitorRef(monitor))).build())) == null;
    if (created) rememberMonitorId(slugKey(monitor.organization(), monitor.slug()), monitor.id());
    return created;
  }

  /**
   * One consistent BatchGetItem of the refs {@code MON#{id}} / {@code MONITOR}, which hold a copy of their monitor
   * (written in the same transaction as the monitor). A ref written before refs held the copy is followed to its
   * monitor with a second BatchGetItem; then a monitor that is gone or now has another id (slug reused) yields nothing.
   */
  @Override
  public Map<String, Monitor> monitorsById(Collection<String> monitorIds) {
    List<Map<String, AttributeValue>> refKeys = monitorIds.stream().filter(DynamoCronStore::keyPart).distinct()
        .map(id -> key(monitorPk(id), ItemCodec.MONITOR_REF_SK)).toList();
    Map<String, Monitor> out = new HashMap<>();
    List<Map<String, AttributeValue>> monitorKeys = new ArrayList<>();
    for (Map<String, AttributeValue> ref : batchGet(refKeys)) {
      Monitor copy = ItemCodec.monitorFromRef(ref);
      if (copy != null) out.put(copy.id(), copy);
      else monitorKeys.add(key(orgPk(ref.get("organization").s()), monitorSk(ref.get("slug").s())));
    }
    if (monitorKeys.isEmpty()) return out;
    Set<String> wanted = new HashSet<>(monitorIds);
    for (Map<String, AttributeValue> item : batchGet(monitorKeys)) {
      Monitor monitor = ItemCodec.monitor(item);
      if (wanted.contains(monitor.id())) out.put(monitor.id(), monitor);
    }
    return out;
  }

  /** The monitor item on its version and its ref's copy, in one transaction. */
  @Override
  public boolean replaceMonitor(Monitor monitor) {
    if (monitor.version() < 2) throw new IllegalArgumentException("replaceMonitor needs version >= 2, got " + monitor.version());
    return transact(List.of(
        TransactWriteItem.builder().put(savePut(ItemCodec.monitor(monitor), monitor.version())).build(),
        TransactWriteItem.builder().put(Put.builder().tableName(table).item(ItemCodec.monitorRef(monitor)).build()).build())) == null;
  }

  /** In slug order, {@code limit} at a time (at most {@link #MAX_PAGE_SIZE}); the last page has no cursor. */
  @Override
  public Page<Monitor> monitors(String organization, String cursor, int limit) {
    int size = pageSize(limit);
    if (!keyPart(organization)) return new Page<>(List.of(), null);
    Map<String, AttributeValue> start = null;
    if (cursor != null && !cursor.isEmpty()) {
      String slug = decodeCursor(cursor, MONITOR_CURSOR);
      if (!keyPart(slug)) throw invalidCursor();
      start = key(orgPk(organization), monitorSk(slug));
    }
    // One more than the page, to know whether another page exists without returning an empty last page.
    List<Map<String, AttributeValue>> items = new ArrayList<>(size + 1);
    while (items.size() <= size) {
      QueryResponse r = query(beginsWith(orgPk(organization), "MON#").consistentRead(true)
          .limit(size + 1 - items.size()).exclusiveStartKey(start).build());
      items.addAll(r.items());
      if (!r.hasLastEvaluatedKey() || r.lastEvaluatedKey().isEmpty()) break;
      start = r.lastEvaluatedKey();
    }
    List<Monitor> monitors = items.stream().limit(size).map(ItemCodec::monitor).toList();
    String next = items.size() > size ? encodeCursor(MONITOR_CURSOR, monitors.get(size - 1).slug()) : null;
    return new Page<>(monitors, next);
  }

  // --- environments -------------------------------------------------------------------------------------------

  @Override
  public Optional<MonitorEnvironment> environment(String monitorId, String name) {
    if (!keyPart(monitorId) || !keyPart(name)) return Optional.empty();
    return get(key(monitorPk(monitorId), envSk(name)), true).map(ItemCodec::environment);
  }

  @Override
  public List<MonitorEnvironment> environments(String monitorId) {
    if (!keyPart(monitorId)) return List.of();
    List<MonitorEnvironment> out = new ArrayList<>();
    queryAll(beginsWith(monitorPk(monitorId), "ENV#").consistentRead(true), item -> out.add(ItemCodec.environment(item)));
    return out;
  }

  @Override
  public boolean saveEnvironment(MonitorEnvironment env) {
    requireKeyPart(env.monitorId(), "monitor id");
    requireKeyPart(env.name(), "environment name");
    return save(ItemCodec.environment(env, dueShardKey(env.monitorId(), env.name())), env.version());
  }

  @Override
  public boolean saveEnvironmentWithCheckIns(MonitorEnvironment env, List<CheckIn> checkIns) {
    return saveEnvironmentChange(env, checkIns, List.of());
  }

  @Override
  public boolean saveEnvironmentChange(MonitorEnvironment env, List<CheckIn> checkIns, List<ResolvedIncident> resolved) {
    requireKeyPart(env.monitorId(), "monitor id");
    requireKeyPart(env.name(), "environment name");
    List<TransactWriteItem> writes = new ArrayList<>(1 + checkIns.size() + resolved.size());
    writes.add(TransactWriteItem.builder().put(savePut(ItemCodec.environment(env, dueShardKey(env.monitorId(), env.name())), env.version())).build());
    for (CheckIn c : checkIns) {
      requireKeyPart(c.monitorId(), "monitor id");
      requireKeyPart(c.environment(), "environment");
      writes.add(TransactWriteItem.builder().put(savePut(ItemCodec.checkIn(c), c.version())).build());
    }
    for (ResolvedIncident r : resolved) writes.add(TransactWriteItem.builder().put(createPut(ItemCodec.resolvedIncident(r))).build());
    return transact(writes) == null;
  }

  /** The due-index shard of an environment: a stable hash (CRC-32) of monitor id and name, modulo the shard count. */
  public int dueShard(String monitorId, String environment) {
    CRC32 crc = new CRC32();
    crc.update((monitorId + "#" + environment).getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % dueShards);
  }

  private String dueShardKey(String monitorId, String environment) {
    return "DUE#" + dueShard(monitorId, environment);
  }

  /**
   * Environments of one shard whose {@link MonitorEnvironment#dueAt()} is at or before {@code now}, earliest first:
   * a Query of the {@code due} index ({@code dueAt <= now}, at most {@code limit} entries), then a consistent read of
   * each environment, dropping those that are no longer due (the index lags the table a little). Not swept ones
   * (disabled monitors) are the caller's business.
   */
  @Override
  public List<MonitorEnvironment> due(int shard, Instant now, int limit) {
    if (shard < 0 || shard >= dueShards) throw new IllegalArgumentException("shard " + shard + " not in [0, " + dueShards + ")");
    int size = pageSize(limit);
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    while (keys.size() < size) {
      QueryResponse r = query(QueryRequest.builder().tableName(table).indexName(TableSchema.DUE_INDEX)
          .keyConditionExpression("#s = :s AND #d <= :now")
          .expressionAttributeNames(Map.of("#s", TableSchema.DUE_SHARD, "#d", TableSchema.DUE_AT))
          .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("DUE#" + shard), ":now", AttributeValue.fromS(Attrs.sortable(now))))
          .limit(size - keys.size()).exclusiveStartKey(start).build());
      r.items().forEach(i -> keys.add(key(i.get(TableSchema.PK).s(), i.get(TableSchema.SK).s())));
      if (!r.hasLastEvaluatedKey() || r.lastEvaluatedKey().isEmpty()) break;
      start = r.lastEvaluatedKey();
    }
    List<MonitorEnvironment> out = new ArrayList<>(keys.size());
    for (Map<String, AttributeValue> item : batchGet(keys)) {
      MonitorEnvironment env = ItemCodec.environment(item);
      Instant dueAt = env.dueAt();
      if (dueAt != null && !dueAt.isAfter(now)) out.add(env);
    }
    return out;
  }

  /** {@link #due(int, Instant, int)} over every shard in turn, until {@code limit} environments are found. */
  public List<MonitorEnvironment> due(Instant now, int limit) {
    int size = pageSize(limit);
    List<MonitorEnvironment> out = new ArrayList<>();
    for (int shard = 0; shard < dueShards && out.size() < size; shard++) out.addAll(due(shard, now, size - out.size()));
    return out;
  }

  // --- check-ins ----------------------------------------------------------------------------------------------

  @Override
  public Optional<CheckIn> checkIn(UUID id) {
    return get(key(checkInPk(id), "CHECKIN"), true).map(ItemCodec::checkIn);
  }

  @Override
  public boolean saveCheckIn(CheckIn checkIn) {
    requireKeyPart(checkIn.monitorId(), "monitor id");
    requireKeyPart(checkIn.environment(), "environment");
    return save(ItemCodec.checkIn(checkIn), checkIn.version());
  }

  /**
   * Newest first: the {@code history} index of the monitor read backwards (filtered on the projected
   * {@code environment} when one is given), then the full items by one consistent BatchGetItem, in index order.
   * A filtered page stops after {@link #MAX_FILTERED_QUERIES} queries and may then hold fewer items than asked,
   * with a cursor to continue.
   */
  @Override
  public Page<CheckIn> checkIns(String monitorId, String environment, String cursor, int limit) {
    return checkIns(monitorId, environment, null, null, cursor, limit);
  }

  /**
   * As {@link #checkIns(String, String, String, int)}, limited to check-ins created in [{@code from}, {@code to}):
   * a range condition on the index's sort key, so the range costs nothing outside it. A cursor from outside the
   * range is refused (IllegalArgumentException), as DynamoDB would refuse it.
   */
  @Override
  public Page<CheckIn> checkIns(String monitorId, String environment, Instant from, Instant to, String cursor, int limit) {
    int size = pageSize(limit);
    if (!keyPart(monitorId) || (environment != null && !keyPart(environment))) return new Page<>(List.of(), null);
    if (from != null && to != null && !from.isBefore(to)) return new Page<>(List.of(), null);
    String historyPk = monitorPk(monitorId);
    Map<String, AttributeValue> start = null;
    if (cursor != null && !cursor.isEmpty()) {
      start = historyKey(historyPk, decodeCursor(cursor, CHECKIN_CURSOR));
      String position = start.get(TableSchema.HISTORY_SK).s();
      if ((from != null && position.compareTo(Attrs.sortable(from)) < 0) || (to != null && position.compareTo(Attrs.sortable(to)) >= 0)) {
        throw invalidCursor();
      }
    }

    Map<String, String> names = new HashMap<>(Map.of("#h", TableSchema.HISTORY_PK));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":h", AttributeValue.fromS(historyPk)));
    String keyCondition = "#h = :h";
    if (from != null || to != null) names.put("#t", TableSchema.HISTORY_SK);
    if (from != null) values.put(":from", AttributeValue.fromS(Attrs.sortable(from)));
    if (to != null) values.put(":to", AttributeValue.fromS(Attrs.sortable(to)));
    // "{to}#uuid" sorts after "{to}", so BETWEEN / < exclude check-ins created exactly at {to}.
    if (from != null && to != null) keyCondition += " AND #t BETWEEN :from AND :to";
    else if (from != null) keyCondition += " AND #t >= :from";
    else if (to != null) keyCondition += " AND #t < :to";
    if (environment != null) {
      names.put("#e", TableSchema.HISTORY_PROJECTED);
      values.put(":e", AttributeValue.fromS(environment));
    }
    List<Map<String, AttributeValue>> entries = new ArrayList<>(size + 1);
    Map<String, AttributeValue> resumeAt = null; // set when the query budget ran out before the index did
    for (int queries = 0; entries.size() <= size; queries++) {
      if (environment != null && queries == maxFilteredQueries) {
        resumeAt = start;
        break;
      }
      int wanted = size + 1 - entries.size();
      QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(TableSchema.HISTORY_INDEX)
          .keyConditionExpression(keyCondition).scanIndexForward(false)
          .expressionAttributeNames(names).expressionAttributeValues(values)
          .limit(environment == null ? wanted : Math.max(wanted, filteredQueryLimit))
          .exclusiveStartKey(start);
      if (environment != null) q.filterExpression("#e = :e");
      QueryResponse r = query(q.build());
      for (Map<String, AttributeValue> e : r.items()) if (entries.size() <= size) entries.add(e);
      if (!r.hasLastEvaluatedKey() || r.lastEvaluatedKey().isEmpty()) break;
      start = r.lastEvaluatedKey();
    }

    List<Map<String, AttributeValue>> pageEntries = entries.subList(0, Math.min(size, entries.size()));
    String next = null;
    if (entries.size() > size) {
      next = encodeCursor(CHECKIN_CURSOR, pageEntries.get(size - 1).get(TableSchema.HISTORY_SK).s());
    } else if (resumeAt != null) {
      next = encodeCursor(CHECKIN_CURSOR, resumeAt.get(TableSchema.HISTORY_SK).s());
    }
    List<Map<String, AttributeValue>> keys = pageEntries.stream()
        .map(e -> key(e.get(TableSchema.PK).s(), e.get(TableSchema.SK).s())).toList();
    List<CheckIn> checkIns = batchGet(keys).stream().map(ItemCodec::checkIn).toList();
    return new Page<>(checkIns, next);
  }

  private static Map<String, AttributeValue> historyKey(String historyPk, String historySk) {
    if (!HISTORY_SK.matcher(historySk).matches()) throw invalidCursor();
    UUID id = UUID.fromString(historySk.substring(historySk.indexOf('#') + 1));
    Map<String, AttributeValue> k = new HashMap<>(key(checkInPk(id), "CHECKIN"));
    k.put(TableSchema.HISTORY_PK, AttributeValue.fromS(historyPk));
    k.put(TableSchema.HISTORY_SK, AttributeValue.fromS(historySk));
    return k;
  }

  // --- administration -----------------------------------------------------------------------------------------

  @Override
  public boolean replaceOrganization(Organization organization) {
    requireKeyPart(organization.slug(), "organization slug");
    return put(PutItemRequest.builder().tableName(table).item(ItemCodec.organization(organization))
        .conditionExpression("attribute_exists(#pk)").expressionAttributeNames(Map.of("#pk", TableSchema.PK)));
  }

  /**
   * One transaction: the project item on its stored slug and name (optimistic, as projects carry no version), its
   * listing copy, and when the slug changes, the old claim released and the new one taken.
   */
  @Override
  public UpdateOutcome updateProject(Project previous, Project updated) {
    if (!previous.id().equals(updated.id()) || !previous.organization().equals(updated.organization())) {
      throw new IllegalArgumentException("a project keeps its id and organization");
    }
    requireKeyPart(updated.slug(), "project slug");
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(ItemCodec.project(updated, false))
        .conditionExpression("#slug = :slug AND #name = :name")
        .expressionAttributeNames(Map.of("#slug", "slug", "#name", "name"))
        .expressionAttributeValues(Map.of(":slug", AttributeValue.fromS(previous.slug()), ":name", AttributeValue.fromS(previous.name())))
        .build()).build());
    writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(ItemCodec.project(updated, true))
        .conditionExpression("attribute_exists(#pk)").expressionAttributeNames(Map.of("#pk", TableSchema.PK)).build()).build());
    boolean slugMoves = !previous.slug().equals(updated.slug());
    if (slugMoves) {
      writes.add(TransactWriteItem.builder().delete(releaseProjectSlug(previous)).build());
      writes.add(TransactWriteItem.builder().put(createPut(ItemCodec.projectSlug(updated))).build());
    }
    List<Boolean> failed = transact(writes);
    if (failed == null) return UpdateOutcome.UPDATED;
    return slugMoves && failed.get(3) && !failed.get(0) ? UpdateOutcome.SLUG_TAKEN : UpdateOutcome.STALE;
  }

  @Override
  public boolean deleteProject(Project project) {
    return transact(List.of(
        TransactWriteItem.builder().delete(existingDelete(key(projectPk(project.id()), "PROJECT"))).build(),
        TransactWriteItem.builder().delete(existingDelete(key(orgPk(project.organization()), projectPk(project.id())))).build(),
        TransactWriteItem.builder().delete(releaseProjectSlug(project)).build())) == null;
  }

  /** The slug claim of {@code project}, if it has one (projects made before slugs were claimed have none). */
  private Delete releaseProjectSlug(Project project) {
    return Delete.builder().tableName(table).key(key(orgPk(project.organization()), ItemCodec.projectSlugSk(project.slug())))
        .conditionExpression("attribute_not_exists(#pk) OR #p = :p")
        .expressionAttributeNames(Map.of("#pk", TableSchema.PK, "#p", "projectId"))
        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(project.id()))).build();
  }

  /** Reads the organization's monitors (a filtered Query) until one of the project turns up. */
  @Override
  public boolean projectHasMonitors(String organization, String projectId) {
    if (!keyPart(organization) || !keyPart(projectId)) return false;
    QueryRequest.Builder q = QueryRequest.builder().tableName(table)
        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
        .filterExpression("#p = :p").select(Select.COUNT)
        .expressionAttributeNames(Map.of("#pk", TableSchema.PK, "#sk", TableSchema.SK, "#p", "projectId"))
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(orgPk(organization)), ":prefix", AttributeValue.fromS("MON#"),
            ":p", AttributeValue.fromS(projectId)));
    Map<String, AttributeValue> start = null;
    do {
      QueryResponse r = query(q.exclusiveStartKey(start).build());
      if (r.count() > 0) return true;
      start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
    } while (start != null);
    return false;
  }

  @Override
  public List<DsnKey> dsnKeys(String projectId) {
    if (!keyPart(projectId)) return List.of();
    List<DsnKey> out = new ArrayList<>();
    queryAll(beginsWith(projectPk(projectId), "KEY#"), item -> out.add(ItemCodec.dsnKey(item)));
    out.sort(Comparator.comparing(DsnKey::dateCreated));
    return out;
  }

  @Override
  public boolean deleteDsnKey(DsnKey key) {
    return transact(List.of(
        TransactWriteItem.builder().delete(existingDelete(key("KEY#" + key.publicKey(), "KEY"))).build(),
        TransactWriteItem.builder().delete(existingDelete(key(projectPk(key.projectId()), "KEY#" + key.publicKey()))).build())) == null;
  }

  @Override
  public List<ApiToken> tokens(String organization) {
    if (!keyPart(organization)) return List.of();
    List<ApiToken> out = new ArrayList<>();
    queryAll(beginsWith(orgPk(organization), "TOKEN#"), item -> out.add(ItemCodec.token(item)));
    out.sort(Comparator.comparing(ApiToken::dateCreated));
    return out;
  }

  // --- alerts: channels, alert rules, deliveries ----------------------------------------------------------------

  @Override
  public Optional<Channel> channel(String organization, String channelId) {
    if (!keyPart(organization) || !keyPart(channelId)) return Optional.empty();
    return get(key(orgPk(organization), AlertItemCodec.channelSk(channelId)), true).map(AlertItemCodec::channel);
  }

  /** One Query of the organization's partition ({@code CHANNEL#} items), strongly consistent. */
  @Override
  public List<Channel> channels(String organization) {
    if (!keyPart(organization)) return List.of();
    List<Channel> out = new ArrayList<>();
    queryAll(beginsWith(orgPk(organization), "CHANNEL#").consistentRead(true), item -> out.add(AlertItemCodec.channel(item)));
    return out;
  }

  @Override
  public Optional<ApiToken> token(String organization, String tokenId) {
    if (!keyPart(organization) || !keyPart(tokenId)) return Optional.empty();
    return get(key(orgPk(organization), ItemCodec.tokenCopySk(tokenId)), true).map(ItemCodec::token);
  }

  @Override
  public boolean deleteToken(ApiToken token) {
    return transact(List.of(
        TransactWriteItem.builder().delete(existingDelete(key("TOKEN#" + token.sha256(), "TOKEN"))).build(),
        TransactWriteItem.builder().delete(existingDelete(key(orgPk(token.organization()), ItemCodec.tokenCopySk(token.id())))).build())) == null;
  }

  /**
   * The monitor item moves to its new key: created there, deleted from the old one on its version, and its pointer
   * ({@code MON#{id}} / {@code MONITOR}, which the sweeper follows) rewritten to the new slug, atomically.
   */
  @Override
  public UpdateOutcome renameMonitor(Monitor previous, Monitor renamed) {
    if (renamed.version() != previous.version() + 1) throw new IllegalArgumentException("renamed monitor must be the next version");
    requireKeyPart(renamed.slug(), "monitor slug");
    List<Boolean> failed = transact(List.of(
        TransactWriteItem.builder().put(createPut(ItemCodec.monitor(renamed))).build(),
        TransactWriteItem.builder().delete(versionedDelete(key(orgPk(previous.organization()), monitorSk(previous.slug())), previous.version())).build(),
        TransactWriteItem.builder().put(Put.builder().tableName(table).item(ItemCodec.monitorRef(renamed)).build()).build()));
    if (failed == null) {
      rememberMonitorId(slugKey(renamed.organization(), renamed.slug()), renamed.id());
      return UpdateOutcome.UPDATED;
    }
    return failed.get(1) ? UpdateOutcome.STALE : UpdateOutcome.SLUG_TAKEN;
  }

  /** The monitor item (on its version), its pointer and its alert rule (if any), in one transaction. */
  @Override
  public boolean deleteMonitor(Monitor monitor) {
    return transact(List.of(
        TransactWriteItem.builder().delete(versionedDelete(key(orgPk(monitor.organization()), monitorSk(monitor.slug())), monitor.version())).build(),
        TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key(monitorPk(monitor.id()), ItemCodec.MONITOR_REF_SK)).build()).build(),
        TransactWriteItem.builder().delete(Delete.builder().tableName(table)
            .key(key(AlertItemCodec.alertRulePk(AlertRule.Owner.monitor(monitor.id())), AlertItemCodec.ALERT_RULE_SK)).build()).build())) == null;
  }

  @Override
  public int countMonitors(String organization, int atMost) {
    if (!keyPart(organization)) return 0;
    return count(beginsWith(orgPk(organization), "MON#"), atMost);
  }

  @Override
  public int countEnvironments(String monitorId, int atMost) {
    if (!keyPart(monitorId)) return 0;
    return count(beginsWith(monitorPk(monitorId), "ENV#"), atMost);
  }

  /** Items a Query matches, up to {@code atMost}: DynamoDB still reads (and charges) each item it counts. */
  private int count(QueryRequest.Builder request, int atMost) {
    int counted = 0;
    Map<String, AttributeValue> start = null;
    do {
      QueryResponse r = query(request.select(Select.COUNT).limit(atMost - counted).exclusiveStartKey(start).build());
      counted += r.count();
      start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
    } while (start != null && counted < atMost);
    return counted;
  }

  @Override
  public boolean deleteEnvironment(MonitorEnvironment env) {
    return delete(versionedDelete(key(monitorPk(env.monitorId()), envSk(env.name())), env.version()));
  }

  @Override
  public boolean saveEnvironment(MonitorEnvironment env, ResolvedIncident resolved) {
    return saveEnvironmentChange(env, List.of(), List.of(resolved));
  }

  /** Newest first by start: a Query of the monitor's partition backwards, filtered by environment when given. */
  @Override
  public Page<ResolvedIncident> resolvedIncidents(String monitorId, String environment, String cursor, int limit) {
    int size = pageSize(limit);
    if (!keyPart(monitorId) || (environment != null && !keyPart(environment))) return new Page<>(List.of(), null);
    Map<String, AttributeValue> start = null;
    if (cursor != null && !cursor.isEmpty()) {
      String sk = decodeCursor(cursor, INCIDENT_CURSOR);
      if (!INCIDENT_SK.matcher(sk).matches()) throw invalidCursor();
      start = key(monitorPk(monitorId), sk);
    }
    QueryRequest.Builder q = incidentQuery(monitorId, environment).scanIndexForward(false);
    List<Map<String, AttributeValue>> items = new ArrayList<>(size + 1);
    for (int queries = 0; items.size() <= size && queries < maxFilteredQueries; queries++) {
      QueryResponse r = query(q.limit(environment == null ? size + 1 - items.size() : filteredQueryLimit).exclusiveStartKey(start).build());
      for (Map<String, AttributeValue> i : r.items()) if (items.size() <= size) items.add(i);
      if (!r.hasLastEvaluatedKey() || r.lastEvaluatedKey().isEmpty()) {
        start = null;
        break;
      }
      start = r.lastEvaluatedKey();
    }
    List<ResolvedIncident> page = items.stream().limit(size).map(ItemCodec::resolvedIncident).toList();
    String next = null;
    if (items.size() > size) next = encodeCursor(INCIDENT_CURSOR, items.get(size - 1).get(TableSchema.SK).s());
    else if (start != null) next = encodeCursor(INCIDENT_CURSOR, start.get(TableSchema.SK).s()); // query budget spent
    return new Page<>(page, next);
  }

  @Override
  public void deleteResolvedIncidents(String monitorId, String environment) {
    if (!keyPart(monitorId) || !keyPart(environment)) return;
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    queryAll(incidentQuery(monitorId, environment), i -> keys.add(key(i.get(TableSchema.PK).s(), i.get(TableSchema.SK).s())));
    for (Map<String, AttributeValue> k : keys) delete(existingDelete(k));
  }

  private QueryRequest.Builder incidentQuery(String monitorId, String environment) {
    Map<String, String> names = new HashMap<>(Map.of("#pk", TableSchema.PK, "#sk", TableSchema.SK));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(monitorPk(monitorId)), ":prefix", AttributeValue.fromS("INCIDENT#")));
    QueryRequest.Builder q = QueryRequest.builder().tableName(table).keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)");
    if (environment != null) {
      names.put("#e", "environment");
      values.put(":e", AttributeValue.fromS(environment));
      q.filterExpression("#e = :e");
    }
    return q.expressionAttributeNames(names).expressionAttributeValues(values);
  }

  @Override
  public boolean saveChannel(Channel channel) {
    requireKeyPart(channel.organization(), "organization");
    requireKeyPart(channel.id(), "channel id");
    return save(AlertItemCodec.channel(channel), channel.version());
  }

  @Override
  public boolean deleteChannel(String organization, String channelId, long version) {
    if (!keyPart(organization) || !keyPart(channelId)) return false;
    return delete(key(orgPk(organization), AlertItemCodec.channelSk(channelId)), version);
  }

  /** An UpdateItem of the outcome attributes only, so the settings a concurrent API update writes are never lost. */
  @Override
  public boolean recordChannelOutcome(String organization, String channelId, Instant at, String error) {
    if (!keyPart(organization) || !keyPart(channelId)) return false;
    Map<String, String> names = new HashMap<>(Map.of("#pk", TableSchema.PK, "#v", ItemCodec.VERSION));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":t", AttributeValue.fromS(at.toString()), ":one", AttributeValue.fromN("1"),
        ":failing", AttributeValue.fromBool(error != null)));
    names.put("#f", "failing");
    String set;
    if (error == null) {
      names.put("#at", "lastDeliveredAt");
      set = "SET #at = :t, #f = :failing, #v = #v + :one";
    } else {
      names.put("#at", "lastErrorAt");
      names.put("#e", "lastError");
      values.put(":e", AttributeValue.fromS(error));
      set = "SET #at = :t, #e = :e, #f = :failing, #v = #v + :one";
    }
    try {
      var r = client.updateItem(b -> b.tableName(table).key(key(orgPk(organization), AlertItemCodec.channelSk(channelId)))
          .updateExpression(set).conditionExpression("attribute_exists(#pk)")
          .expressionAttributeNames(names).expressionAttributeValues(values).returnConsumedCapacity(returnCapacity));
      if (meter != null) meter.write(r.consumedCapacity());
      return true;
    } catch (ConditionalCheckFailedException e) {
      if (meter != null) meter.failedConditionalWrite();
      return false;
    }
  }

  @Override
  public Optional<AlertRule> alertRule(AlertRule.Owner owner) {
    if (!keyPart(owner.id())) return Optional.empty();
    return get(key(AlertItemCodec.alertRulePk(owner), AlertItemCodec.ALERT_RULE_SK), true).map(AlertItemCodec::alertRule);
  }

  @Override
  public boolean saveAlertRule(AlertRule.Owner owner, AlertRule rule) {
    requireKeyPart(owner.id(), "alert rule owner");
    return save(AlertItemCodec.alertRule(owner, rule), rule.version());
  }

  @Override
  public boolean deleteAlertRule(AlertRule.Owner owner, long version) {
    if (!keyPart(owner.id())) return false;
    return delete(key(AlertItemCodec.alertRulePk(owner), AlertItemCodec.ALERT_RULE_SK), version);
  }

  @Override
  public Optional<Delivery> delivery(String channelId, String eventId) {
    if (!keyPart(channelId) || !keyPart(eventId)) return Optional.empty();
    return get(key(AlertItemCodec.deliveryPk(channelId), AlertItemCodec.deliverySk(eventId)), true).map(AlertItemCodec::delivery);
  }

  @Override
  public boolean saveDelivery(Delivery delivery) {
    requireKeyPart(delivery.channelId(), "channel id");
    requireKeyPart(delivery.eventId(), "event id");
    return save(AlertItemCodec.delivery(delivery), delivery.version());
  }

  private boolean delete(Map<String, AttributeValue> key, long expectedVersion) {
    try {
      var r = client.deleteItem(b -> b.tableName(table).key(key).conditionExpression("#v = :v")
          .expressionAttributeNames(Map.of("#v", ItemCodec.VERSION))
          .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(expectedVersion))))
          .returnConsumedCapacity(returnCapacity));
      if (meter != null) meter.write(r.consumedCapacity());
      return true;
    } catch (ConditionalCheckFailedException e) {
      if (meter != null) meter.failedConditionalWrite();
      return false;
    }
  }

  // --- ProcessingErrorStore: DynamoProcessingErrorStore ---
  @Override public Optional<ErrorCounter> errorCounter(ErrorList list) { return processingErrors.errorCounter(list); }
  @Override public boolean saveErrorCounter(ErrorList list, ErrorCounter c, Instant expiresAt) { return processingErrors.saveErrorCounter(list, c, expiresAt); }
  @Override public void putProcessingError(ErrorList list, int slot, long seq, ProcessingError e, Instant expiresAt) { processingErrors.putProcessingError(list, slot, seq, e, expiresAt); }
  @Override public List<StoredError> processingErrors(ErrorList list) { return processingErrors.processingErrors(list); }
  @Override public boolean deleteProcessingError(ErrorList list, UUID id) { return processingErrors.deleteProcessingError(list, id); }

  // --- requests -----------------------------------------------------------------------------------------------

  private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key, boolean consistent) {
    GetItemResponse r = client.getItem(b -> b.tableName(table).key(key).consistentRead(consistent).returnConsumedCapacity(returnCapacity));
    if (meter != null) meter.read(r.consumedCapacity());
    return r.hasItem() && !r.item().isEmpty() ? Optional.of(r.item()) : Optional.empty();
  }

  /** Version 1 creates (the key must be free); version n replaces the stored version n - 1. */
  private boolean save(Map<String, AttributeValue> item, long version) {
    if (version < 1) throw new IllegalArgumentException("version must be at least 1, got " + version);
    return version == 1 ? create(item) : replace(item, version - 1);
  }

  private boolean create(Map<String, AttributeValue> item) {
    return put(PutItemRequest.builder().tableName(table).item(item)
        .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", TableSchema.PK)));
  }

  private boolean replace(Map<String, AttributeValue> item, long expectedVersion) {
    return put(PutItemRequest.builder().tableName(table).item(item)
        .conditionExpression("#v = :v")
        .expressionAttributeNames(Map.of("#v", ItemCodec.VERSION))
        .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(expectedVersion)))));
  }

  private boolean put(PutItemRequest.Builder request) {
    try {
      var r = client.putItem(request.returnConsumedCapacity(returnCapacity).build());
      if (meter != null) meter.write(r.consumedCapacity());
      return true;
    } catch (ConditionalCheckFailedException e) {
      if (meter != null) meter.failedConditionalWrite();
      return false;
    }
  }

  /**
   * One TransactWriteItems: null when it committed, else which of the writes had their condition fail. A
   * TransactionConflict (a concurrent transaction on the same items) is retried; the retry sees its outcome.
   */
  private List<Boolean> transact(List<TransactWriteItem> writes) {
    for (int attempt = 0; ; attempt++) {
      try {
        TransactWriteItemsResponse r = client.transactWriteItems(b -> b.transactItems(writes).returnConsumedCapacity(returnCapacity));
        if (meter != null) meter.writes(r.consumedCapacity());
        return null;
      } catch (TransactionCanceledException e) {
        List<Boolean> failed = e.cancellationReasons().stream().map(c -> "ConditionalCheckFailed".equals(c.code())).toList();
        if (failed.contains(true)) {
          if (meter != null) meter.failedConditionalWrite();
          return failed;
        }
        if (attempt >= 3) throw e;
        backoff(attempt + 1);
      }
    }
  }

  private boolean delete(Delete delete) {
    try {
      var r = client.deleteItem(DeleteItemRequest.builder().tableName(table).key(delete.key())
          .conditionExpression(delete.conditionExpression()).expressionAttributeNames(delete.expressionAttributeNames())
          .expressionAttributeValues(delete.hasExpressionAttributeValues() ? delete.expressionAttributeValues() : null)
          .returnConsumedCapacity(returnCapacity).build());
      if (meter != null) meter.write(r.consumedCapacity());
      return true;
    } catch (ConditionalCheckFailedException e) {
      if (meter != null) meter.failedConditionalWrite();
      return false;
    }
  }

  private Delete existingDelete(Map<String, AttributeValue> key) {
    return Delete.builder().tableName(table).key(key)
        .conditionExpression("attribute_exists(#pk)").expressionAttributeNames(Map.of("#pk", TableSchema.PK)).build();
  }

  private Delete versionedDelete(Map<String, AttributeValue> key, long version) {
    return Delete.builder().tableName(table).key(key).conditionExpression("#v = :v")
        .expressionAttributeNames(Map.of("#v", ItemCodec.VERSION))
        .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(version)))).build();
  }

  /** The transactional form of {@link #save}: version 1 creates, version n replaces n - 1. */
  private Put savePut(Map<String, AttributeValue> item, long version) {
    if (version < 1) throw new IllegalArgumentException("version must be at least 1, got " + version);
    if (version == 1) return createPut(item);
    return Put.builder().tableName(table).item(item)
        .conditionExpression("#v = :v")
        .expressionAttributeNames(Map.of("#v", ItemCodec.VERSION))
        .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(version - 1)))).build();
  }

  private Put createPut(Map<String, AttributeValue> item) {
    return Put.builder().tableName(table).item(item)
        .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", TableSchema.PK)).build();
  }

  private QueryRequest.Builder beginsWith(String pk, String skPrefix) {
    return QueryRequest.builder().tableName(table)
        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
        .expressionAttributeNames(Map.of("#pk", TableSchema.PK, "#sk", TableSchema.SK))
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(skPrefix)));
  }

  private QueryResponse query(QueryRequest request) {
    QueryResponse r = client.query(request.toBuilder().returnConsumedCapacity(returnCapacity).build());
    if (meter != null) meter.read(r.consumedCapacity());
    return r;
  }

  private void queryAll(QueryRequest.Builder request, Consumer<Map<String, AttributeValue>> each) {
    Map<String, AttributeValue> start = null;
    do {
      QueryResponse r = query(request.exclusiveStartKey(start).build());
      r.items().forEach(each);
      start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
    } while (start != null);
  }

  /** Consistent BatchGetItem of {@code keys} (any number), returned in the order of the keys; missing ones skipped. */
  private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
    if (keys.isEmpty()) return List.of();
    Function<Map<String, AttributeValue>, String> id = k -> k.get(TableSchema.PK).s() + "\u0000" + k.get(TableSchema.SK).s();
    Map<String, Map<String, AttributeValue>> found = new HashMap<>();
    for (int from = 0; from < keys.size(); from += BATCH_GET_MAX) {
      // Distinct keys only: BatchGetItem refuses duplicates.
      Map<String, Map<String, AttributeValue>> chunk = new LinkedHashMap<>();
      for (Map<String, AttributeValue> k : keys.subList(from, Math.min(keys.size(), from + BATCH_GET_MAX))) chunk.putIfAbsent(id.apply(k), k);
      Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(chunk.values()).consistentRead(true).build());
      for (int attempt = 0; !request.isEmpty(); attempt++) {
        if (attempt > 0) backoff(attempt);
        if (attempt > 10) throw new IllegalStateException("BatchGetItem kept returning unprocessed keys");
        Map<String, KeysAndAttributes> items = request;
        BatchGetItemResponse r = client.batchGetItem(b -> b.requestItems(items).returnConsumedCapacity(returnCapacity));
        if (meter != null) meter.reads(r.consumedCapacity());
        r.responses().getOrDefault(table, List.of()).forEach(item -> found.put(id.apply(item), item));
        request = r.hasUnprocessedKeys() ? r.unprocessedKeys() : Map.of();
      }
    }
    List<Map<String, AttributeValue>> out = new ArrayList<>(keys.size());
    for (Map<String, AttributeValue> k : keys) {
      Map<String, AttributeValue> item = found.get(id.apply(k));
      if (item != null) out.add(item);
    }
    return out;
  }

  private static void backoff(int attempt) {
    try {
      Thread.sleep(Math.min(1000L, 20L << Math.min(attempt, 6)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying", e);
    }
  }

  // --- guards and cursors -------------------------------------------------------------------------------------

  private static int pageSize(int limit) {
    if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    return Math.min(limit, MAX_PAGE_SIZE);
  }

  /** Whether {@code part} can be in a key at all: lookups of anything else find nothing. */
  static boolean keyPart(String part) {
    if (part == null || part.isEmpty() || part.length() > MAX_KEY_PART) return false;
    return StandardCharsets.UTF_8.newEncoder().canEncode(part);
  }

  private static void requireKeyPart(String part, String what) {
    if (!keyPart(part)) throw new IllegalArgumentException("invalid " + what + ": " + part);
  }

  private static String encodeCursor(String kind, String position) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + position).getBytes(StandardCharsets.UTF_8));
  }

  /** The position in a cursor of {@code kind}; IllegalArgumentException (a 400 for the API) for anything else. */
  private static String decodeCursor(String cursor, String kind) {
    if (cursor.length() > 1024) throw invalidCursor();
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalidCursor();
    }
    if (!decoded.startsWith(kind)) throw invalidCursor();
    return decoded.substring(kind.length());
  }

  private static IllegalArgumentException invalidCursor() {
    return new IllegalArgumentException("Invalid cursor");
  }
}
