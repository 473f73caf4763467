package dev.cronmon.benchmarks;

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
  private final Tally items = new Tally();

  @Override
  public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
    Object response = context.response();
    if (response instanceof QueryResponse q) {
      String index = context.request() instanceof QueryRequest r && r.indexName() != null ? r.indexName() : "table";
      items.add("Query " + index, q.count());
    } else if (response instanceof BatchGetItemResponse b) {
      items.add("BatchGetItem", b.responses().values().stream().mapToInt(java.util.List::size).sum());
    } else if (response instanceof GetItemResponse g) {
      items.add("GetItem", g.hasItem() ? 1 : 0);
    }
  }

  long total() {
    return (long) items.total();
  }

  String breakdown() {
    return items.breakdown();
  }

  void reset() {
    items.reset();
  }
}
