package dev.cronmon.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cronmon.domain.monitor.codec.MonitorConfigJson;
import dev.cronmon.domain.service.CheckInCommand;
import dev.cronmon.domain.service.CheckInService;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.service.MonitorService;
import dev.cronmon.domain.tenant.Limits;
import dev.cronmon.domain.time.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What the administration features cost in capacity units, as DynamoDB Local reports them (CapacityMeter): the cap
 * count at a full organization, the check-in that resolves an incident (a transaction with its history item), and a
 * monitor update that moves its environments' deadlines. Units, not time: they are what DynamoDB bills.
 */
class AdministrationCostTest extends StoreTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void countingAFullOrganizationsMonitors_readsAtMostTheCap() {
    for (int i = 0; i < 1000; i++) store.putMonitor(Fixtures.monitor("acme", "job-" + i));
    CapacityMeter meter = new CapacityMeter();

    int counted = metered(meter).countMonitors("acme", 1000);

    assertThat(counted).isEqualTo(1000);
    System.out.println("count 1000 monitors (Select COUNT, eventually consistent): " + meter);
    // 1,000 items of ~0.4 KB: ~400 KB at 0.5 RCU per 4 KB.
    assertThat(meter.readUnits()).isBetween(40.0, 70.0);
  }

  @Test
  void anOkThatResolvesAnIncident_writesTheHistoryItemInTheSameTransaction() throws Exception {
    MutableClock clock = MutableClock.at("2026-03-02T10:00:00Z");
    CapacityMeter meter = new CapacityMeter();
    DynamoCronStore store = metered(meter);
    MonitorService monitors = new MonitorService(store, clock, Limits.DEFAULT);
    CheckInService checkIns = new CheckInService(store, clock, Limits.DEFAULT);
    Monitor monitor = monitors.upsertFromCheckIn("acme", "1", "job", MonitorConfigJson.fromSdk(JSON.readTree("{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"}}"))).monitor();
    checkIns.checkIn(new CheckInCommand(monitor, "production", CheckInStatus.ERROR, null, null, null));
    clock.advance(Duration.ofHours(1));
    meter.reset();

    checkIns.checkIn(new CheckInCommand(monitor, "production", CheckInStatus.OK, null, null, null));
    double resolving = meter.writeUnits();
    clock.advance(Duration.ofHours(1));
    meter.reset();
    checkIns.checkIn(new CheckInCommand(monitor, "production", CheckInStatus.OK, null, null, null));
    double plain = meter.writeUnits();

    System.out.println("heartbeat ok: " + plain + " WCU; ok that resolves an incident: " + resolving + " WCU");
    assertThat(store.resolvedIncidents(monitor.id(), null, null, 10).items()).hasSize(1);
    assertThat(plain).isLessThanOrEqualTo(5.0);
    // Transactions cost twice: the environment (with its due index moves) and the incident item at that price.
    assertThat(resolving).isGreaterThan(plain).isLessThanOrEqualTo(plain + 10);
  }

  @Test
  void aMonitorUpdate_movingTheDeadline_costsTheMonitorWithItsCopyAndOneWritePerEnvironment() throws Exception {
    MutableClock clock = MutableClock.at("2026-03-02T10:00:00Z");
    CapacityMeter meter = new CapacityMeter();
    DynamoCronStore store = metered(meter);
    MonitorService monitors = new MonitorService(store, clock, Limits.DEFAULT);
    CheckInService checkIns = new CheckInService(store, clock, Limits.DEFAULT);
    Monitor monitor = monitors.upsertFromCheckIn("acme", "1", "job", MonitorConfigJson.fromSdk(JSON.readTree("{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"}}"))).monitor();
    for (String env : new String[] {"production", "staging"}) checkIns.checkIn(new CheckInCommand(monitor, env, CheckInStatus.OK, null, null, null));
    meter.reset();

    monitors.update("acme", "job", new MonitorService.Changes(null, null, null, null, MonitorConfigJson.fromApi(JSON.readTree("{\"checkin_margin\":10}"))));

    System.out.println("PUT checkin_margin on a monitor with 2 environments: " + meter);
    // The monitor and its ref's copy in one transaction, 2 × 2 (the sweeper reads the copy, one item fewer per sweep),
    // + per environment 3 (item + due index delete + insert, the deadline moved).
    assertThat(meter.writeUnits()).isEqualTo(10.0);
  }
}
