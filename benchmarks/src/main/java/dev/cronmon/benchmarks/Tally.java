package dev.cronmon.benchmarks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/** Sums by kind ("Query due", "PutItem", …), thread-safe; what the benchmark's SDK interceptors count into. */
final class Tally {
  private final Map<String, DoubleAdder> sums = new ConcurrentHashMap<>();

  void add(String kind, double amount) {
    sums.computeIfAbsent(kind, k -> new DoubleAdder()).add(amount);
  }

  double total() {
    return sums.values().stream().mapToDouble(DoubleAdder::sum).sum();
  }

  /** "kind sum, kind sum" in kind order; whole sums without a fraction. */
  String breakdown() {
    StringBuilder s = new StringBuilder();
    sums.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      double sum = e.getValue().sum();
      s.append(s.length() == 0 ? "" : ", ").append(e.getKey()).append(' ');
      s.append(sum == Math.rint(sum) ? Long.toString((long) sum) : Double.toString(sum));
    });
    return s.toString();
  }

  void reset() {
    sums.clear();
  }
}
