package dev.cronmon.benchmarks;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Write units DynamoDB reports, by request kind ("TransactWriteItems", "PutItem", …): where a sweep's units go. The
 * store asks for the report (it has a CapacityMeter); this interceptor on its client only sorts it.
 */
final class WriteUnits implements ExecutionInterceptor {
  private final Map<String, DoubleAdder> units = new ConcurrentHashMap<>();

  @Override
  public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
    Object response = context.response();
    // Requests made without ReturnConsumedCapacity (the benchmark's own raw puts) report nothing: consumedCapacity null.
    if (response instanceof PutItemResponse r) add("PutItem", Collections.singletonList(r.consumedCapacity()));
    else if (response instanceof UpdateItemResponse r) add("UpdateItem", Collections.singletonList(r.consumedCapacity()));
    else if (response instanceof DeleteItemResponse r) add("DeleteItem", Collections.singletonList(r.consumedCapacity()));
    else if (response instanceof TransactWriteItemsResponse r && r.hasConsumedCapacity()) add("TransactWriteItems", r.consumedCapacity());
  }

  private void add(String kind, List<ConsumedCapacity> consumed) {
    double sum = consumed.stream().filter(c -> c != null && c.capacityUnits() != null).mapToDouble(ConsumedCapacity::capacityUnits).sum();
    units.computeIfAbsent(kind, k -> new DoubleAdder()).add(sum);
  }

  String breakdown() {
    StringBuilder s = new StringBuilder();
    units.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> s.append(s.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().sum()));
    return s.toString();
  }

  void reset() {
    units.clear();
  }
}
