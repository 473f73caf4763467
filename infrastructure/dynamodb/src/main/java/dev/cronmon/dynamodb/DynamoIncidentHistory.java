package dev.cronmon.dynamodb;

import static dev.cronmon.domain.store.KeyParts.valid;

import dev.cronmon.domain.incident.ResolvedIncident;
import dev.cronmon.domain.store.Cursors;
import dev.cronmon.domain.store.IncidentHistory;
import dev.cronmon.domain.store.Page;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Resolved incidents in their monitor's partition ({@code INCIDENT#{started}#{id}}), expired by TTL. */
final class DynamoIncidentHistory implements IncidentHistory {
  private static final String CURSOR = "i1:";
  private static final Pattern INCIDENT_SK = Pattern.compile("INCIDENT#\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#[A-Za-z0-9-]{1,64}");

  private final Table table;
  private final int filteredQueryLimit;
  private final int maxFilteredQueries;

  DynamoIncidentHistory(Table table, int filteredQueryLimit, int maxFilteredQueries) {
    this.table = table;
    this.filteredQueryLimit = filteredQueryLimit;
    this.maxFilteredQueries = maxFilteredQueries;
  }

  /** Newest first by start: a Query of the monitor's partition backwards, filtered by environment when given. */
  @Override
  public Page<ResolvedIncident> resolvedIncidents(String monitorId, String environment, String cursor, int limit) {
    int size = Page.size(limit);
    if (!valid(monitorId) || (environment != null && !valid(environment))) return Page.empty();
    QueryRequest.Builder q = query(monitorId, environment).scanIndexForward(false)
        .limit(environment == null ? size + 1 : filteredQueryLimit);
    if (cursor != null && !cursor.isEmpty()) {
      String sk = Cursors.decode(cursor, CURSOR);
      if (!INCIDENT_SK.matcher(sk).matches()) throw Cursors.invalid();
      q.exclusiveStartKey(Keys.key(Keys.monitorPk(monitorId), sk));
    }
    List<Map<String, AttributeValue>> items = new ArrayList<>(size + 1);
    Map<String, AttributeValue> resumeAt = null; // set when the query budget ran out before the partition did
    int queries = 0;
    for (QueryResponse r : table.pages(q.build())) {
      for (Map<String, AttributeValue> i : r.items()) if (items.size() <= size) items.add(i);
      if (items.size() > size) break;
      if (++queries == maxFilteredQueries) {
        resumeAt = Table.resumeKey(r);
        break;
      }
    }
    List<ResolvedIncident> page = items.stream().limit(size).map(CheckInItems::resolvedIncident).toList();
    String next = null;
    if (items.size() > size) next = Cursors.encode(CURSOR, items.get(size - 1).get(TableSchema.SK).s());
    else if (resumeAt != null) next = Cursors.encode(CURSOR, resumeAt.get(TableSchema.SK).s());
    return new Page<>(page, next);
  }

  @Override
  public void deleteResolvedIncidents(String monitorId, String environment) {
    if (!valid(monitorId) || !valid(environment)) return;
    for (Map<String, AttributeValue> item : table.queryAll(query(monitorId, environment).build())) {
      table.delete(Keys.of(item), Table.Condition.exists());
    }
  }

  private QueryRequest.Builder query(String monitorId, String environment) {
    Map<String, String> names = new HashMap<>(Map.of("#pk", TableSchema.PK, "#sk", TableSchema.SK));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(Keys.monitorPk(monitorId)),
        ":prefix", AttributeValue.fromS("INCIDENT#")));
    QueryRequest.Builder q = table.query().keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)");
    if (environment != null) {
      names.put("#e", "environment");
      values.put(":e", AttributeValue.fromS(environment));
      q.filterExpression("#e = :e");
    }
    return q.expressionAttributeNames(names).expressionAttributeValues(values);
  }
}
