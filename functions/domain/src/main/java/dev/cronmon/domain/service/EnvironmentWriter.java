package dev.cronmon.domain.service;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.lifecycle.Lifecycle;
import dev.cronmon.domain.lifecycle.Transition;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.store.Retry;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The one writer of monitor environments. It stores a {@link Transition} with one conditional write on the
 * environment's version (the commit point of every decision: docs/data-model.md, "Sweeping"), together with the
 * check-ins and incident history the transition creates, and when another writer got there first it re-reads the
 * environment and decides again ({@link Retry#untilWritten}). Check-ins, the sweeper and monitor changes all write
 * through it, so what a transition creates is always written with it.
 */
public final class EnvironmentWriter {
  private final CronStore store;

  public EnvironmentWriter(CronStore store) {
    this.store = store;
  }

  /** Decides the transition for the environment as stored; {@code existingMissed} as in {@link Lifecycle#apply}. */
  @FunctionalInterface
  public interface Decision {
    Transition decide(MonitorEnvironment current, Set<UUID> existingMissed);
  }

  /**
   * What {@link #apply} did. {@code env}: the environment as stored after it (null when it was deleted meanwhile);
   * {@code transition}: what was written, null when the decision changed nothing (nothing was written then).
   */
  public record Written(MonitorEnvironment env, Transition transition) {
    public boolean changed() {
      return transition != null;
    }
  }

  /**
   * Applies {@code decision} to {@code read} (the environment as the caller read it; version 0: not stored yet), and
   * after a lost race to the environment as re-read. {@code whenAbsent} gives the environment to start from when a
   * re-read finds none (null: stop, it was deleted).
   */
  public Written apply(MonitorEnvironment read, Supplier<MonitorEnvironment> whenAbsent, Decision decision) {
    MonitorEnvironment[] current = {read};
    Set<UUID> existingMissed = new HashSet<>();
    return Retry.untilWritten("environment " + read.name() + " of monitor " + read.monitorId(), attempt -> {
      MonitorEnvironment before = current[0];
      if (before == null) return Optional.of(new Written(null, null));
      Transition t = decision.decide(before, existingMissed);
      if (!t.changes()) return Optional.of(new Written(t.before(), null));
      MonitorEnvironment next = t.env().toBuilder().version(before.version() + 1).build();
      boolean saved = t.checkIns().isEmpty() && t.resolved().isEmpty()
          ? store.saveEnvironment(next)
          : store.saveEnvironmentChange(next, t.checkIns(), t.resolved());
      if (saved) return Optional.of(new Written(next, t));
      Optional<MonitorEnvironment> reread = store.environment(read.monitorId(), read.name());
      // A write whose response was lost after it committed is retried by the SDK and then fails its own version
      // condition; a PutItem carries no idempotency token. The environment as stored is then exactly the one written:
      // deciding again would apply the same event twice (docs/semantics.md, "The state core").
      if (reread.isPresent() && reread.get().equals(next)) return Optional.of(new Written(next, t));
      if (reread.isPresent() && reread.get().version() == before.version()) noteExisting(t, existingMissed);
      current[0] = reread.orElseGet(() -> whenAbsent == null ? null : whenAbsent.get());
      return Optional.empty();
    });
  }

  /**
   * The write was refused although the environment is unchanged: one of the missed check-ins it created exists already
   * (an environment moved back by a config change meets a slot it marked before). Its slot is skipped on the next try.
   */
  private void noteExisting(Transition t, Set<UUID> existingMissed) {
    for (CheckIn c : t.checkIns()) {
      if ((c.status() == CheckInStatus.MISSED || c.status() == CheckInStatus.UNKNOWN) && c.version() == 1 && store.checkIn(c.id()).isPresent()) existingMissed.add(c.id());
    }
  }
}
