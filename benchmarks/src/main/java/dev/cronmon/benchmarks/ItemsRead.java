package dev.cronmon.benchmarks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Counts the items DynamoDB returns, by request kind ("Query due", "Query history", "BatchGetItem", "GetItem"): the
 * CapacityMeter counts units, the sweep target is in items. An SDK interceptor on the client, so the store's code is
 * measured unchanged.
 */
final class ItemsRead implements ExecutionInterceptor {
  private final Map<String, LongAdder> items = new ConcurrentHashMap<>();

  @Override
  public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
    Object response = context.response();
    if (response instanceof QueryResponse q) {
      String index = context.request() instanceof QueryRequest r && r.indexName() != null ? r.indexName() : "table";
      add("Query " + index, q.count());
    } else if (response instanceof BatchGetItemResponse b) {
      add("BatchGetItem", b.responses().values().stream().mapToInt(java.util.List::size).sum());
    } else if (response instanceof GetItemResponse g) {
      add("GetItem", g.hasItem() ? 1 : 0);
    }
  }

  private void add(String kind, long n) {
    items.computeIfAbsent(kind, k -> new LongAdder()).add(n);
  }

  long total() {
    return items.values().stream().mapToLong(LongAdder::sum).sum();
  }

  String breakdown() {
    StringBuilder s = new StringBuilder();
    items.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> s.append(s.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().sum()));
    return s.toString();
  }

  void reset() {
    items.clear();
  }
}
