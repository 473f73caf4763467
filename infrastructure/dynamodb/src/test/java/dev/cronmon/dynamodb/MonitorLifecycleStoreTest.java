package dev.cronmon.dynamodb;

import static dev.cronmon.dynamodb.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.incident.Failure;
import dev.cronmon.domain.incident.ResolvedIncident;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorPing;
import dev.cronmon.domain.tenant.ApiToken;
import dev.cronmon.domain.tenant.PingKey;
import dev.cronmon.domain.tenant.DsnKey;
import dev.cronmon.domain.tenant.Scope;
import dev.cronmon.domain.store.CheckInRead;
import dev.cronmon.domain.store.Credential;
import dev.cronmon.domain.store.MonitorRead;
import dev.cronmon.domain.store.Page;
import dev.cronmon.domain.store.UpdateOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Renaming, deleting and counting monitors and environments, incident history and history ranges. */
class MonitorLifecycleStoreTest extends StoreTestSupport {

  private static Monitor next(Monitor m, String slug) {
    return new Monitor(m.id(), m.organization(), m.projectId(), slug, m.name(), m.status(), m.muted(), m.config(),
        m.dateCreated(), m.configError(), m.version() + 1);
  }

  @Test
  void renameMonitor_movesTheItem_keepingItsId() {
    Monitor original = Fixtures.monitor("acme", "nightly");
    store.putMonitor(original);

    UpdateOutcome outcome = store.renameMonitor(original, next(original, "nightly-backup"));

    assertThat(outcome).isEqualTo(UpdateOutcome.UPDATED);
    assertThat(store.monitor("acme", "nightly")).isEmpty();
    assertThat(store.monitor("acme", "nightly-backup")).hasValueSatisfying(m -> {
      assertThat(m.id()).isEqualTo(original.id());
      assertThat(m.version()).isEqualTo(2);
    });
  }

  @Test
  void renameMonitor_reportsSlugTaken_andStale_writingNothing() {
    Monitor a = Fixtures.monitor("acme", "a");
    Monitor b = Fixtures.monitor("acme", "b");
    store.putMonitor(a);
    store.putMonitor(b);
    store.replaceMonitor(a.withVersion(2));

    UpdateOutcome taken = store.renameMonitor(a.withVersion(2), next(a.withVersion(2), "b"));
    UpdateOutcome stale = store.renameMonitor(a, next(a, "c"));

    assertThat(taken).isEqualTo(UpdateOutcome.SLUG_TAKEN);
    assertThat(stale).isEqualTo(UpdateOutcome.STALE);
    assertThat(store.monitor("acme", "a")).contains(a.withVersion(2));
    assertThat(store.monitor("acme", "b")).contains(b);
    assertThat(store.monitor("acme", "c")).isEmpty();
  }

  @Test
  void deleteMonitor_onlyAtTheStoredVersion() {
    Monitor m = Fixtures.monitor("acme", "nightly");
    store.putMonitor(m);
    store.replaceMonitor(m.withVersion(2));

    boolean stale = store.deleteMonitor(m);
    boolean current = store.deleteMonitor(m.withVersion(2));

    assertThat(stale).isFalse();
    assertThat(current).isTrue();
    assertThat(store.monitor("acme", "nightly")).isEmpty();
  }

  @Test
  void monitorsById_readsTheRefsCopy_keptInStepByReplaceAndRename() {
    // GIVEN a monitor created, then muted (replace), then renamed
    Monitor created = Fixtures.monitor("acme", "nightly");
    store.putMonitor(created);
    Monitor muted = new Monitor(created.id(), "acme", created.projectId(), "nightly", created.name(), created.status(),
        !created.muted(), created.config(), created.dateCreated(), null, 2);
    assertThat(store.replaceMonitor(muted)).isTrue();
    Monitor renamed = new Monitor(created.id(), "acme", created.projectId(), "nightly-v2", created.name(), created.status(),
        muted.muted(), created.config(), created.dateCreated(), null, 3);
    assertThat(store.renameMonitor(muted, renamed)).isEqualTo(UpdateOutcome.UPDATED);

    // WHEN the sweeper's lookup by id runs
    Map<String, Monitor> found = store.monitorsById(List.of(created.id(), "no-such-id"));

    // THEN it answers the monitor as stored now, from the ref alone
    assertThat(found).containsExactly(Map.entry(created.id(), renamed));
    assertThat(store.monitor("acme", "nightly-v2")).contains(renamed);
  }

