package dev.cronmon.benchmarks;

import java.util.Collections;
import java.util.List;
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
 * CapacityMeter on the same client asks for the report; this interceptor only sorts it.
 */
final class WriteUnits implements ExecutionInterceptor {
  private final Tally units = new Tally();

  @Override
  public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
    Object response = context.response();
    // Requests made without ReturnConsumedCapacity report nothing: consumedCapacity null.
    if (response instanceof PutItemResponse r) add("PutItem", Collections.singletonList(r.consumedCapacity()));
    else if (response instanceof UpdateItemResponse r) add("UpdateItem", Collections.singletonList(r.consumedCapacity()));
    else if (response instanceof DeleteItemResponse r) add("DeleteItem", Collections.singletonList(r.consumedCapacity()));
    else if (response instanceof TransactWriteItemsResponse r && r.hasConsumedCapacity()) add("TransactWriteItems", r.consumedCapacity());
  }

  private void add(String kind, List<ConsumedCapacity> consumed) {
    units.add(kind, consumed.stream().filter(c -> c != null && c.capacityUnits() != null).mapToDouble(ConsumedCapacity::capacityUnits).sum());
  }

  String breakdown() {
    return units.breakdown();
  }

  void reset() {
    units.reset();
  }
}
