package dev.cronmon.dynamodb;

import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/**
 * Totals of the capacity units DynamoDB reports as consumed (table and its indexes), for benchmarks ("units per
 * check-in"). Thread-safe. Pass one to {@link DynamoCronStore}; without one, requests ask for no capacity report.
 *
 * <p>Only successful requests report capacity: a conditional write that fails is charged by DynamoDB too (as a
 * write of the item's size) but its exception carries no report, so those attempts are counted in
 * {@link #failedConditionalWrites()} instead.
 */
public final class CapacityMeter {
  private final DoubleAdder readUnits = new DoubleAdder();
  private final DoubleAdder writeUnits = new DoubleAdder();
  private final LongAdder requests = new LongAdder();
  private final LongAdder failedConditionalWrites = new LongAdder();

  void read(ConsumedCapacity consumed) {
    requests.increment();
    readUnits.add(units(consumed, false));
  }

  void write(ConsumedCapacity consumed) {
    requests.increment();
    writeUnits.add(units(consumed, true));
  }

  /** One request that reports per table (BatchGetItem). */
  void reads(List<ConsumedCapacity> consumed) {
    requests.increment();
    if (consumed != null) consumed.forEach(c -> readUnits.add(units(c, false)));
  }

  /** One request that reports per table (TransactWriteItems). */
  void writes(List<ConsumedCapacity> consumed) {
    requests.increment();
    if (consumed != null) consumed.forEach(c -> writeUnits.add(units(c, true)));
  }

  void failedConditionalWrite() {
    requests.increment();
    failedConditionalWrites.increment();
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

  /** DynamoDB requests made through the store, successful or not. */
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