  @Test
  void replaceMonitor_onAStaleVersion_changesNeitherTheMonitorNorItsCopy() {
    Monitor m = Fixtures.monitor("acme", "nightly");
    store.putMonitor(m);
    assertThat(store.replaceMonitor(m.withVersion(2))).isTrue();

    boolean stale = store.replaceMonitor(m.withConfigError("other").withVersion(2));

    assertThat(stale).isFalse();
    assertThat(store.monitorsById(List.of(m.id())).get(m.id())).isEqualTo(m.withVersion(2));
  }

  @Test
  void monitorForCheckIn_readsTheEnvironmentInTheSameRequest_onceTheMonitorsIdIsKnown() {
    // GIVEN a monitor with an environment, created through one store (one function instance) and read through another
    Monitor m = Fixtures.monitor("acme", "nightly");
    store.putMonitor(m);
    MonitorEnvironment production = Fixtures.idleEnvironment(m.id(), "production");
    store.saveEnvironment(production);
    CapacityMeter meter = new CapacityMeter();
    DynamoCronStore metered = metered(meter);

    // WHEN a check-in reads it the first time, then again, then for an environment not created yet
    MonitorRead first = metered.monitorForCheckIn("acme", "nightly", "production").orElseThrow();
    long firstRequests = meter.requests();
    MonitorRead second = metered.monitorForCheckIn("acme", "nightly", "production").orElseThrow();
    long secondRequests = meter.requests() - firstRequests;
    MonitorRead fresh = metered.monitorForCheckIn("acme", "nightly", "staging").orElseThrow();

    // THEN the first read learns the id (the monitor, then its environment), later ones read both in one request
    assertThat(first).isEqualTo(new MonitorRead(m, "production", Optional.of(production)));
    assertThat(firstRequests).isEqualTo(2);
    assertThat(second).isEqualTo(new MonitorRead(m, "production", Optional.of(production)));
    assertThat(secondRequests).isEqualTo(1);
    assertThat(fresh).isEqualTo(new MonitorRead(m, "staging", Optional.empty()));
    // AND the store that created the monitor knows its id from the start
    assertThat(store.monitorForCheckIn("acme", "nightly", "production")).contains(new MonitorRead(m, "production", Optional.of(production)));
  }

  @Test
  void checkInRead_isOneRequest_holdingTheCredentialMonitorEnvironmentAndCheckIn_onceTheIdsAreKnown() {
    // GIVEN a monitor with an environment and an open run, a token and a DSN key, read through another instance
    Monitor m = Fixtures.monitor("acme", "nightly");
    store.putMonitor(m);
    MonitorEnvironment production = Fixtures.idleEnvironment(m.id(), "production");
    store.saveEnvironment(production);
    CheckIn run = Fixtures.checkIn(m.id(), "production", T0);
    store.saveCheckIn(run);
    ApiToken token = new ApiToken("t1", "acme", "a".repeat(64), Set.of(Scope.WRITE), "ci", Instant.EPOCH);
    store.putToken(token);
    store.putDsnKey(new DsnKey("pub-1", m.projectId(), "acme", "Default", false, Instant.EPOCH));
    CapacityMeter meter = new CapacityMeter();
    DynamoCronStore metered = metered(meter);
    MonitorRead everything = new MonitorRead(m, "production", Optional.of(production), run.id(), Optional.of(run));

    // WHEN a token's check-in reads twice, and a DSN key's twice
    CheckInRead tokenFirst = metered.checkInRead(Credential.token(token.sha256()), "acme", "nightly", "production", run.id());
    long afterTokenFirst = meter.requests();
    CheckInRead tokenSecond = metered.checkInRead(Credential.token(token.sha256()), "acme", "nightly", "production", run.id());
    long afterTokenSecond = meter.requests();
    CheckInRead keySecond = metered.checkInRead(Credential.dsnKey("pub-1"), null, "nightly", "production", run.id());
    long afterKey = meter.requests();

    // THEN the first learns the monitor's id (credential, monitor and check-in in one request; the environment is left
    // to the check-in), and every later read is one request holding all of it
    assertThat(afterTokenFirst).isEqualTo(1);
    assertThat(tokenFirst.token()).contains(token);
    assertThat(tokenFirst.monitor()).isEqualTo(new MonitorRead(m, null, Optional.empty(), run.id(), Optional.of(run)));
    assertThat(afterTokenSecond - afterTokenFirst).isEqualTo(1);
    assertThat(tokenSecond.monitor()).isEqualTo(everything);
    // (the DSN key's organization is not known to this instance yet: its first read holds the key only)
    assertThat(afterKey - afterTokenSecond).isEqualTo(1);
    assertThat(keySecond.monitor()).isNull();
    CheckInRead keyThird = metered.checkInRead(Credential.dsnKey("pub-1"), null, "nightly", "production", run.id());
    assertThat(meter.requests() - afterKey).isEqualTo(1);
    assertThat(keyThird.monitor()).isEqualTo(everything);

    // AND a key revoked by another instance is read revoked by the very next request
    store.deleteDsnKey(keyThird.dsnKey().orElseThrow());
    assertThat(metered.checkInRead(Credential.dsnKey("pub-1"), null, "nightly", "production", null).dsnKey()).isEmpty();
  }

