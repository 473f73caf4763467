package dev.cronmon.domain.store;

import dev.cronmon.domain.monitor.MonitorEnvironment;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the sweeper must look at: environments whose {@link MonitorEnvironment#dueAt()} has come. The index is split into
 * {@link #partitions()} disjoint partitions (an environment is always in the same one), so that sweepers can read and
 * work through them apart, in parallel.
 */
public interface DueIndex {
  /**
   * Up to {@code limit} environments whose {@link MonitorEnvironment#dueAt()} is at or before {@code now}, earliest
   * first, each read strongly consistently. Fewer than {@code limit} only when no others are due (as far as the index
   * has caught up with the environments' writes). When more than {@code limit} are due, which come first is the
   * store's choice (a store partitioning its index serves each partition's earliest); those the caller does not move
   * out of the index come back on the next call.
   */
  default List<MonitorEnvironment> due(Instant now, int limit) {
    return due(now, limit, allPartitions(this));
  }

  /** As {@link #due(Instant, int)}, of the environments in the given partitions only (each in {@code [0, partitions())}). */
  List<MonitorEnvironment> due(Instant now, int limit, Set<Integer> partitions);

  /** How many partitions the index has (at least 1). */
  int partitions();

  static Set<Integer> allPartitions(DueIndex index) {
    return java.util.stream.IntStream.range(0, index.partitions()).boxed().collect(java.util.stream.Collectors.toUnmodifiableSet());
  }
}
