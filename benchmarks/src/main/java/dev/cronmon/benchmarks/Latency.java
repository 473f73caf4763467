package dev.cronmon.benchmarks;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * A fixed delay before every DynamoDB request is sent (each HTTP attempt), modelling the in-region network round trip
 * DynamoDB Local on loopback does not have: on AWS a sweep waits on round trips, not on the CPU.
 */
final class Latency implements ExecutionInterceptor {
  private final long millis;

  Latency(long millis) {
    this.millis = millis;
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while modelling latency", e);
    }
  }
}
