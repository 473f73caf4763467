package dev.cronmon.domain.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.maintenance.MaintenanceWindow;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.monitor.Owner;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.store.InMemoryStore;
import dev.cronmon.domain.tenant.Limits;
import dev.cronmon.domain.time.MutableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Unit layer (no I/O): maintenance windows (docs/semantics.md rules M2–M5) through the sweeper and the check-in service
 * on the in-memory store, time moved by a clock. The store counts its reads of windows (rule M4).
 */
class MaintenanceWindowsTest {
  /** Hourly, a minute's margin, one failure opens an incident and one ok resolves it. */
  private static final MonitorConfig HOURLY = new MonitorConfig(new CrontabSchedule("0 * * * *"), ZoneOffset.UTC, 1, 30, 1, 1);

  private final MutableClock clock = MutableClock.at("2026-03-02T10:00:05Z");
  private final InMemoryStore memory = new InMemoryStore();
  private final AtomicInteger windowReads = new AtomicInteger();
  private final CronStore store = counting(memory, windowReads);
  private final CheckInService checkIns = new CheckInService(store, clock, Limits.DEFAULT);
  private final List<IncidentEvent> published = new ArrayList<>();
  private final Sweeper sweeper = new Sweeper(store, events -> {
    published.addAll(events);
    return events.stream().map(IncidentEvent::id).collect(Collectors.toSet());
  }, clock);

