package dev.cronmon.dynamodb;

import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.store.DueIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The sparse {@code due} index ({@code dueShard} / {@code dueAt}, keys only), spread over {@link DueShards} partitions
 * so that no partition gets hot. A call reads every partition for its share of {@code limit} (Queries
 * {@code dueShard = DUE#{n} AND dueAt <= now}, earliest first), and again those that had more while others ran out,
 * until {@code limit} entries are found or every partition is exhausted; then one consistent BatchGetItem of the
 * environments (per 100), dropping those no longer due (the index lags the table a little). No entry is read in vain
 * but for the few left over when {@code limit} is smaller than the number of partitions. A sweep reads a subset of
 * the partitions per worker ({@code due(now, limit, partitions)}), so workers never read one another's entries.
 */
final class DynamoDueIndex implements DueIndex {
  private static final Comparator<Map<String, AttributeValue>> BY_DUE_AT =
      Comparator.comparing((Map<String, AttributeValue> e) -> e.get(TableSchema.DUE_AT).s())
          .thenComparing(e -> e.get(TableSchema.PK).s()).thenComparing(e -> e.get(TableSchema.SK).s());

  private final Table table;
  private final DueShards shards;

  DynamoDueIndex(Table table, DueShards shards) {
    this.table = table;
    this.shards = shards;
  }

  @Override
  public int partitions() {
    return shards.count();
  }

  @Override
  public List<MonitorEnvironment> due(Instant now, int limit, Set<Integer> partitions) {
    if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    String upTo = Attrs.sortable(now);
    List<Map<String, AttributeValue>> entries = new ArrayList<>();
    // The partitions that may hold more, each with where its next read starts (null: at its start).
    Map<Integer, Map<String, AttributeValue>> open = new LinkedHashMap<>();
    for (int shard = 0; shard < shards.count(); shard++) if (partitions.contains(shard)) open.put(shard, null);
    while (entries.size() < limit && !open.isEmpty()) {
      int wanted = limit - entries.size();
      List<Integer> round = List.copyOf(open.keySet());
      for (int i = 0; i < round.size(); i++) {
        int shard = round.get(i);
        int share = Math.max(1, wanted / round.size() + (i < wanted % round.size() ? 1 : 0));
        QueryResponse r = table.page(query(shard, upTo, share, open.get(shard)));
        entries.addAll(r.items());
        Map<String, AttributeValue> resume = Table.resumeKey(r);
        if (resume != null) open.put(shard, resume);
        else open.remove(shard);
      }
    }
    entries.sort(BY_DUE_AT);
    List<Map<String, AttributeValue>> keys = entries.stream().limit(limit).map(Keys::of).toList();
    List<MonitorEnvironment> out = new ArrayList<>(keys.size());
    for (Map<String, AttributeValue> item : table.batchGet(keys)) {
      MonitorEnvironment env = EnvironmentItems.environment(item);
      Instant dueAt = env.dueAt();
      if (dueAt != null && !dueAt.isAfter(now)) out.add(env);
    }
    out.sort(Comparator.comparing(MonitorEnvironment::dueAt)); // stable: index order among equal deadlines
    return out;
  }

  private QueryRequest query(int shard, String upTo, int limit, Map<String, AttributeValue> start) {
    return table.query().indexName(TableSchema.DUE_INDEX)
        .keyConditionExpression("#s = :s AND #d <= :now")
        .expressionAttributeNames(Map.of("#s", TableSchema.DUE_SHARD, "#d", TableSchema.DUE_AT))
        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(DueShards.key(shard)), ":now", AttributeValue.fromS(upTo)))
        .limit(limit).exclusiveStartKey(start).build();
  }
}
