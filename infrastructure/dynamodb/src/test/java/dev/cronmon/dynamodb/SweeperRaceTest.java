package dev.cronmon.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.hearing.Hearing;
import dev.cronmon.domain.lifecycle.BrokenPolicy;
import dev.cronmon.domain.service.CheckInCommand;
import dev.cronmon.domain.service.CheckInResult;
import dev.cronmon.domain.service.CheckInService;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.service.Sweeper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Sweepers and check-ins racing on the same slots (docs/semantics.md rules S6, C8, W5; no state lost or doubled): each actor has its own clock,
 * as separate Lambda invocations do, and all of one slot's actors start together on real threads. Whatever the
 * interleaving, each slot ends with exactly one check-in naming it (the on-time check-in, or one `missed`), and no
 * accepted check-in is lost.
 */
class SweeperRaceTest extends SweepTestSupport {
  private static final int MONITORS = 4;
  private static final int SLOTS = 12;
  private static final int SWEEPERS = 3;

  @Test
  void sweepersAndCheckInsRacingOnTheSameSlots_endWithExactlyOneOutcomePerSlot() throws Exception {
    race("race", MONITORS, SLOTS, new Random(42),
        at -> java.util.stream.Stream.generate(() -> new Sweeper(store, publisher, Clock.fixed(at.get(), ZoneOffset.UTC)))
            .limit(SWEEPERS).toList());
  }

  /**
   * The scaled-out sweep (docs/data-model.md, "Sweeping in parallel"): per slot, a fan-out of two shard groups with
   * three workers each and, overlapping them, a whole-index sweep with four workers (a tick run twice), racing the
   * check-ins of 24 monitors spread over the due index's shards.
   */
  @Test
  void parallelSweepersOfShardGroups_racingCheckIns_endWithExactlyOneOutcomePerSlot() throws Exception {
    int swept = race("fan", 24, 5, new Random(17), at -> List.of(
        parallelSweeper(at.get(), new Sweeper.Scope(0, 2, 3)),
        parallelSweeper(at.get(), new Sweeper.Scope(1, 2, 3)),
        parallelSweeper(at.get(), Sweeper.Scope.parallel(4))));
    assertThat(swept).as("environments the parallel sweepers swept").isPositive();
  }

  private Sweeper parallelSweeper(Instant at, Sweeper.Scope scope) {
    return new Sweeper(store, publisher, Clock.fixed(at, ZoneOffset.UTC), Hearing.ALWAYS, BrokenPolicy.DEFAULT, scope);
  }

