package dev.cronmon.dynamodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The requests every part of the store makes, on its one table: reads, conditional writes that answer false when their
 * condition fails (never an exception that travels), transactions, queries through the SDK's paginators, and
 * consistent BatchGetItem of any number of keys. Metering is not done here: a {@link CapacityMeter} on the client
 * sees every request.
 */
final class Table {
  private static final int BATCH_GET_MAX = 100;
  private static final int BATCH_GET_ATTEMPTS = 10;
  private static final int TRANSACTION_CONFLICT_RETRIES = 3;

  private final DynamoDbClient client;
  private final String name;

  Table(DynamoDbClient client, String name) {
    this.client = Objects.requireNonNull(client, "client");
    this.name = Objects.requireNonNull(name, "name");
  }

  String name() {
    return name;
  }

  /** A condition on the stored item, with the names and values its expression uses. */
  record Condition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
    /** The key is free: creates only. */
    static Condition absent() {
      return new Condition("attribute_not_exists(#pk)", Map.of("#pk", TableSchema.PK), Map.of());
    }

    /** The item exists: replaces or deletes only. */
    static Condition exists() {
      return new Condition("attribute_exists(#pk)", Map.of("#pk", TableSchema.PK), Map.of());
    }

    /** The stored {@code version} is {@code expected}. */
    static Condition version(long expected) {
      return new Condition("#v = :v", Map.of("#v", Keys.VERSION), Map.of(":v", AttributeValue.fromN(Long.toString(expected))));
    }

    /** The write of a record at {@code version}: version 1 creates, version n replaces the stored version n - 1. */
    static Condition savingVersion(long version) {
      if (version < 1) throw new IllegalArgumentException("version must be at least 1, got " + version);
      return version == 1 ? absent() : version(version - 1);
    }

