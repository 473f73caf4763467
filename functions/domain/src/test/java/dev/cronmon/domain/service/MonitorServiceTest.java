package dev.cronmon.domain.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorConfigInput;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.store.InMemoryStore;
import dev.cronmon.domain.store.MonitorRead;
import dev.cronmon.domain.tenant.Limits;
import dev.cronmon.domain.time.MutableClock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Unit layer (no I/O): the monitor lifecycle on the in-memory store, which keeps the DynamoDB store's conditions. */
class MonitorServiceTest {
  private static final MonitorConfig HOURLY = new MonitorConfig(new CrontabSchedule("0 * * * *"), ZoneOffset.UTC, 1, 30, 1, 1);

  private final MutableClock clock = MutableClock.at("2026-03-02T10:00:00Z");
  private final InMemoryStore store = new InMemoryStore();
  private final MonitorService monitors = new MonitorService(store, clock, Limits.DEFAULT);
  private final CheckInService checkIns = new CheckInService(store, clock, Limits.DEFAULT);

  @Test
  void create_takesTheSlugOnce_perOrganization() {
    assertThat(monitors.create("acme", "p-1", "nightly", "Nightly", MonitorStatus.ACTIVE, false, HOURLY)).isPresent();
    assertThat(monitors.create("acme", "p-1", "nightly", "Again", MonitorStatus.ACTIVE, false, HOURLY)).isEmpty();
    assertThat(monitors.create("globex", "p-2", "nightly", "Theirs", MonitorStatus.ACTIVE, false, HOURLY)).isPresent();

    assertThat(store.monitor("acme", "nightly")).get().extracting(Monitor::name).isEqualTo("Nightly");
    assertThat(store.countMonitors("acme", 10)).isEqualTo(1);
  }

  @Test
  void update_renamesAndReconfigures_onTheNextVersion_andRefusesATakenSlug() throws Exception {
    Monitor nightly = monitors.create("acme", "p-1", "nightly", "Nightly", MonitorStatus.ACTIVE, false, HOURLY).orElseThrow();
    monitors.create("acme", "p-1", "taken", "Taken", MonitorStatus.ACTIVE, false, HOURLY);

    MonitorService.Updated updated = monitors.update("acme", "nightly",
        new MonitorService.Changes("Daily", "daily", null, true, new MonitorConfigInput().checkinMargin(OptionalLong.of(5)))).orElseThrow();
    MonitorService.Updated refused = monitors.update("acme", "daily",
        new MonitorService.Changes(null, "taken", null, null, null)).orElseThrow();

    assertThat(updated.errors().isEmpty()).isTrue();
    assertThat(updated.monitor().version()).isEqualTo(nightly.version() + 1);
    assertThat(store.monitor("acme", "nightly")).isEmpty();
    Monitor daily = store.monitor("acme", "daily").orElseThrow();
    assertThat(daily.id()).isEqualTo(nightly.id());
    assertThat(daily.name()).isEqualTo("Daily");
    assertThat(daily.muted()).isTrue();
    assertThat(daily.config().checkinMargin()).isEqualTo(5);
    assertThat(store.monitorsById(List.of(nightly.id()))).containsEntry(nightly.id(), daily);
    assertThat(refused.monitor()).isNull();
    assertThat(refused.errors().isEmpty()).isFalse();
    assertThat(store.monitor("acme", "daily")).contains(daily);
  }

  @Test
  void delete_removesTheMonitor_itsAlertRule_andLeavesTheSlugFree() {
    Monitor nightly = monitors.create("acme", "p-1", "nightly", "Nightly", MonitorStatus.ACTIVE, false, HOURLY).orElseThrow();
    store.saveAlertRule(AlertRule.Owner.monitor(nightly.id()), new AlertRule(List.of("c1"), Map.of(), 1));

    assertThat(monitors.delete("acme", "nightly")).isTrue();
    assertThat(monitors.delete("acme", "nightly")).isFalse();

    assertThat(store.monitor("acme", "nightly")).isEmpty();
    assertThat(store.alertRule(AlertRule.Owner.monitor(nightly.id()))).isEmpty();
    assertThat(monitors.create("acme", "p-1", "nightly", "Nightly", MonitorStatus.ACTIVE, false, HOURLY)).isPresent();
  }

  @Test
  void upsertFromCheckIn_createsOnce_thenHandsTheCheckInTheMonitorWithItsEnvironment() throws Exception {
    var config = new MonitorConfigInput().crontab("0 * * * *");
    Monitor created = monitors.upsertFromCheckIn("acme", () -> "p-1", "job", "production", config, m -> true).monitor();
    checkIns.checkIn(new CheckInCommand(created, "production", CheckInStatus.OK, null, null, null));

    MonitorService.Upsert again = monitors.upsertFromCheckIn("acme", () -> "p-1", "job", "production", config, m -> true);

    assertThat(again.monitor()).isEqualTo(created);
    MonitorRead read = again.read();
    assertThat(read.holds("production")).isTrue();
    assertThat(read.environment()).isEqualTo(store.environment(created.id(), "production"));
    assertThat(store.countMonitors("acme", 10)).isEqualTo(1);
  }

  @Test
  void deleteEnvironment_removesItAndItsHistory_butNotTheOthers() {
    Monitor nightly = monitors.create("acme", "p-1", "nightly", "Nightly", MonitorStatus.ACTIVE, false, HOURLY).orElseThrow();
    for (String env : List.of("production", "staging")) {
      checkIns.checkIn(new CheckInCommand(nightly, env, CheckInStatus.OK, null, null, null));
    }

    assertThat(monitors.deleteEnvironment(nightly, "staging")).isTrue();

    assertThat(store.environments(nightly.id())).extracting(MonitorEnvironment::name).containsExactly("production");
    assertThat(monitors.deleteEnvironment(nightly, "staging")).isFalse();
  }
}
