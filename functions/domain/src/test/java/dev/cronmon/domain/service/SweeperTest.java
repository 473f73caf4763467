package dev.cronmon.domain.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.store.InMemoryStore;
import dev.cronmon.domain.tenant.Limits;
import dev.cronmon.domain.time.MutableClock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Unit layer (no I/O): sweeps on the in-memory store, which reads the due index as the DynamoDB store does. */
class SweeperTest {
  private static final MonitorConfig HOURLY = new MonitorConfig(new CrontabSchedule("0 * * * *"), ZoneOffset.UTC, 1, 30, 1, 1);

  private final MutableClock clock = MutableClock.at("2026-03-02T10:00:05Z");
  private final InMemoryStore store = new InMemoryStore();
  private final CheckInService checkIns = new CheckInService(store, clock, Limits.DEFAULT);
  private final List<IncidentEvent> published = new ArrayList<>();
  private final Sweeper sweeper = new Sweeper(store, events -> {
    published.addAll(events);
    return events.stream().map(IncidentEvent::id).collect(Collectors.toSet());
  }, clock);

  private Monitor monitor(String slug) {
    Monitor m = new Monitor(UUID.randomUUID().toString(), "acme", "p-1", slug, slug, MonitorStatus.ACTIVE, false, HOURLY,
        clock.instant(), null, 1);
    store.putMonitor(m);
    checkIns.checkIn(new CheckInCommand(m, "production", CheckInStatus.OK, null, null, null));
    return m;
  }

  @Test
  void aMissedSlot_becomesOneMissedCheckIn_andOneOpenedEvent_howeverOftenItIsSwept() {
    Monitor nightly = monitor("nightly");
    clock.set(java.time.Instant.parse("2026-03-02T11:05:00Z")); // past 11:00 + 1 min margin

    Sweeper.Result first = sweeper.sweep(Sweeper.Budget.of(100));
    Sweeper.Result second = sweeper.sweep(Sweeper.Budget.of(100));

    assertThat(first.missed()).isEqualTo(1);
    assertThat(first.complete()).isTrue();
    assertThat(second.missed()).isZero();
    List<CheckIn> history = store.checkIns(nightly.id(), "production", null, 10).items();
    assertThat(history).extracting(CheckIn::status).containsExactly(CheckInStatus.MISSED, CheckInStatus.OK);
    assertThat(published).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.OPENED);
    assertThat(store.environment(nightly.id(), "production").orElseThrow().outbox()).isEmpty();
  }

  @Test
  void aSweepOfMoreThanOnePage_marksEveryDueEnvironment_withinItsBudget() {
    Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < Sweeper.PAGE * 2 + 3; i++) ids.add(monitor("job-" + i).id());
    clock.advance(Duration.ofHours(1).plusMinutes(5));

    Sweeper.Result limited = sweeper.sweep(Sweeper.Budget.of(Sweeper.PAGE));
    Sweeper.Result rest = sweeper.sweep(Sweeper.Budget.of(1000));

    assertThat(limited.complete()).isFalse();
    assertThat(limited.missed()).isEqualTo(Sweeper.PAGE);
    assertThat(rest.complete()).isTrue();
    assertThat(limited.missed() + rest.missed()).isEqualTo(ids.size());
    assertThat(store.due(clock.instant(), 1000)).isEmpty();
  }

  @Test
  void scopeLanes_dealEachPartitionOfTheGroupToOneLane() {
    List<Set<Integer>> lanes = new Sweeper.Scope(1, 2, 3).lanes(16);

    assertThat(lanes).hasSize(3);
    List<Integer> dealt = lanes.stream().flatMap(Set::stream).sorted().toList();
    assertThat(dealt).containsExactly(1, 3, 5, 7, 9, 11, 13, 15);
    assertThat(new Sweeper.Scope(0, 1, 8).lanes(4)).hasSize(4); // never more lanes than partitions
  }

  @Test
  void aParallelSweep_marksEveryDueEnvironmentOnce_andItsLanesTogetherKeepTheBudget() {
    Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < 60; i++) ids.add(monitor("par-" + i).id());
    clock.advance(Duration.ofHours(1).plusMinutes(5));
    Sweeper parallel = new Sweeper(store, events -> events.stream().map(IncidentEvent::id).collect(Collectors.toSet()), clock,
        dev.cronmon.domain.hearing.Hearing.ALWAYS, dev.cronmon.domain.lifecycle.BrokenPolicy.DEFAULT, Sweeper.Scope.parallel(4));

    Sweeper.Result limited = parallel.sweep(Sweeper.Budget.of(10));
    Sweeper.Result rest = parallel.sweep(Sweeper.Budget.of(1000));

    assertThat(limited.complete()).isFalse();
    assertThat(limited.environments()).isLessThanOrEqualTo(10);
    assertThat(rest.complete()).isTrue();
    assertThat(limited.missed() + rest.missed()).isEqualTo(ids.size());
    for (String id : ids) {
      assertThat(store.checkIns(id, "production", null, 10).items()).extracting(CheckIn::status)
          .containsExactly(CheckInStatus.MISSED, CheckInStatus.OK);
    }
    assertThat(store.due(clock.instant(), 1000)).isEmpty();
  }
}