  @Test
  void checkInRead_ofAPing_isOneRequest_holdingTheAddressMonitorAndEnvironment_afterTheFirst() {
    // GIVEN a monitor with an environment, its ping UUID and its project's ping key, read through another instance
    Monitor m = Fixtures.monitor("acme", "nightly");
    store.putMonitor(m);
    MonitorEnvironment production = Fixtures.idleEnvironment(m.id(), "production");
    store.saveEnvironment(production);
    MonitorPing ping = new MonitorPing(UUID.randomUUID(), "acme", m.id(), T0);
    store.putMonitorPing(ping);
    PingKey key = new PingKey("k".repeat(22), "acme", m.projectId(), T0);
    store.putPingKey(key);
    CapacityMeter meter = new CapacityMeter();
    DynamoCronStore metered = metered(meter);
    MonitorRead everything = new MonitorRead(m, "production", Optional.of(production));

    // WHEN each address is read twice
    CheckInRead uuidFirst = metered.checkInRead(Credential.pingId(ping.pingId()), null, null, "production", null);
    long afterUuidFirst = meter.requests();
    CheckInRead uuidSecond = metered.checkInRead(Credential.pingId(ping.pingId()), null, null, "production", null);
    long afterUuidSecond = meter.requests();
    CheckInRead keyFirst = metered.checkInRead(Credential.pingKey(key.key()), null, "nightly", "production", null);
    CheckInRead keySecond = metered.checkInRead(Credential.pingKey(key.key()), null, "nightly", "production", null);

    // THEN the first read of an address finds it alone (its monitor is not known yet), and every later one is one
    // request holding the address, the monitor and its environment
    assertThat(afterUuidFirst).isEqualTo(1);
    assertThat(uuidFirst.monitorPing()).contains(ping);
    assertThat(uuidFirst.monitor()).isNull();
    assertThat(afterUuidSecond - afterUuidFirst).isEqualTo(1);
    assertThat(uuidSecond.monitor()).isEqualTo(everything);
    assertThat(keyFirst.pingKey()).contains(key);
    assertThat(keySecond.monitor()).isEqualTo(everything);
    assertThat(meter.requests() - afterUuidSecond).isEqualTo(2);
  }

  @Test
  void monitorForCheckIn_neverAnswersAnotherMonitorsEnvironment_whenTheSlugWasCreatedAgain() {
    // GIVEN a monitor whose id this store knows, deleted and created again under the same slug by another instance
    Monitor before = Fixtures.monitor("acme", "nightly");
    store.putMonitor(before);
    store.saveEnvironment(Fixtures.idleEnvironment(before.id(), "production"));
    DynamoCronStore other = new DynamoCronStore(client, table);
    other.deleteMonitor(before);
    Monitor after = Fixtures.monitor("acme", "nightly");
    other.putMonitor(after);

    // WHEN read again, and once more
    MonitorRead stale = store.monitorForCheckIn("acme", "nightly", "production").orElseThrow();
    MonitorRead learned = store.monitorForCheckIn("acme", "nightly", "production").orElseThrow();

    // THEN the old id's environment is not passed off as the new monitor's (the new one has none yet)
    assertThat(stale).isEqualTo(new MonitorRead(after, "production", Optional.empty()));
    assertThat(learned).isEqualTo(new MonitorRead(after, "production", Optional.empty()));
    // AND a deleted monitor reads as none
    store.deleteMonitor(after);
    assertThat(store.monitorForCheckIn("acme", "nightly", "production")).isEmpty();
  }

