package dev.cronmon.dynamodb;

import static dev.cronmon.dynamodb.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.checkin.OpenRun;
import dev.cronmon.domain.incident.Failure;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DueIndexTest extends StoreTestSupport {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private static MonitorEnvironment deadline(String monitorId, Instant nextCheckInLatest) {
    return Fixtures.idleEnvironment(monitorId, "production").toBuilder()
        .nextCheckIn(nextCheckInLatest.minusSeconds(60)).nextCheckInLatest(nextCheckInLatest).build();
  }

  private List<MonitorEnvironment> allDue(Instant now) {
    return store.due(now, 1000);
  }

  @Test
  void due_returnsExactlyTheDueEnvironments_amongMany() {
    Set<String> dueIds = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String id = "mon-" + i;
      MonitorEnvironment env;
      if (i % 29 == 3) { // 7 of 200: i = 3, 32, 61, 90, 119, 148, 177
        env = deadline(id, NOW.minusSeconds(i));
        dueIds.add(id);
      } else if (i % 3 == 0) {
        env = deadline(id, NOW.plusSeconds(1 + i)); // due later
      } else if (i % 3 == 1) {
        env = Fixtures.idleEnvironment(id, "production"); // nothing ever due
      } else {
        env = Fixtures.idleEnvironment(id, "production").toBuilder() // a run timing out later
            .openRuns(List.of(new OpenRun(UUID.randomUUID(), NOW, NOW.plusSeconds(600)))).build();
      }
      assertThat(store.saveEnvironment(env)).isTrue();
    }
    assertThat(dueIds).hasSize(7);

    List<MonitorEnvironment> due = allDue(NOW);
    assertThat(due).extracting(MonitorEnvironment::monitorId).containsExactlyInAnyOrderElementsOf(dueIds);
    assertThat(store.due(NOW, 1000)).extracting(MonitorEnvironment::monitorId).containsExactlyInAnyOrderElementsOf(dueIds);
  }

  @Test
  void due_includesEnvironmentsExactlyAtTheirDeadline_andRunsTimingOut_andUnpublishedEvents() {
    MonitorEnvironment atDeadline = deadline("at", NOW);
    MonitorEnvironment timingOut = Fixtures.idleEnvironment("run", "production").toBuilder()
        .openRuns(List.of(new OpenRun(UUID.randomUUID(), NOW.minusSeconds(1800), NOW.minusSeconds(1)))).build();
    IncidentEvent event = new IncidentEvent("e", IncidentEvent.Type.OPENED, "acme", "outbox", "s", "n", "production", "i",
        T0, T0, List.of(new Failure(UUID.randomUUID(), CheckInStatus.MISSED, T0)), null);
    MonitorEnvironment withOutbox = deadline("outbox", NOW.plusSeconds(3600)).toBuilder().outbox(List.of(event)).build();
    MonitorEnvironment justAfter = deadline("after", NOW.plusMillis(1));
    for (MonitorEnvironment e : List.of(atDeadline, timingOut, withOutbox, justAfter)) store.saveEnvironment(e);

    assertThat(allDue(NOW)).containsExactlyInAnyOrder(atDeadline, timingOut, withOutbox);
  }

  @Test
  void due_forgetsAnEnvironment_onceItIsNoLongerDue() {
    MonitorEnvironment v1 = deadline("mon-1", NOW.minusSeconds(5));
    store.saveEnvironment(v1);
    assertThat(allDue(NOW)).containsExactly(v1);

    MonitorEnvironment rescheduled = v1.toBuilder().nextCheckInLatest(NOW.plusSeconds(300)).version(2).build();
    assertThat(store.saveEnvironment(rescheduled)).isTrue();
    assertThat(allDue(NOW)).isEmpty();
    assertThat(allDue(NOW.plusSeconds(300))).containsExactly(rescheduled);

    MonitorEnvironment idle = rescheduled.toBuilder().nextCheckIn(null).nextCheckInLatest(null).version(3).build();
    assertThat(store.saveEnvironment(idle)).isTrue();
    assertThat(allDue(Instant.parse("9999-01-01T00:00:00Z"))).isEmpty();
  }

  @Test
  void dueIndex_isSparse_andSharded() {
    store.saveEnvironment(Fixtures.idleEnvironment("idle", "production"));
    MonitorEnvironment due = deadline("due", NOW);
    store.saveEnvironment(due);

    Map<String, AttributeValue> idleItem = rawEnvironment("idle");
    assertThat(idleItem).doesNotContainKeys("dueShard", "dueAt");
    Map<String, AttributeValue> dueItem = rawEnvironment("due");
    assertThat(dueItem.get("dueShard").s()).isEqualTo("DUE#" + store.dueShard("due", "production"));
    assertThat(dueItem.get("dueAt").s()).isEqualTo("2025-06-01T12:00:00.000Z");

    Set<Integer> shards = new HashSet<>();
    for (int i = 0; i < 200; i++) shards.add(store.dueShard(UUID.randomUUID().toString(), "production"));
    assertThat(shards).hasSize(DynamoCronStore.DEFAULT_DUE_SHARDS);
    assertThat(new DynamoCronStore(client, table, 4).dueShard("x", "production")).isBetween(0, 3);
  }

  @Test
  void due_respectsTheLimit_earliestFirst() {
    DynamoCronStore oneShard = new DynamoCronStore(client, table, 1);
    for (int i = 0; i < 10; i++) oneShard.saveEnvironment(deadline("mon-" + i, NOW.minusSeconds(100 - i)));
    assertThat(oneShard.due(NOW, 3)).extracting(MonitorEnvironment::monitorId).containsExactly("mon-0", "mon-1", "mon-2");
  }

  private Map<String, AttributeValue> rawEnvironment(String monitorId) {
    return client.getItem(b -> b.tableName(table).key(Map.of(
        "PK", AttributeValue.fromS("MON#" + monitorId), "SK", AttributeValue.fromS("ENV#production")))).item();
  }
}