    /** DynamoDB refuses an empty ExpressionAttributeValues: none is sent then. */
    Map<String, AttributeValue> valuesOrNull() {
      return values.isEmpty() ? null : values;
    }
  }

  // --- reads --------------------------------------------------------------------------------------------------

  Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key, boolean consistent) {
    GetItemResponse r = client.getItem(b -> b.tableName(name).key(key).consistentRead(consistent));
    return r.hasItem() && !r.item().isEmpty() ? Optional.of(r.item()) : Optional.empty();
  }

  /** An item's (or key's) primary key as one string, to match the items of a batch to the keys asked for. */
  static String keyOf(Map<String, AttributeValue> item) {
    return item.get(TableSchema.PK).s() + "\u0000" + item.get(TableSchema.SK).s();
  }

  /** Consistent BatchGetItem of {@code keys} (any number), in the order of the keys; missing ones are left out. */
  List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
    if (keys.isEmpty()) return List.of();
    Function<Map<String, AttributeValue>, String> id = Table::keyOf;
    Map<String, Map<String, AttributeValue>> found = new HashMap<>();
    for (int from = 0; from < keys.size(); from += BATCH_GET_MAX) {
      // Distinct keys only: BatchGetItem refuses duplicates.
      Map<String, Map<String, AttributeValue>> chunk = new LinkedHashMap<>();
      for (Map<String, AttributeValue> k : keys.subList(from, Math.min(keys.size(), from + BATCH_GET_MAX))) chunk.putIfAbsent(id.apply(k), k);
      Map<String, KeysAndAttributes> request = Map.of(name, KeysAndAttributes.builder().keys(chunk.values()).consistentRead(true).build());
      for (int attempt = 0; !request.isEmpty(); attempt++) {
        if (attempt >= BATCH_GET_ATTEMPTS) throw new IllegalStateException("BatchGetItem kept returning unprocessed keys");
        if (attempt > 0) backoff(attempt);
        Map<String, KeysAndAttributes> pending = request;
        BatchGetItemResponse r = client.batchGetItem(b -> b.requestItems(pending));
        r.responses().getOrDefault(name, List.of()).forEach(item -> found.put(id.apply(item), item));
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

  /** A Query of this table (or, with {@code indexName}, one of its indexes). */
  QueryRequest.Builder query() {
    return QueryRequest.builder().tableName(name);
  }

  /** The items of partition {@code pk} whose sort key starts with {@code skPrefix}. */
  QueryRequest.Builder beginsWith(String pk, String skPrefix) {
    return query().keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
        .expressionAttributeNames(Map.of("#pk", TableSchema.PK, "#sk", TableSchema.SK))
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(skPrefix)));
  }

  /** The pages of a Query, each requested when the caller gets to it. */
  Iterable<QueryResponse> pages(QueryRequest request) {
    return client.queryPaginator(request);
  }

  /** One page of a Query. */
  QueryResponse page(QueryRequest request) {
    return client.query(request);
  }

  /** Where the Query that answered {@code page} would continue; null when it read everything. */
  static Map<String, AttributeValue> resumeKey(QueryResponse page) {
    return page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
  }

  /** Every item a Query matches. */
  List<Map<String, AttributeValue>> queryAll(QueryRequest request) {
    return client.queryPaginator(request).items().stream().toList();
  }

  /**
   * Items a Query matches, counting no further than {@code atMost} (a Query never reads more than that): DynamoDB still
   * reads, and charges, each item it counts.
   */
  int count(QueryRequest.Builder request, int atMost) {
    if (atMost < 1) return 0;
    int counted = 0;
    for (QueryResponse r : pages(request.select(Select.COUNT).limit(atMost).build())) {
      counted += r.count();
      if (counted >= atMost) return atMost;
    }
    return counted;
  }

  // --- writes -------------------------------------------------------------------------------------------------

  /** PutItem with no condition: for an item whose last writer wins by design (a ring slot over its oldest entry). */
  void put(Map<String, AttributeValue> item) {
    client.putItem(b -> b.tableName(name).item(item));
  }

  /** PutItem under {@code condition}; false when it failed. */
  boolean put(Map<String, AttributeValue> item, Condition condition) {
    return unlessConditionFails(() -> client.putItem(b -> b.tableName(name).item(item).conditionExpression(condition.expression())
        .expressionAttributeNames(condition.names()).expressionAttributeValues(condition.valuesOrNull())));
  }

  /** DeleteItem under {@code condition}; false when it failed. */
  boolean delete(Map<String, AttributeValue> key, Condition condition) {
    return unlessConditionFails(() -> client.deleteItem(b -> b.tableName(name).key(key).conditionExpression(condition.expression())
        .expressionAttributeNames(condition.names()).expressionAttributeValues(condition.valuesOrNull())));
  }

  /** UpdateItem of {@code key} with {@code update} (its names and values beside the condition's); false when it failed. */
  boolean update(Map<String, AttributeValue> key, String update, Map<String, String> names, Map<String, AttributeValue> values,
                 Condition condition) {
    Map<String, String> allNames = new HashMap<>(names);
    allNames.putAll(condition.names());
    Map<String, AttributeValue> allValues = new HashMap<>(values);
    allValues.putAll(condition.values());
    return unlessConditionFails(() -> client.updateItem(b -> b.tableName(name).key(key).updateExpression(update)
        .conditionExpression(condition.expression()).expressionAttributeNames(allNames)
        .expressionAttributeValues(allValues.isEmpty() ? null : allValues)));
  }

  /** The one place a refused condition becomes a value. */
  private static boolean unlessConditionFails(Runnable request) {
    try {
      request.run();
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  // --- transactions -------------------------------------------------------------------------------------------

  TransactWriteItem putWrite(Map<String, AttributeValue> item, Condition condition) {
    return TransactWriteItem.builder().put(Put.builder().tableName(name).item(item).conditionExpression(condition.expression())
        .expressionAttributeNames(condition.names()).expressionAttributeValues(condition.valuesOrNull()).build()).build();
  }

  /** A Put with no condition: for items that follow another write of the same transaction (copies, pointers). */
  TransactWriteItem putWrite(Map<String, AttributeValue> item) {
    return TransactWriteItem.builder().put(Put.builder().tableName(name).item(item).build()).build();
  }

  TransactWriteItem deleteWrite(Map<String, AttributeValue> key, Condition condition) {
    return TransactWriteItem.builder().delete(Delete.builder().tableName(name).key(key).conditionExpression(condition.expression())
        .expressionAttributeNames(condition.names()).expressionAttributeValues(condition.valuesOrNull()).build()).build();
  }

  /** A Delete with no condition (absent is fine). */
  TransactWriteItem deleteWrite(Map<String, AttributeValue> key) {
    return TransactWriteItem.builder().delete(Delete.builder().tableName(name).key(key).build()).build();
  }

  /** What became of a transaction: committed, or which of its writes had their condition fail (nothing written). */
  record Outcome(List<Boolean> failed) {
    static final Outcome COMMITTED = new Outcome(List.of());

    boolean committed() {
      return failed.isEmpty();
    }

    /** Whether write {@code index} of a transaction that did not commit had its condition fail. */
    boolean failed(int index) {
      return !failed.isEmpty() && failed.get(index);
    }
  }

  /**
   * One TransactWriteItems, all or nothing. A TransactionConflict (a concurrent transaction on the same items) is
   * retried a few times; the retry sees its outcome.
   */
  Outcome transact(List<TransactWriteItem> writes) {
    for (int attempt = 0; ; attempt++) {
      try {
        client.transactWriteItems(b -> b.transactItems(writes));
        return Outcome.COMMITTED;
      } catch (TransactionCanceledException e) {
        List<Boolean> failed = e.cancellationReasons().stream().map(c -> "ConditionalCheckFailed".equals(c.code())).toList();
        if (failed.contains(true)) return new Outcome(failed);
        if (attempt >= TRANSACTION_CONFLICT_RETRIES) throw e;
        backoff(attempt + 1);
      }
    }
  }

  /** {@link #transact} of {@code writes}: whether it committed. */
  boolean commit(TransactWriteItem... writes) {
    return transact(List.of(writes)).committed();
  }

  private static void backoff(int attempt) {
    try {
      Thread.sleep(Math.min(1000L, 20L << Math.min(attempt, 6)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying", e);
    }
  }
}
