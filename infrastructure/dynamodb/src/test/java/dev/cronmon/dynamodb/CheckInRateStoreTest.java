package dev.cronmon.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.checkin.CheckInRate;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/** Local integration (DynamoDB Local): the environment's per-minute check-in count is stored with it, additively. */
class CheckInRateStoreTest extends StoreTestSupport {

  private Map<String, AttributeValue> rawItem(String monitorId, String name) {
    return client.getItem(GetItemRequest.builder().tableName(table).consistentRead(true)
        .key(Keys.environment(monitorId, name)).build()).item();
  }

  @Test
  void checkInRate_roundTrips_withTheEnvironment() {
    CheckInRate rate = new CheckInRate(Instant.parse("2026-03-02T10:00:00Z"), 17);
    MonitorEnvironment env = Fixtures.fullEnvironment("mon-rate", "production").toBuilder().checkInRate(rate).build();

    store.saveEnvironment(env);

    assertThat(store.environment("mon-rate", "production")).contains(env);
    assertThat(rawItem("mon-rate", "production").get("checkInRate").m())
        .containsEntry("minute", AttributeValue.fromS("2026-03-02T10:00:00Z"))
        .containsEntry("count", AttributeValue.fromN("17"));
  }

  @Test
  void environmentWithoutCount_omitsTheAttribute_andReadsBackAsNone() {
    MonitorEnvironment env = Fixtures.idleEnvironment("mon-rate", "staging");

    store.saveEnvironment(env);

    assertThat(rawItem("mon-rate", "staging")).doesNotContainKey("checkInRate");
    assertThat(store.environment("mon-rate", "staging").orElseThrow().checkInRate()).isEqualTo(CheckInRate.NONE);
  }
}
