package dev.cronmon.dynamodb;

import static dev.cronmon.dynamodb.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import org.junit.jupiter.api.Test;

class CapacityMeterTest extends StoreTestSupport {

  @Test
  void meter_addsTheUnitsDynamoDbReports_forWritesReadsAndRefusedWrites() {
    CapacityMeter meter = new CapacityMeter();
    DynamoCronStore metered = metered(meter);

    CheckIn c = Fixtures.checkIn("mon-1", "production", T0);
    assertThat(metered.saveCheckIn(c)).isTrue();
    MonitorEnvironment env = Fixtures.idleEnvironment("mon-1", "production");
    assertThat(metered.saveEnvironment(env)).isTrue();
    assertThat(meter.writeUnits()).isGreaterThanOrEqualTo(2.0);
    assertThat(meter.readUnits()).isZero();

    assertThat(metered.checkIn(c.id())).isPresent();
    assertThat(metered.checkIns("mon-1", null, null, 10).items()).hasSize(1);
    assertThat(meter.readUnits()).isPositive();

    assertThat(metered.saveCheckIn(c.close(CheckInStatus.OK, 1L, T0))).isTrue();
    assertThat(metered.saveCheckIn(c.close(CheckInStatus.OK, 1L, T0))).isFalse();
    assertThat(meter.failedConditionalWrites()).isEqualTo(1);
    assertThat(meter.requests()).isEqualTo(7); // 2 puts, get, query + batch get, put, refused put

    meter.reset();
    assertThat(meter.writeUnits()).isZero();
    assertThat(meter.requests()).isZero();
  }

  @Test
  void noMeter_asksForNoReport() {
    DynamoCronStore plain = new DynamoCronStore(client, table);
    assertThat(plain.saveCheckIn(Fixtures.checkIn("mon-1", "production", T0))).isTrue();
  }
}
