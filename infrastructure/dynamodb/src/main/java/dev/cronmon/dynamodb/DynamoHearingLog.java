package dev.cronmon.dynamodb;

import static dev.cronmon.dynamodb.Attrs.item;

import dev.cronmon.domain.hearing.Deafness;
import dev.cronmon.domain.hearing.HearingLog;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link HearingLog} on the cronmon table (docs/data-model.md, "Hearing"): the tick records and deaf periods live in
 * one partition, {@code HEARING}, written about once a minute; the counts read the {@code due} index at one deadline
 * minute per shard (an equality on its sort key, so entries that are not whole-minute deadlines are never counted).
 */
public final class DynamoHearingLog implements HearingLog {
  static final String PARTITION = "HEARING";
  /** Tick records are read back at most the longest horizon later; a day leaves time to look at them. */
  static final Duration TICK_RETENTION = Duration.ofDays(1);
  /** Deaf periods are read back as far as a slot or run can wait (OutageDetector.LOOKBACK), a little longer. */
  static final Duration DEAF_RETENTION = Duration.ofDays(30);

  private final Table table;
  private final DueShards shards;

  /** On a table whose due index has {@link DynamoCronStore#DEFAULT_DUE_SHARDS} partitions, as the store's default. */
  public DynamoHearingLog(DynamoDbClient client, String tableName) {
    this(client, tableName, DynamoCronStore.DEFAULT_DUE_SHARDS);
  }

  /** {@code dueShards} as the store's ({@link DynamoCronStore}'s constructor). */
  public DynamoHearingLog(DynamoDbClient client, String tableName, int dueShards) {
    this.table = new Table(client, tableName);
    this.shards = new DueShards(dueShards);
  }

  @Override
  public DueCount countDue(Instant minute) {
    int environments = 0;
    Set<String> monitors = new HashSet<>();
    for (int shard = 0; shard < shards.count(); shard++) {
      var request = table.query().indexName(TableSchema.DUE_INDEX)
          .keyConditionExpression("#s = :s AND #d = :d")
          // The table's partition key of an environment is its monitor: distinct keys are distinct monitors.
          .projectionExpression("#pk")
          .expressionAttributeNames(Map.of("#s", TableSchema.DUE_SHARD, "#d", TableSchema.DUE_AT, "#pk", TableSchema.PK))
          .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(DueShards.key(shard)),
              ":d", AttributeValue.fromS(Attrs.sortable(minute))))
          .build();
      for (QueryResponse page : table.pages(request)) {
        environments += page.count();
        page.items().forEach(i -> monitors.add(i.get(TableSchema.PK).s()));
      }
    }
    return new DueCount(environments, monitors.size());
  }

  @Override
  public Optional<Tick> tick(Instant minute) {
    return table.get(key(tickSk(minute)), false).map(i -> {
      Map<Instant, DueCount> ahead = new LinkedHashMap<>();
      Attrs.m(i, "ahead").forEach((at, c) -> ahead.put(Instant.parse(at), count(c.m())));
      Map<String, AttributeValue> d = Attrs.m(i, "decision");
      return new Tick(minute, ahead, new Decision(Attrs.intN(d, "expected", 0), Attrs.intN(d, "monitors", 0),
          Attrs.intN(d, "waiting", -1), Attrs.bool(d, "outage")));
    });
  }

  @Override
  public boolean saveTick(Tick tick) {
    Map<String, AttributeValue> ahead = new LinkedHashMap<>();
    tick.ahead().forEach((at, c) -> ahead.put(at.toString(), AttributeValue.fromM(item().n("environments", c.environments())
        .n("monitors", c.monitors()).build())));
    Decision d = tick.decision();
    Map<String, AttributeValue> entry = new LinkedHashMap<>(key(tickSk(tick.minute())));
    entry.putAll(item().s(Keys.KIND, "hearing-tick").instant("minute", tick.minute()).m("ahead", ahead)
        .m("decision", item().n("expected", d.expected()).n("monitors", d.monitors()).n("waiting", d.waiting())
            .bool("outage", d.outage()).build())
        .n(TableSchema.TTL_ATTRIBUTE, tick.minute().plus(TICK_RETENTION).getEpochSecond()).build());
    return table.put(entry, Table.Condition.absent());
  }

  @Override
  public void recordDeaf(Deafness.Period period, String cause) {
    Map<String, AttributeValue> entry = new LinkedHashMap<>(key(deafSk(period.until(), period.after())));
    entry.putAll(item().s(Keys.KIND, "deaf-period").instant("after", period.after()).instant("until", period.until())
        .s("cause", cause).n(TableSchema.TTL_ATTRIBUTE, period.until().plus(DEAF_RETENTION).getEpochSecond()).build());
    table.put(entry, Table.Condition.absent()); // recorded already (a second sweep of the minute): the same period
  }

  @Override
  public List<Deafness.Period> deafPeriods(Instant since) {
    var request = table.query().consistentRead(true)
        .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
        .expressionAttributeNames(Map.of("#pk", TableSchema.PK, "#sk", TableSchema.SK))
        // Sorted by the end of the period: those that ended after `since` (a millisecond later is past it).
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PARTITION),
            ":from", AttributeValue.fromS("DEAF#" + Attrs.sortable(since.plusMillis(1))), ":to", AttributeValue.fromS("DEAF#~")))
        .build();
    return table.queryAll(request).stream()
        .map(i -> new Deafness.Period(Attrs.instant(i, "after"), Attrs.instant(i, "until"))).toList();
  }

  private static DueCount count(Map<String, AttributeValue> m) {
    return new DueCount(Attrs.intN(m, "environments", 0), Attrs.intN(m, "monitors", 0));
  }

  private static Map<String, AttributeValue> key(String sk) {
    return Map.of(TableSchema.PK, AttributeValue.fromS(PARTITION), TableSchema.SK, AttributeValue.fromS(sk));
  }

  private static String tickSk(Instant minute) {
    return "TICK#" + Attrs.sortable(minute);
  }

  private static String deafSk(Instant until, Instant after) {
    return "DEAF#" + Attrs.sortable(until) + "#" + Attrs.sortable(after);
  }
}
