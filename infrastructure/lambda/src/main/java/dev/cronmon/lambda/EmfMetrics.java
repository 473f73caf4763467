package dev.cronmon.lambda;

import dev.cronmon.common.Log;
import dev.cronmon.domain.metrics.Metrics;
import dev.cronmon.domain.metrics.SweepTick;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The operator metrics as CloudWatch Embedded Metric Format: JSON log lines that CloudWatch Logs turns into metrics
 * of namespace {@code METRICS_NAMESPACE}, dimension {@code Function} (and {@code Reason} for refused check-ins). No
 * API call and no SDK: the line is the metric. A sweep tick is written at once, and its line is also the sweeper's
 * "sweep finished" log line (the local stack prints the same); check-ins and alerts are counted and written by
 * {@link #flush()} at the end of each invocation, one line (one more per further refusal reason in the same
 * invocation, as a line holds one value of each dimension).
 */
public final class EmfMetrics implements Metrics {
  public static final String NAMESPACE = "METRICS_NAMESPACE";
  public static final String DEFAULT_NAMESPACE = "cronmon";

  private final String namespace;
  private final String function;
  private final Clock clock;
  private final Consumer<String> out;
  private final AtomicLong accepted = new AtomicLong();
  private final Map<String, AtomicLong> refused = new ConcurrentHashMap<>();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();

  public EmfMetrics(String namespace, String function, Clock clock, Consumer<String> out) {
    this.namespace = namespace;
    this.function = function;
    this.clock = clock;
    this.out = out;
  }

  /** The metrics of {@code function}, in the namespace template.yaml names, written to standard output (the log). */
  public static EmfMetrics of(String function, Services services) {
    return of(function, services.env(), services.clock());
  }

  static EmfMetrics of(String function, Function<String, String> env, Clock clock) {
    String namespace = env.apply(NAMESPACE);
    return new EmfMetrics(namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace, function, clock,
        System.out::println);
  }

  @Override
  public void checkInAccepted() {
    accepted.incrementAndGet();
  }

  @Override
  public void checkInRefused(String reason) {
    refused.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
  }

  @Override
  public void alertDelivered() {
    delivered.incrementAndGet();
  }

  @Override
  public void alertFailed() {
    failed.incrementAndGet();
  }

  @Override
  public void alertRetried() {
    retried.incrementAndGet();
  }

  @Override
  public void tick(SweepTick tick) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("tick", tick.at().toString());
    fields.put("complete", tick.complete());
    Map<String, Number> metrics = new LinkedHashMap<>();
    metrics.put("EnvironmentsSwept", tick.environments());
    metrics.put("MissedMarked", tick.missed());
    metrics.put("TimeoutsMarked", tick.timeouts());
    metrics.put("UnknownMarked", tick.unknown());
    metrics.put("EventsPublished", tick.eventsPublished());
    metrics.put("DueBacklog", tick.dueBacklog());
    // Only a tick that marked a slot missed says anything about lag: a zero for the others would hide it in averages.
    if (!tick.sweepLags().isEmpty()) metrics.put("SweepLag", tick.maxSweepLag().toMillis() / 1000.0);
    out.accept(line("sweep finished", fields, List.of(directive(List.of(List.of("Function")), metrics.keySet())), metrics));
  }

  /**
   * Writes what this invocation counted and starts again from zero; nothing when it counted nothing. Safe with other
   * threads counting meanwhile (the local stack's server): each count is written by exactly one flush.
   */
  public void flush() {
    long taken = accepted.getAndSet(0);
    Map<String, Long> byReason = new TreeMap<>();
    refused.forEach((reason, n) -> {
      long count = n.getAndSet(0);
      if (count > 0) byReason.put(reason, count);
    });
    long sent = delivered.getAndSet(0);
    long notSent = failed.getAndSet(0);
    long later = retried.getAndSet(0);
    long refusedTotal = byReason.values().stream().mapToLong(Long::longValue).sum();
    if (taken + refusedTotal > 0) checkInLines(taken, refusedTotal, byReason);
    if (sent + notSent + later > 0) {
      Map<String, Number> metrics = new LinkedHashMap<>();
      metrics.put("AlertsDelivered", sent);
      metrics.put("AlertsFailed", notSent);
      metrics.put("AlertsRetried", later);
      out.accept(line("metrics", Map.of(), List.of(directive(List.of(List.of("Function")), metrics.keySet())), metrics));
    }
  }

  /** Runs {@code work} and forgets what it counted (SnapStart priming: no one's check-in or alert). */
  public <T> T discarding(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } finally {
      accepted.set(0);
      refused.clear();
      delivered.set(0);
      failed.set(0);
      retried.set(0);
    }
  }

  private void checkInLines(long taken, long refusedTotal, Map<String, Long> byReason) {
    Map<String, Number> metrics = new LinkedHashMap<>();
    metrics.put("CheckInsAccepted", taken);
    metrics.put("CheckInsRefused", refusedTotal);
    List<Map<String, Object>> directives = new ArrayList<>();
    directives.add(directive(List.of(List.of("Function")), metrics.keySet()));
    Map<String, Object> fields = new LinkedHashMap<>();
    List<Map.Entry<String, Long>> reasons = new ArrayList<>(byReason.entrySet());
    if (reasons.size() == 1) {
      // The usual refused invocation (one check-in): its one reason rides on the same line, the total being its count.
      fields.put("Reason", reasons.get(0).getKey());
      directives.add(directive(List.of(List.of("Function", "Reason")), List.of("CheckInsRefused")));
      reasons.clear();
    }
    out.accept(line("metrics", fields, directives, metrics));
    for (Map.Entry<String, Long> reason : reasons) {
      out.accept(line("metrics", Map.of("Reason", reason.getKey()),
          List.of(directive(List.of(List.of("Function", "Reason")), List.of("CheckInsRefused"))),
          Map.of("CheckInsRefused", reason.getValue())));
    }
  }

  private Map<String, Object> directive(List<List<String>> dimensions, Iterable<String> names) {
    List<Map<String, String>> metrics = new ArrayList<>();
    for (String name : names) metrics.add(Map.of("Name", name, "Unit", name.equals("SweepLag") ? "Seconds" : "Count"));
    Map<String, Object> directive = new LinkedHashMap<>();
    directive.put("Namespace", namespace);
    directive.put("Dimensions", dimensions);
    directive.put("Metrics", metrics);
    return directive;
  }

  private String line(String message, Map<String, Object> fields, List<Map<String, Object>> directives,
                      Map<String, Number> values) {
    Map<String, Object> line = new LinkedHashMap<>(fields);
    line.put("Function", function);
    line.putAll(values);
    Map<String, Object> aws = new LinkedHashMap<>();
    aws.put("Timestamp", clock.millis());
    aws.put("CloudWatchMetrics", directives);
    line.put("_aws", aws);
    return Log.infoLine(message, line);
  }
}