  /**
   * Jobs every 5 minutes (margin 1) that each checked in once at 09:58:10, so 10:00 is the first slot; for each slot,
   * about two thirds check in on time (s + 0..55 s, some in the deadline's last second) while the sweepers {@code
   * sweepers} makes (each asking {@code at} for its tick, s + 60..110 s) tick, all started at once on real threads.
   * Then every slot of every monitor must be named by exactly one check-in, no missed check-in exist twice, every
   * accepted check-in be stored as sent and each environment's last check-in be its newest accepted one. Returns the
   * environments the racing sweepers swept.
   */
  private int race(String prefix, int monitorCount, int slots, Random random,
                   Function<Supplier<Instant>, List<Sweeper>> sweepers) throws Exception {
    Instant first = at("2026-03-02T10:00:00Z");
    clock.set(first.minus(Duration.ofSeconds(110)));
    List<Monitor> monitors = new ArrayList<>();
    for (int i = 0; i < monitorCount; i++) {
      Monitor m = monitor(prefix + "-" + i, cron("*/5 * * * *", "UTC", 1));
      checkIn(m, CheckInStatus.OK);
      monitors.add(m);
    }
    Map<UUID, Instant> accepted = new HashMap<>();
    int swept = 0;
    ExecutorService pool = Executors.newFixedThreadPool(monitorCount + 8);
    try {
      for (int slot = 0; slot < slots; slot++) {
        Instant s = first.plus(Duration.ofMinutes(5L * slot));
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Object>> actors = new ArrayList<>();
        for (Monitor m : monitors) {
          if (random.nextInt(3) == 0) continue; // this run never happens: its slot must be missed
          Instant t = s.plusSeconds(random.nextBoolean() ? 59 : random.nextInt(56));
          CheckInService service = new CheckInService(store, Clock.fixed(t, ZoneOffset.UTC));
          actors.add(() -> {
            start.await();
            CheckInResult r = service.checkIn(new CheckInCommand(m, ENV, CheckInStatus.OK, null, null, null));
            return Map.entry(r.id(), t);
          });
        }
        for (Sweeper racing : sweepers.apply(() -> s.plusSeconds(60 + random.nextInt(50)))) {
          actors.add(() -> {
            start.await();
            return racing.sweep(Sweeper.Budget.of(1000));
          });
        }
        List<Future<Object>> done = new ArrayList<>();
        for (Callable<Object> a : actors) done.add(pool.submit(a));
        start.countDown();
        for (Future<Object> f : done) {
          Object r = f.get();
          if (r instanceof Map.Entry<?, ?> e) accepted.put((UUID) e.getKey(), (Instant) e.getValue());
          if (r instanceof Sweeper.Result sr) swept += sr.environments();
        }
      }
    } finally {
      pool.shutdownNow();
    }
    sweepAt(first.plus(Duration.ofMinutes(5L * slots)).toString());

    long missedSlots = 0;
    for (Monitor m : monitors) {
      List<CheckIn> history = history(m);
      Map<Instant, Long> namesPerSlot = history.stream().filter(c -> c.expectedTime() != null)
          .collect(Collectors.groupingBy(CheckIn::expectedTime, Collectors.counting()));
      for (int slot = 0; slot < slots; slot++) {
        Instant s = first.plus(Duration.ofMinutes(5L * slot));
        assertThat(namesPerSlot.get(s)).as("check-ins naming %s of %s", s, m.slug()).isEqualTo(1L);
      }
      assertThat(history.stream().filter(c -> c.status() == CheckInStatus.MISSED).map(CheckIn::id)).doesNotHaveDuplicates();
      missedSlots += missed(m).size();
    }
    long lostToSweeper = accepted.keySet().stream().filter(id -> store.checkIn(id).orElseThrow().expectedTime() == null).count();
    System.out.printf("%s: %d on-time check-ins, %d of them lost their slot to a sweeper; %d slots missed; %d environments swept%n",
        prefix, accepted.size(), lostToSweeper, missedSlots, swept);
    // each slot without a run that fulfilled it was missed: the runs that never happened and those a sweeper beat
    assertThat(missedSlots).isEqualTo((long) monitorCount * slots - accepted.size() + lostToSweeper);
    for (Map.Entry<UUID, Instant> e : accepted.entrySet()) {
      CheckIn c = store.checkIn(e.getKey()).orElseThrow();
      assertThat(c.status()).isEqualTo(CheckInStatus.OK);
      assertThat(c.dateCreated()).isEqualTo(e.getValue());
    }
    for (Monitor m : monitors) {
      Instant newest = history(m).stream().filter(c -> c.status() == CheckInStatus.OK).map(CheckIn::dateCreated)
          .max(Instant::compareTo).orElseThrow();
      assertThat(env(m).lastCheckIn()).isEqualTo(newest);
    }
    return swept;
  }

  /**
   * The store, with {@code interleave} run once just before the first call of {@code method}: the other actor's whole
   * operation lands between this actor's read and its write, the interleaving threads only sometimes produce.
   */
  private CronStore interleaving(String method, Runnable interleave) {
    return interleaving(Set.of(method), null, interleave);
  }