  @Test
  void deleteMonitor_removesItsAlertRule_andLeavesOtherMonitorsRules() {
    // GIVEN two monitors, each with an alert rule
    Monitor deleted = Fixtures.monitor("acme", "nightly");
    Monitor kept = Fixtures.monitor("acme", "hourly");
    store.putMonitor(deleted);
    store.putMonitor(kept);
    AlertRule rule = new AlertRule(List.of("c1"), Map.of(), 1);
    store.saveAlertRule(AlertRule.Owner.monitor(deleted.id()), rule);
    store.saveAlertRule(AlertRule.Owner.monitor(kept.id()), rule);

    // WHEN one monitor is deleted
    boolean done = store.deleteMonitor(deleted);

    // THEN its rule went with it (no orphan item), the other's stays
    assertThat(done).isTrue();
    assertThat(store.alertRule(AlertRule.Owner.monitor(deleted.id()))).isEmpty();
    assertThat(store.alertRule(AlertRule.Owner.monitor(kept.id()))).contains(rule);
  }

  @Test
  void countMonitors_andEnvironments_stopAtTheBound() {
    for (int i = 0; i < 7; i++) store.putMonitor(Fixtures.monitor("acme", "job-" + i));
    store.putMonitor(Fixtures.monitor("globex", "job-x"));
    for (int i = 0; i < 3; i++) store.saveEnvironment(Fixtures.idleEnvironment("m1", "env-" + i));

    assertThat(store.countMonitors("acme", 100)).isEqualTo(7);
    assertThat(store.countMonitors("acme", 5)).isEqualTo(5);
    assertThat(store.countMonitors("nobody", 5)).isZero();
    assertThat(store.countEnvironments("m1", 100)).isEqualTo(3);
    assertThat(store.countEnvironments("m1", 2)).isEqualTo(2);
  }

  @Test
  void deleteEnvironment_onlyAtTheStoredVersion() {
    MonitorEnvironment env = Fixtures.idleEnvironment("m1", "production");
    store.saveEnvironment(env);
    MonitorEnvironment v2 = env.toBuilder().version(2).build();
    store.saveEnvironment(v2);

    assertThat(store.deleteEnvironment(env)).isFalse();
    assertThat(store.deleteEnvironment(v2)).isTrue();
    assertThat(store.environment("m1", "production")).isEmpty();
  }

  @Test
  void disabledEnvironment_leavesTheDueIndex_untilEnabled() {
    MonitorEnvironment due = Fixtures.idleEnvironment("m1", "production").toBuilder()
        .nextCheckIn(T0).nextCheckInLatest(T0.plusSeconds(60)).build();
    store.saveEnvironment(due);
    MonitorEnvironment disabled = due.toBuilder().disabled(true).version(2).build();

    store.saveEnvironment(disabled);

    assertThat(rawEnvironment("m1", "production")).doesNotContainKeys("dueAt", "dueShard");
    assertThat(store.due(T0.plusSeconds(3600), 10)).isEmpty();
    store.saveEnvironment(disabled.toBuilder().disabled(false).version(3).build());
    assertThat(rawEnvironment("m1", "production")).containsKeys("dueAt", "dueShard");
  }

