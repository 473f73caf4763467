package dev.cronmon.domain.maintenance;

import dev.cronmon.domain.monitor.Monitor;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * When one monitor is under planned maintenance (docs/semantics.md rules M2, M3): a slot or run whose wait overlaps a
 * window applying to it ends `unknown`, marked as in maintenance, instead of `missed` or `timeout`, and an outcome in a
 * window counts for nothing. The shape of {@code hearing.Deafness}: the callers read the windows, the state core only asks.
 */
@FunctionalInterface
public interface Maintenance {
  /** No window applies: every slot and run is decided as it always was. */
  Maintenance NONE = (from, to) -> false;

  /** Whether a window applying to the monitor is under way at some time in ({@code from}, {@code to}]. */
  boolean during(Instant from, Instant to);

  /** Whether a window applying to the monitor is under way at {@code t}. */
  default boolean at(Instant t) {
    return during(t.minusNanos(1), t);
  }

  /** The windows of {@code windows} that apply to {@code monitor}. */
  static Maintenance of(List<MaintenanceWindow> windows, Monitor monitor) {
    List<MaintenanceWindow> applying = windows.stream().filter(w -> w.appliesTo(monitor)).toList();
    if (applying.isEmpty()) return NONE;
    return (from, to) -> applying.stream().anyMatch(w -> w.during(from, to));
  }

  /** As {@link #of}, the windows read at the first question only: a caller that never asks reads nothing. */
  static Maintenance lazily(Supplier<List<MaintenanceWindow>> windows, Monitor monitor) {
    return new Maintenance() {
      private Maintenance resolved;

      @Override
      public boolean during(Instant from, Instant to) {
        if (resolved == null) resolved = of(windows.get(), monitor);
        return resolved.during(from, to);
      }
    };
  }

  /** Where a caller gets the maintenance of a monitor (a store, or none). */
  @FunctionalInterface
  interface Source {
    Source NONE = monitor -> Maintenance.NONE;

    /** The maintenance of {@code monitor}; the windows are read when it is first asked. */
    Maintenance of(Monitor monitor);
  }
}