  /**
   * As above, before the first call of any of {@code methods}; calls of the others made meanwhile (a check-in's two
   * writes are in flight together, docs/semantics.md rule C15) wait until it is done. {@code after}: a method whose
   * first call must have returned before {@code interleave} runs (null: none).
   */
  private CronStore interleaving(Set<String> methods, String after, Runnable interleave) {
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch afterReturned = new CountDownLatch(after == null ? 0 : 1);
    Object lock = new Object();
    return (CronStore) Proxy.newProxyInstance(CronStore.class.getClassLoader(), new Class<?>[] {CronStore.class}, (proxy, m, args) -> {
      if (methods.contains(m.getName())) {
        synchronized (lock) {
          if (done.compareAndSet(false, true)) {
            if (!afterReturned.await(10, TimeUnit.SECONDS)) throw new AssertionError(after + " was never called");
            interleave.run();
          }
        }
      }
      try {
        return m.invoke(store, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      } finally {
        if (m.getName().equals(after)) afterReturned.countDown();
      }
    });
  }

  @Test
  void checkInLosingItsSlotToTheSweeper_namesNoSlot_andTheSlotIsMissedOnce() {
    // GIVEN a job every 5 minutes waiting for 10:05 (deadline 10:06)
    clock.set(at("2026-03-02T10:00:10Z"));
    Monitor m = monitor("loses", cron("*/5 * * * *", "UTC", 1));
    checkIn(m, CheckInStatus.OK);
    Instant slot = at("2026-03-02T10:05:00Z");

    // WHEN its run checks in on time (10:05:59) but the sweeper (10:06:10) runs after the check-in read its environment
    // and before it wrote anything
    Sweeper sweeperAfterDeadline = new Sweeper(store, publisher, Clock.fixed(at("2026-03-02T10:06:10Z"), ZoneOffset.UTC));
    CheckInService slow = new CheckInService(interleaving(Set.of("saveCheckIn", "saveEnvironment", "saveEnvironmentChange"), null,
        () -> sweeperAfterDeadline.sweep(Sweeper.Budget.of(10))),
        Clock.fixed(at("2026-03-02T10:05:59Z"), ZoneOffset.UTC));
    UUID late = slow.checkIn(new CheckInCommand(m, ENV, CheckInStatus.OK, null, null, null)).id();

    // THEN the sweeper's decision stands: one missed for 10:05, and the check-in is kept but names no slot
    assertThat(expectedTimes(missed(m))).containsExactly(slot);
    CheckIn c = store.checkIn(late).orElseThrow();
    assertThat(c.status()).isEqualTo(CheckInStatus.OK);
    assertThat(c.expectedTime()).isNull();
    assertThat(history(m).stream().filter(h -> slot.equals(h.expectedTime()))).hasSize(1);
    assertThat(env(m).lastCheckIn()).isEqualTo(at("2026-03-02T10:05:59Z"));
    assertThat(env(m).nextCheckIn()).isEqualTo(at("2026-03-02T10:10:00Z"));
  }

  @Test
  void sweeperMeetingACheckInStillBeingRecorded_leavesTheSlotToIt() {
    clock.set(at("2026-03-02T10:00:10Z"));
    Monitor m = monitor("in-flight", cron("*/5 * * * *", "UTC", 1));
    checkIn(m, CheckInStatus.OK);
    Instant slot = at("2026-03-02T10:05:00Z");

    // WHEN the sweeper (10:06:10) runs after the check-in (10:05:59) wrote itself, before it wrote its environment
    Sweeper sweeperAfterDeadline = new Sweeper(store, publisher, Clock.fixed(at("2026-03-02T10:06:10Z"), ZoneOffset.UTC));
    AtomicReference<Sweeper.Result> during = new AtomicReference<>();
    CheckInService slow = new CheckInService(interleaving(Set.of("saveEnvironment"), "saveCheckIn",
        () -> during.set(sweeperAfterDeadline.sweep(Sweeper.Budget.of(10)))),
        Clock.fixed(at("2026-03-02T10:05:59Z"), ZoneOffset.UTC));
    UUID onTime = slow.checkIn(new CheckInCommand(m, ENV, CheckInStatus.OK, null, null, null)).id();

    // THEN the sweeper saw the check-in in the history and left the slot to it
    assertThat(during.get().missed()).isZero();
    assertThat(missed(m)).isEmpty();
    assertThat(store.checkIn(onTime).orElseThrow().expectedTime()).isEqualTo(slot);
    assertThat(env(m).nextCheckIn()).isEqualTo(at("2026-03-02T10:10:00Z"));
  }

  @Test
  void checkInWhoseRequestDiedBeforeItsEnvironment_isRecordedBySweeper_notMissed() {
    // GIVEN a check-in for 10:05 written at 10:05:30 by a request that died before updating the environment
    clock.set(at("2026-03-02T10:00:10Z"));
    Monitor m = monitor("died-create", cron("*/5 * * * *", "UTC", 1));
    checkIn(m, CheckInStatus.OK);
    Instant t = at("2026-03-02T10:05:30Z");
    CheckIn orphan = new CheckIn(UUID.randomUUID(), m.id(), m.projectId(), ENV, CheckInStatus.ERROR, 1_000L, t, t,
        at("2026-03-02T10:05:00Z"), null, m.config(), null, 1);
    assertThat(store.saveCheckIn(orphan)).isTrue();

    // WHEN the sweeper passes 10:05's deadline, then the grace after which the request must be dead
    Sweeper.Result atDeadline = sweepAt("2026-03-02T10:06:10Z");
    Sweeper.Result afterGrace = sweepAt("2026-03-02T10:10:40Z");

    // THEN 10:05 is never missed; the check-in is recorded (its error counts), and the environment moves on
    assertThat(atDeadline.missed()).isZero();
    assertThat(afterGrace.missed()).isZero();
    assertThat(missed(m)).isEmpty();
    assertThat(env(m).lastCheckIn()).isEqualTo(t);
    assertThat(env(m).failureStreak()).extracting(f -> f.checkInId()).containsExactly(orphan.id());
    assertThat(env(m).nextCheckIn()).isEqualTo(at("2026-03-02T10:10:00Z"));
  }

  @Test
  void olderCheckInCommittingAfterANewerOne_doesNotMoveTheNextSlotBack() {
    // GIVEN a job every 5 minutes (margin 1) waiting for 10:00; a check-in at 10:00:30 is slow, one at 10:04:20 (early
    // for 10:05) is not
    clock.set(at("2026-03-02T09:58:10Z"));
    Monitor m = monitor("out-of-order", cron("*/5 * * * *", "UTC", 1));
    checkIn(m, CheckInStatus.OK);
    CheckInService early = new CheckInService(store, Clock.fixed(at("2026-03-02T10:04:20Z"), ZoneOffset.UTC));
    CheckInService slow = new CheckInService(interleaving("saveEnvironment",
        () -> early.checkIn(new CheckInCommand(m, ENV, CheckInStatus.OK, null, null, null))),
        Clock.fixed(at("2026-03-02T10:00:30Z"), ZoneOffset.UTC));

    // WHEN the newer one commits between the older one's read and its environment write, and the sweeper ticks later
    slow.checkIn(new CheckInCommand(m, ENV, CheckInStatus.OK, null, null, null));
    sweepAt("2026-03-02T10:09:00Z");

    // THEN the older one does not move the environment back to 10:05: 10:05 stays the early check-in's, 10:10 is next,
    // and each slot is named once (10:00 was missed when the newer one committed first)
    assertThat(env(m).lastCheckIn()).isEqualTo(at("2026-03-02T10:04:20Z"));
    assertThat(env(m).nextCheckIn()).isEqualTo(at("2026-03-02T10:10:00Z"));
    assertThat(expectedTimes(missed(m))).containsExactly(at("2026-03-02T10:00:00Z"));
    Map<Instant, Long> names = history(m).stream().filter(c -> c.expectedTime() != null)
        .collect(Collectors.groupingBy(CheckIn::expectedTime, Collectors.counting()));
    assertThat(names).containsEntry(at("2026-03-02T10:00:00Z"), 1L).containsEntry(at("2026-03-02T10:05:00Z"), 1L);
  }

  @Test
  void sweeperLosingTheSlotToACheckIn_marksNothing() {
    clock.set(at("2026-03-02T10:00:10Z"));
    Monitor m = monitor("wins", cron("*/5 * * * *", "UTC", 1));
    checkIn(m, CheckInStatus.OK);
    Instant slot = at("2026-03-02T10:05:00Z");

    // WHEN the sweeper (10:06:10) read the environment, and a check-in (10:05:59) commits before the sweeper's write
    CheckInService onTime = new CheckInService(store, Clock.fixed(at("2026-03-02T10:05:59Z"), ZoneOffset.UTC));
    AtomicReference<UUID> id = new AtomicReference<>();
    Sweeper slow = new Sweeper(interleaving("saveEnvironmentChange",
        () -> id.set(onTime.checkIn(new CheckInCommand(m, ENV, CheckInStatus.OK, null, null, null)).id())),
        publisher, Clock.fixed(at("2026-03-02T10:06:10Z"), ZoneOffset.UTC));
    Sweeper.Result r = slow.sweep(Sweeper.Budget.of(10));

    // THEN the check-in fulfilled 10:05 and the sweeper, re-reading, found nothing to mark
    assertThat(r.missed()).isZero();
    assertThat(missed(m)).isEmpty();
    assertThat(store.checkIn(id.get()).orElseThrow().expectedTime()).isEqualTo(slot);
    assertThat(env(m).nextCheckIn()).isEqualTo(at("2026-03-02T10:10:00Z"));
  }
}
