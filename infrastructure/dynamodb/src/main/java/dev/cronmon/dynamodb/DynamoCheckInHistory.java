package dev.cronmon.dynamodb;

import static dev.cronmon.domain.store.KeyParts.require;
import static dev.cronmon.domain.store.KeyParts.valid;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.store.CheckInHistory;
import dev.cronmon.domain.store.Cursors;
import dev.cronmon.domain.store.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Check-ins as their own items ({@code CHECKIN#{uuid}}, found by id), listed through the {@code history} index of
 * their monitor ({@code MON#{monitorId}} / {@code {dateCreated}#{uuid}}), expired by TTL.
 */
final class DynamoCheckInHistory implements CheckInHistory {
  private static final String CURSOR = "c1:";
  private static final Pattern HISTORY_SK =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final Table table;
  private final int filteredQueryLimit;
  private final int maxFilteredQueries;

  /**
   * @param filteredQueryLimit index entries read per Query when the history is filtered by environment
   * @param maxFilteredQueries Queries one filtered page may make before it returns what it has (possibly nothing)
   *     with a cursor, so a rare environment among many check-ins costs bounded work per request
   */
  DynamoCheckInHistory(Table table, int filteredQueryLimit, int maxFilteredQueries) {
    this.table = table;
    this.filteredQueryLimit = filteredQueryLimit;
    this.maxFilteredQueries = maxFilteredQueries;
  }

  static Map<String, AttributeValue> item(CheckIn checkIn) {
    require(checkIn.monitorId(), "monitor id");
    require(checkIn.environment(), "environment");
    return CheckInItems.checkIn(checkIn);
  }

  @Override
  public Optional<CheckIn> checkIn(UUID id) {
    return table.get(Keys.checkIn(id), true).map(CheckInItems::checkIn);
  }

  @Override
  public boolean saveCheckIn(CheckIn checkIn) {
    return table.put(item(checkIn), Table.Condition.savingVersion(checkIn.version()));
  }

  @Override
  public Page<CheckIn> checkIns(String monitorId, String environment, String cursor, int limit) {
    return checkIns(monitorId, environment, null, null, cursor, limit);
  }

  /**
   * Newest first: the {@code history} index of the monitor read backwards (filtered on the projected
   * {@code environment} when one is given; a time range is a condition on the index's sort key, so it costs nothing
   * outside it), then the full items by one consistent BatchGetItem, in index order. A filtered page stops after
   * {@code maxFilteredQueries} Queries and may then hold fewer items than asked, with a cursor to continue.
   */
  @Override
  public Page<CheckIn> checkIns(String monitorId, String environment, Instant from, Instant to, String cursor, int limit) {
    int size = Page.size(limit);
    if (!valid(monitorId) || (environment != null && !valid(environment))) return Page.empty();
    if (from != null && to != null && !from.isBefore(to)) return Page.empty();
    String historyPk = Keys.monitorPk(monitorId);
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
    QueryRequest.Builder q = table.query().indexName(TableSchema.HISTORY_INDEX).keyConditionExpression(keyCondition)
        .scanIndexForward(false);
    if (environment != null) {
      names.put("#e", TableSchema.HISTORY_PROJECTED);
      values.put(":e", AttributeValue.fromS(environment));
      q.filterExpression("#e = :e").limit(Math.max(size + 1, filteredQueryLimit));
    } else {
      q.limit(size + 1); // one more than the page: whether another page exists, without an empty last page
    }
    q.expressionAttributeNames(names).expressionAttributeValues(values);
    if (cursor != null && !cursor.isEmpty()) q.exclusiveStartKey(startKey(historyPk, Cursors.decode(cursor, CURSOR), from, to));

    List<Map<String, AttributeValue>> entries = new ArrayList<>(size + 1);
    Map<String, AttributeValue> resumeAt = null; // set when the query budget ran out before the index did
    int queries = 0;
    for (QueryResponse r : table.pages(q.build())) {
      for (Map<String, AttributeValue> e : r.items()) if (entries.size() <= size) entries.add(e);
      if (entries.size() > size) break;
      if (environment != null && ++queries == maxFilteredQueries) {
        resumeAt = Table.resumeKey(r);
        break;
      }
    }
    List<Map<String, AttributeValue>> pageEntries = entries.subList(0, Math.min(size, entries.size()));
    String next = null;
    if (entries.size() > size) next = Cursors.encode(CURSOR, pageEntries.get(size - 1).get(TableSchema.HISTORY_SK).s());
    else if (resumeAt != null) next = Cursors.encode(CURSOR, resumeAt.get(TableSchema.HISTORY_SK).s());
    List<Map<String, AttributeValue>> keys = pageEntries.stream().map(Keys::of).toList();
    return new Page<>(table.batchGet(keys).stream().map(CheckInItems::checkIn).toList(), next);
  }

  /** The index key a cursor continues from; a cursor that is not one, or lies outside [from, to), is refused. */
  private static Map<String, AttributeValue> startKey(String historyPk, String historySk, Instant from, Instant to) {
    if (!HISTORY_SK.matcher(historySk).matches()) throw Cursors.invalid();
    if ((from != null && historySk.compareTo(Attrs.sortable(from)) < 0) || (to != null && historySk.compareTo(Attrs.sortable(to)) >= 0)) {
      throw Cursors.invalid();
    }
    UUID id = UUID.fromString(historySk.substring(historySk.indexOf('#') + 1));
    Map<String, AttributeValue> k = new HashMap<>(Keys.checkIn(id));
    k.put(TableSchema.HISTORY_PK, AttributeValue.fromS(historyPk));
    k.put(TableSchema.HISTORY_SK, AttributeValue.fromS(historySk));
    return k;
  }
}