  @Test
  void slotInsideAWindow_isUnknownInMaintenance_andOpensNothing_theSlotAfterItIsMissed_andOpens_rulesM2M5() {
    Monitor nightly = monitor("nightly", HOURLY);
    window("DB upgrade", new MaintenanceWindow.OneOff(at("2026-03-02T10:30:00Z"), at("2026-03-02T11:30:00Z")),
        new MaintenanceWindow.Monitors(List.of("nightly")));

    clock.set(at("2026-03-02T11:05:00Z"));
    sweeper.sweep(Sweeper.Budget.of(100));

    CheckIn inside = history(nightly).get(0);
    assertThat(inside.status()).isEqualTo(CheckInStatus.UNKNOWN);
    assertThat(inside.facts().maintenance()).isTrue();
    assertThat(inside.expectedTime()).isEqualTo(at("2026-03-02T11:00:00Z"));
    assertThat(published).isEmpty();
    assertThat(memory.environment(nightly.id(), "production").orElseThrow().activeIncident()).isNull();

    clock.set(at("2026-03-02T12:05:00Z")); // the window ended at 11:30: the 12:00 slot is decided as always
    sweeper.sweep(Sweeper.Budget.of(100));

    CheckIn outside = history(nightly).get(0);
    assertThat(outside.status()).isEqualTo(CheckInStatus.MISSED);
    assertThat(outside.facts().maintenance()).isFalse();
    assertThat(published).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.OPENED);
  }

  @Test
  void aWindowIsNeutral_aFailureStreakGoesOnAcrossIt_ruleM3() {
    Monitor nightly = monitor("nightly", new MonitorConfig(new CrontabSchedule("0 * * * *"), ZoneOffset.UTC, 1, 30, 2, 1));
    window("patching", new MaintenanceWindow.OneOff(at("2026-03-02T11:30:00Z"), at("2026-03-02T13:30:00Z")),
        new MaintenanceWindow.Project("p-1"));

    for (String t : List.of("2026-03-02T11:05:00Z", "2026-03-02T12:05:00Z", "2026-03-02T13:05:00Z")) {
      clock.set(at(t));
      sweeper.sweep(Sweeper.Budget.of(100));
    }
    assertThat(published).as("one failure before the window, two slots in it").isEmpty();

    clock.set(at("2026-03-02T14:05:00Z"));
    sweeper.sweep(Sweeper.Budget.of(100));

    assertThat(published).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.OPENED);
    assertThat(memory.environment(nightly.id(), "production").orElseThrow().activeIncident().failures())
        .extracting(f -> f.time().toString()).containsExactly("2026-03-02T11:00:00Z", "2026-03-02T14:00:00Z");
  }

  @Test
  void checkInsDuringAWindow_areRecorded_butAFailureOpensNothing_andAnOkResolvesNothing_ruleM3() {
    Monitor nightly = monitor("nightly", HOURLY);
    window("freeze", new MaintenanceWindow.OneOff(at("2026-03-02T12:30:00Z"), at("2026-03-02T13:30:00Z")),
        new MaintenanceWindow.OwnedBy(Owner.parse("team:ops").owner()));
    memory.replaceMonitor(nightly.withOwner(Owner.parse("team:ops").owner()).withVersion(2));
    clock.set(at("2026-03-02T11:00:10Z"));
    checkIns.checkIn(new CheckInCommand(monitor(nightly), "production", CheckInStatus.ERROR, null, null, null));
    assertThat(published).isEmpty();
    sweeper.sweep(Sweeper.Budget.of(100));
    assertThat(published).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.OPENED);

    clock.set(at("2026-03-02T13:00:10Z"));
    checkIns.checkIn(new CheckInCommand(monitor(nightly), "production", CheckInStatus.OK, null, null, null));
    clock.set(at("2026-03-02T13:10:00Z"));
    checkIns.checkIn(new CheckInCommand(monitor(nightly), "production", CheckInStatus.ERROR, null, null, null));
    sweeper.sweep(Sweeper.Budget.of(100));

    List<CheckIn> during = history(nightly).subList(0, 2);
    assertThat(during).extracting(CheckIn::status).containsExactly(CheckInStatus.ERROR, CheckInStatus.OK);
    assertThat(during).allMatch(c -> c.facts().maintenance());
    assertThat(published).as("the incident opened before the window stays open through it").hasSize(1);
    assertThat(memory.environment(nightly.id(), "production").orElseThrow().activeIncident()).isNotNull();

    clock.set(at("2026-03-02T14:00:10Z"));
    checkIns.checkIn(new CheckInCommand(monitor(nightly), "production", CheckInStatus.OK, null, null, null));
    sweeper.sweep(Sweeper.Budget.of(100));

    assertThat(history(nightly).get(0).facts().maintenance()).isFalse();
    assertThat(published).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.OPENED, IncidentEvent.Type.RESOLVED);
  }

  @Test
  void runWaitingInAWindow_endsUnknownInMaintenance_notTimeout_ruleM2() {
    Monitor nightly = monitor("nightly", new MonitorConfig(new CrontabSchedule("0 * * * *"), ZoneOffset.UTC, 60, 10, 1, 1));
    window("DB upgrade", new MaintenanceWindow.OneOff(at("2026-03-02T10:05:00Z"), at("2026-03-02T10:20:00Z")),
        new MaintenanceWindow.Monitors(List.of("nightly")));
    clock.set(at("2026-03-02T10:01:00Z"));
    checkIns.checkIn(new CheckInCommand(monitor(nightly), "production", CheckInStatus.IN_PROGRESS, null, null, null));

    clock.set(at("2026-03-02T10:12:00Z"));
    sweeper.sweep(Sweeper.Budget.of(100));

    CheckIn run = history(nightly).get(0);
    assertThat(run.status()).isEqualTo(CheckInStatus.UNKNOWN);
    assertThat(run.facts().maintenance()).isTrue();
    assertThat(published).isEmpty();
  }

  @Test
  void recurringWindowInBerlin_crossingBothDstChanges_coversTheSameWallTime_rulesM1M2() {
    // 02:30 Berlin for an hour: 01:30Z in winter, 00:30Z in summer; on 29 March 02:30 does not exist and the window
    // starts at the jump (01:00Z, as cron fires a fixed-time job); on 25 October 02:30 comes twice and it starts once.
    MaintenanceWindow.Recurring nightly = new MaintenanceWindow.Recurring(new CrontabSchedule("30 2 * * *"),
        ZoneId.of("Europe/Berlin"), Duration.ofMinutes(60));
    assertThat(starts(nightly, "2026-03-27T12:00:00Z", 4))
        .containsExactly("2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z");
    assertThat(starts(nightly, "2026-10-23T12:00:00Z", 4))
        .containsExactly("2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z", "2026-10-27T01:30:00Z");

    clock.set(at("2026-03-27T22:00:05Z"));
    Monitor hourly = monitor("hourly", HOURLY);
    window("nightly patching", nightly, new MaintenanceWindow.Monitors(List.of("hourly")));
    for (Instant t = at("2026-03-27T23:05:00Z"); t.isBefore(at("2026-03-30T04:00:00Z")); t = t.plus(Duration.ofHours(1))) {
      clock.set(t);
      sweeper.sweep(Sweeper.Budget.of(100));
    }
    List<String> inMaintenance = history(hourly).stream().filter(c -> c.facts().maintenance())
        .map(c -> c.expectedTime().toString()).sorted().toList();
    assertThat(inMaintenance).containsExactly("2026-03-28T02:00:00Z", "2026-03-29T01:00:00Z", "2026-03-30T01:00:00Z");
    assertThat(history(hourly).stream().filter(c -> c.status() == CheckInStatus.MISSED).count()).isEqualTo(53 - 3);
  }

  @Test
  void aSweepReadsAnOrganizationsWindowsOncePerTick_andAnOkCheckInOfAHealthyMonitorReadsThemNever_ruleM4() {
    for (int i = 0; i < 30; i++) monitor("job-" + i, HOURLY);
    window("all of them", new MaintenanceWindow.OneOff(at("2026-03-02T10:30:00Z"), at("2026-03-02T11:30:00Z")),
        new MaintenanceWindow.Project("p-1"));
    assertThat(windowReads).hasValue(0);

    clock.set(at("2026-03-02T11:05:00Z"));
    Sweeper.Result result = sweeper.sweep(Sweeper.Budget.of(1000));

    assertThat(result.unknown()).isEqualTo(30);
    assertThat(windowReads).hasValue(1);
    clock.set(at("2026-03-02T11:10:00Z"));
    checkIns.checkIn(new CheckInCommand(monitor(memory.monitor("acme", "job-0").orElseThrow()), "production",
        CheckInStatus.OK, null, null, null));
    assertThat(windowReads).hasValue(1);
  }

  // --- helpers ----------------------------------------------------------------------------------------------------

  private static List<String> starts(MaintenanceWindow.Recurring timing, String from, int n) {
    List<String> starts = new ArrayList<>();
    Instant after = at(from);
    for (int i = 0; i < n; i++) {
      MaintenanceWindow.Period p = timing.firstEndingAfter(after).orElseThrow();
      assertThat(Duration.between(p.start(), p.end())).isEqualTo(Duration.ofHours(1));
      starts.add(p.start().toString());
      after = p.end();
    }
    return starts;
  }

  private Monitor monitor(String slug, MonitorConfig config) {
    Monitor m = new Monitor(UUID.randomUUID().toString(), "acme", "p-1", slug, slug, MonitorStatus.ACTIVE, false, config,
        clock.instant(), null, 1);
    memory.putMonitor(m);
    checkIns.checkIn(new CheckInCommand(m, "production", CheckInStatus.OK, null, null, null));
    return m;
  }

  private Monitor monitor(Monitor m) {
    return memory.monitor("acme", m.slug()).orElseThrow();
  }

  private void window(String name, MaintenanceWindow.Timing timing, MaintenanceWindow.Target target) {
    memory.saveMaintenanceWindow(new MaintenanceWindow(UUID.randomUUID().toString(), "acme", name, timing, target, clock.instant(), 1));
  }

  /** Newest first. */
  private List<CheckIn> history(Monitor m) {
    return memory.checkIns(m.id(), "production", null, 1000).items().stream()
        .sorted(Comparator.comparing(CheckIn::dateCreated).reversed()).toList();
  }

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  private static CronStore counting(CronStore store, AtomicInteger windowReads) {
    return (CronStore) Proxy.newProxyInstance(CronStore.class.getClassLoader(), new Class<?>[] {CronStore.class}, (proxy, method, args) -> {
      if (method.getName().equals("maintenanceWindows")) windowReads.incrementAndGet();
      try {
        return method.invoke(store, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
  }
}
