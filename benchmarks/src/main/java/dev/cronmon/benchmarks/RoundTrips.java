package dev.cronmon.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Serial round trips: the time span of every DynamoDB request (from the SDK's first hook to its last, so with
 * {@link Latency} on the same client the modelled delay is inside it), and how many groups of overlapping spans they
 * form. Requests in flight at the same time are one round trip of waiting; one after another, one each.
 */
final class RoundTrips implements ExecutionInterceptor {
  private static final ExecutionAttribute<Long> START = new ExecutionAttribute<>("cronmon.roundTripStart");
  private final List<long[]> spans = new ArrayList<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    attributes.putAttribute(START, System.nanoTime());
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    end(attributes);
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    end(attributes);
  }

  private synchronized void end(ExecutionAttributes attributes) {
    Long start = attributes.getAttribute(START);
    if (start != null) spans.add(new long[] {start, System.nanoTime()});
  }

  synchronized void reset() {
    spans.clear();
  }

  /** The groups of overlapping requests since the last {@link #reset()}: what a caller waited for, one after another. */
  synchronized int serial() {
    return serial(spans);
  }

  static int serial(List<long[]> spans) {
    List<long[]> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparingLong(s -> s[0]));
    int groups = 0;
    long end = Long.MIN_VALUE;
    for (long[] s : sorted) {
      if (s[0] > end) groups++;
      end = Math.max(end, s[1]);
    }
    return groups;
  }
}
