package dev.cronmon.domain.store;

import dev.cronmon.domain.monitor.MonitorEnvironment;
import java.time.Instant;
import java.util.List;

/** What the sweeper must look at: environments whose {@link MonitorEnvironment#dueAt()} has come. */
public interface DueIndex {
  /**
   * Up to {@code limit} environments whose {@link MonitorEnvironment#dueAt()} is at or before {@code now}, earliest
   * first, each read strongly consistently. Fewer than {@code limit} only when no others are due (as far as the index
   * has caught up with the environments' writes). When more than {@code limit} are due, which come first is the
   * store's choice (a store partitioning its index serves each partition's earliest); those the caller does not move
   * out of the index come back on the next call.
   */
  List<MonitorEnvironment> due(Instant now, int limit);
}