  @Test
  void saveEnvironment_withAResolvedIncident_writesBoth_orNeither() {
    MonitorEnvironment env = Fixtures.idleEnvironment("m1", "production");
    store.saveEnvironment(env);
    ResolvedIncident incident = incident("m1", "production", T0);

    boolean stale = store.saveEnvironment(env, incident);
    boolean current = store.saveEnvironment(env.toBuilder().version(2).build(), incident);

    assertThat(stale).isFalse();
    assertThat(current).isTrue();
    assertThat(store.resolvedIncidents("m1", null, null, 10).items()).containsExactly(incident);
    assertThat(store.environment("m1", "production").orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void resolvedIncidents_areNewestFirst_pagedAndFilteredByEnvironment() {
    List<ResolvedIncident> written = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String env = i % 2 == 0 ? "production" : "staging";
      MonitorEnvironment e = store.environment("m1", env).orElse(null);
      MonitorEnvironment nextEnv = e == null ? Fixtures.idleEnvironment("m1", env) : e.toBuilder().version(e.version() + 1).build();
      ResolvedIncident incident = incident("m1", env, T0.plusSeconds(600L * i));
      assertThat(store.saveEnvironment(nextEnv, incident)).isTrue();
      written.add(incident);
    }

    List<ResolvedIncident> all = new ArrayList<>();
    String cursor = null;
    do {
      Page<ResolvedIncident> page = store.resolvedIncidents("m1", null, cursor, 2);
      all.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    List<ResolvedIncident> staging = store.resolvedIncidents("m1", "staging", null, 10).items();

    assertThat(all).containsExactly(written.get(4), written.get(3), written.get(2), written.get(1), written.get(0));
    assertThat(staging).containsExactly(written.get(3), written.get(1));
  }

  @Test
  void deleteResolvedIncidents_removesOnlyThatEnvironment() {
    store.saveEnvironment(Fixtures.idleEnvironment("m1", "production"), incident("m1", "production", T0));
    ResolvedIncident staging = incident("m1", "staging", T0.plusSeconds(5));
    store.saveEnvironment(Fixtures.idleEnvironment("m1", "staging"), staging);

    store.deleteResolvedIncidents("m1", "production");

    assertThat(store.resolvedIncidents("m1", null, null, 10).items()).containsExactly(staging);
  }

  @Test
  void resolvedIncidents_refuseMalformedCursors_asIllegalArgument() {
    assertThatThrownBy(() -> store.resolvedIncidents("m1", null, "not-a-cursor", 10)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void checkIns_inATimeRange_includeFrom_excludeTo() {
    for (int i = 0; i < 6; i++) store.saveCheckIn(Fixtures.checkIn("m1", "production", T0.plusSeconds(60L * i)));
    Instant from = T0.plusSeconds(60);
    Instant to = T0.plusSeconds(240);

    List<Instant> inRange = new ArrayList<>();
    String cursor = null;
    do {
      Page<CheckIn> page = store.checkIns("m1", null, from, to, cursor, 2);
      page.items().forEach(c -> inRange.add(c.dateCreated()));
      cursor = page.nextCursor();
    } while (cursor != null);

    assertThat(inRange).containsExactly(T0.plusSeconds(180), T0.plusSeconds(120), T0.plusSeconds(60));
    assertThat(store.checkIns("m1", "production", T0.plusSeconds(300), null, null, 10).items()).hasSize(1);
    assertThat(store.checkIns("m1", null, null, T0.plusSeconds(60), null, 10).items()).hasSize(1);
    assertThat(store.checkIns("m1", null, to, from, null, 10).items()).isEmpty();
  }

  @Test
  void checkIns_refuseACursorFromOutsideTheRange() {
    for (int i = 0; i < 3; i++) store.saveCheckIn(Fixtures.checkIn("m1", "production", T0.plusSeconds(60L * i)));
    String cursor = store.checkIns("m1", null, null, null, null, 1).nextCursor();

    assertThatThrownBy(() -> store.checkIns("m1", null, T0, T0.plusSeconds(60), cursor, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ResolvedIncident incident(String monitorId, String env, Instant started) {
    return new ResolvedIncident(monitorId, env, UUID.randomUUID().toString(), started, started.plusSeconds(300),
        List.of(new Failure(UUID.randomUUID(), CheckInStatus.MISSED, started)));
  }

  private Map<String, AttributeValue> rawEnvironment(String monitorId, String name) {
    return client.getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("PK", AttributeValue.fromS("MON#" + monitorId), "SK", AttributeValue.fromS("ENV#" + name)))).item();
  }
}
