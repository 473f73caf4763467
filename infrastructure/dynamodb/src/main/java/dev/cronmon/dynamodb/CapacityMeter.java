package dev.cronmon.dynamodb;

import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Totals of the capacity units DynamoDB reports as consumed (table and its indexes), for benchmarks and cost tests
 * ("units per check-in"). An SDK interceptor: put it on the client the store is given
 * ({@code overrideConfiguration(c -> c.addExecutionInterceptor(meter))}); it asks every data request the store makes
 * (GetItem, BatchGetItem, Query, PutItem, UpdateItem, DeleteItem, TransactWriteItems) for
 * {@code ReturnConsumedCapacity: TOTAL} and adds up the reports. Thread-safe.
 *
 * <p>Only successful requests report capacity: a conditional write that fails is charged by DynamoDB too (as a
 * write of the item's size) but its exception carries no report, so those attempts are counted in
 * {@link #failedConditionalWrites()} instead.
 */
public final class CapacityMeter implements ExecutionInterceptor {
  private final DoubleAdder readUnits = new DoubleAdder();
  private final DoubleAdder writeUnits = new DoubleAdder();
  private final LongAdder requests = new LongAdder();
  private final LongAdder failedConditionalWrites = new LongAdder();

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
    SdkRequest r = context.request();
    if (r instanceof GetItemRequest g) return g.toBuilder().returnConsumedCapacity(total).build();
    if (r instanceof QueryRequest q) return q.toBuilder().returnConsumedCapacity(total).build();
    if (r instanceof BatchGetItemRequest b) return b.toBuilder().returnConsumedCapacity(total).build();
    if (r instanceof PutItemRequest p) return p.toBuilder().returnConsumedCapacity(total).build();
    if (r instanceof UpdateItemRequest u) return u.toBuilder().returnConsumedCapacity(total).build();
    if (r instanceof DeleteItemRequest d) return d.toBuilder().returnConsumedCapacity(total).build();
    if (r instanceof TransactWriteItemsRequest t) return t.toBuilder().returnConsumedCapacity(total).build();
    return r;
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    SdkResponse r = context.response();
    if (r instanceof GetItemResponse g) read(g.consumedCapacity());
    else if (r instanceof QueryResponse q) read(q.consumedCapacity());
    else if (r instanceof BatchGetItemResponse b) reads(b.consumedCapacity());
    else if (r instanceof PutItemResponse p) write(p.consumedCapacity());
    else if (r instanceof UpdateItemResponse u) write(u.consumedCapacity());
    else if (r instanceof DeleteItemResponse d) write(d.consumedCapacity());
    else if (r instanceof TransactWriteItemsResponse t) writes(t.consumedCapacity());
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    if (!isMetered(context.request())) return;
    requests.increment();
    Throwable e = context.exception();
    boolean refused = e instanceof ConditionalCheckFailedException
        || (e instanceof TransactionCanceledException t && t.hasCancellationReasons()
            && t.cancellationReasons().stream().anyMatch(c -> "ConditionalCheckFailed".equals(c.code())));
    if (refused) failedConditionalWrites.increment();
  }

  private static boolean isMetered(SdkRequest r) {
    return r instanceof GetItemRequest || r instanceof QueryRequest || r instanceof BatchGetItemRequest
        || r instanceof PutItemRequest || r instanceof UpdateItemRequest || r instanceof DeleteItemRequest
        || r instanceof TransactWriteItemsRequest;
  }

  private void read(ConsumedCapacity consumed) {
    requests.increment();
    readUnits.add(units(consumed, false));
  }

  private void write(ConsumedCapacity consumed) {
    requests.increment();
    writeUnits.add(units(consumed, true));
  }

  /** One request that reports per table (BatchGetItem). */
  private void reads(List<ConsumedCapacity> consumed) {
    requests.increment();
    if (consumed != null) consumed.forEach(c -> readUnits.add(units(c, false)));
  }

  /** One request that reports per table (TransactWriteItems). */
  private void writes(List<ConsumedCapacity> consumed) {
    requests.increment();
    if (consumed != null) consumed.forEach(c -> writeUnits.add(units(c, true)));
  }

  /** The specific units when reported, else the total (a request is all reads or all writes). */
  private static double units(ConsumedCapacity c, boolean write) {
    if (c == null) return 0;
    Double specific = write ? c.writeCapacityUnits() : c.readCapacityUnits();
    if (specific != null) return specific;
    return c.capacityUnits() != null ? c.capacityUnits() : 0;
  }

  public double readUnits() {
    return readUnits.sum();
  }

  public double writeUnits() {
    return writeUnits.sum();
  }

  /** DynamoDB data requests made through the client, successful or not. */
  public long requests() {
    return requests.sum();
  }

  /** Conditional writes refused (version conflicts, duplicates): charged by DynamoDB but not in the units above. */
  public long failedConditionalWrites() {
    return failedConditionalWrites.sum();
  }

  public void reset() {
    readUnits.reset();
    writeUnits.reset();
    requests.reset();
    failedConditionalWrites.reset();
  }

  @Override
  public String toString() {
    return "CapacityMeter{readUnits=" + readUnits() + ", writeUnits=" + writeUnits() + ", requests=" + requests()
        + ", failedConditionalWrites=" + failedConditionalWrites() + "}";
  }
}
