package dev.cronmon.domain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.alert.Channel;
import dev.cronmon.domain.alert.ChannelConfig;
import dev.cronmon.domain.alert.Delivery;
import dev.cronmon.domain.maintenance.MaintenanceWindow;
import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.checkin.JobOutput;
import dev.cronmon.domain.checkin.RunFacts;
import dev.cronmon.domain.checkin.OpenRun;
import dev.cronmon.domain.incident.Failure;
import dev.cronmon.domain.incident.Incident;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.incident.ResolvedIncident;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorPing;
import dev.cronmon.domain.monitor.Owner;
import dev.cronmon.domain.processing.ErrorCounter;
import dev.cronmon.domain.processing.ErrorList;
import dev.cronmon.domain.processing.ProcessingError;
import dev.cronmon.domain.processing.ProcessingErrorType;
import dev.cronmon.domain.processing.Problem;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.tenant.ApiToken;
import dev.cronmon.domain.tenant.DsnKey;
import dev.cronmon.domain.tenant.Organization;
import dev.cronmon.domain.tenant.BadgeKey;
import dev.cronmon.domain.tenant.PingKey;
import dev.cronmon.domain.tenant.Project;
import dev.cronmon.domain.tenant.Scope;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every implementation of the storage ports keeps, run against each: the in-memory store (this module's
 * {@code InMemoryStoreContractTest}), DynamoDB Local and any DynamoDB-compatible endpoint
 * (infrastructure/dynamodb's {@code DynamoStoreContractTest}). Every port method is here: conditions (create only, on
 * the version, on existence), writes of several items all or nothing, races (one winner), pages across pages, the due
 * index's order and limit, expiry where the store records it, and the separation of organizations.
 */
public abstract class StoreContract {
  protected static final Instant T0 = Instant.parse("2026-03-02T10:00:00.123456Z");
  private static final MonitorConfig HOURLY =
      new MonitorConfig(new CrontabSchedule("0 * * * *"), ZoneOffset.UTC, 1, 30, 1, 1);

  protected CronStore store;

  /** A new, empty store. */
  protected abstract CronStore newStore();

  /** The output item of a check-in, as a record whose expiry {@link #storedExpiry} reads. */
  protected record OutputOf(UUID checkInId) {}

  /**
   * When the store will let {@code record} (a check-in, resolved incident, delivery, or the {@link OutputOf} a check-in)
   * go, if it records that.
   */
  protected abstract Optional<Instant> storedExpiry(Object record);

  @BeforeEach
  void freshStore() {
    store = newStore();
  }

  // --- fixtures ---------------------------------------------------------------------------------------------------

  protected static Monitor monitor(String org, String slug) {
    return new Monitor(UUID.randomUUID().toString(), org, "p-1", slug, "Job " + slug, MonitorStatus.ACTIVE, false, HOURLY, T0,
        null, 1);
  }

  protected static Monitor renamed(Monitor m, String slug) {
    return new Monitor(m.id(), m.organization(), m.projectId(), slug, m.name(), m.status(), m.muted(), m.config(),
        m.dateCreated(), m.configError(), m.version() + 1);
  }

  protected static MonitorEnvironment environment(String monitorId, String name) {
    return MonitorEnvironment.fresh(monitorId, name, T0).toBuilder().version(1).build();
  }

  protected static MonitorEnvironment next(MonitorEnvironment env) {
    return env.toBuilder().okStreak(env.okStreak() + 1).version(env.version() + 1).build();
  }

  /** An environment whose deadline is {@code dueAt}. */
  protected static MonitorEnvironment dueAt(String monitorId, Instant dueAt) {
    return environment(monitorId, "production").toBuilder().nextCheckIn(dueAt.minusSeconds(60)).nextCheckInLatest(dueAt).build();
  }

  protected static CheckIn checkIn(String monitorId, String environment, Instant created) {
    return new CheckIn(UUID.randomUUID(), monitorId, "p-1", environment, CheckInStatus.IN_PROGRESS, null, created, created,
        created.minusSeconds(5), created.plusSeconds(1800), HOURLY, null, 1);
  }

  protected static CheckIn withVersion(CheckIn c, long version) {
    return new CheckIn(c.id(), c.monitorId(), c.projectId(), c.environment(), c.status(), c.durationMs(), c.dateCreated(),
        c.dateUpdated(), c.expectedTime(), c.timeoutAt(), c.monitorConfig(), c.traceId(), version);
  }

  protected static ResolvedIncident incident(String monitorId, String environment, Instant started) {
    return new ResolvedIncident(monitorId, environment, "inc-" + UUID.randomUUID(), started, started.plusSeconds(600),
        List.of(new Failure(UUID.randomUUID(), CheckInStatus.MISSED, started)));
  }

  protected static Project project(String org, String id, String slug) {
    return new Project(id, org, slug, "Project " + slug, T0);
  }

  protected static Channel channel(String org, String id) {
    return new Channel(id, org, "ops " + id, new ChannelConfig.Webhook("https://example.com/" + id), "whsec_" + id, T0, null,
        null, null, false, 1);
  }

  // --- TenantStore ------------------------------------------------------------------------------------------------

  @Test
  void organization_isCreatedOnce_replacedOnlyWhenItExists() {
    Organization acme = new Organization("acme", "Acme", T0, null, null);
    assertThat(store.putOrganization(acme)).isTrue();
    assertThat(store.putOrganization(new Organization("acme", "Other", T0, 1, 1))).isFalse();
    assertThat(store.organization("acme")).contains(acme);

    Organization limited = new Organization("acme", "Acme Inc", T0, 10, 3);
    assertThat(store.replaceOrganization(limited)).isTrue();
    assertThat(store.organization("acme")).contains(limited);
    assertThat(store.replaceOrganization(new Organization("nobody", "Nobody", T0, null, null))).isFalse();
    assertThat(store.organization("nobody")).isEmpty();
  }

  @Test
  void projects_areUniqueByIdAndBySlugInTheirOrganization_andListedPerOrganization() {
    Project one = project("acme", "1", "backend");
    assertThat(store.putProject(one)).isTrue();
    assertThat(store.putProject(project("acme", "1", "other"))).as("id taken").isFalse();
    assertThat(store.putProject(project("acme", "2", "backend"))).as("slug taken").isFalse();
    assertThat(store.project("2")).as("nothing of the refused project written").isEmpty();
    assertThat(store.putProject(project("globex", "3", "backend"))).as("same slug, other organization").isTrue();
    assertThat(store.putProject(project("acme", "4", "frontend"))).isTrue();

    assertThat(store.project("1")).contains(one);
    assertThat(store.projects("acme")).extracting(Project::id).containsExactly("1", "4");
    assertThat(store.projects("globex")).extracting(Project::id).containsExactly("3");
    assertThat(store.projects("initech")).isEmpty();
  }

  @Test
  void updateProject_movesItsSlug_orSaysWhyNot() {
    Project backend = project("acme", "1", "backend");
    store.putProject(backend);
    store.putProject(project("acme", "2", "frontend"));

    Project api = new Project("1", "acme", "api", "API", T0);
    assertThat(store.updateProject(backend, api)).isEqualTo(UpdateOutcome.UPDATED);
    assertThat(store.project("1")).contains(api);
    assertThat(store.projects("acme")).contains(api);
    assertThat(store.putProject(project("acme", "9", "backend"))).as("the old slug is free again").isTrue();

    assertThat(store.updateProject(api, new Project("1", "acme", "frontend", "API", T0))).isEqualTo(UpdateOutcome.SLUG_TAKEN);
    assertThat(store.updateProject(backend, new Project("1", "acme", "web", "Web", T0))).as("read before the rename")
        .isEqualTo(UpdateOutcome.STALE);
    assertThat(store.project("1")).contains(api);
    assertThatThrownBy(() -> store.updateProject(api, new Project("2", "acme", "api", "API", T0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deleteProject_freesItsSlug_once() {
    Project backend = project("acme", "1", "backend");
    store.putProject(backend);

    assertThat(store.deleteProject(backend)).isTrue();
    assertThat(store.deleteProject(backend)).isFalse();
    assertThat(store.project("1")).isEmpty();
    assertThat(store.projects("acme")).isEmpty();
    assertThat(store.putProject(project("acme", "2", "backend"))).isTrue();
  }

  // --- CredentialStore --------------------------------------------------------------------------------------------

  @Test
  void dsnKeys_areCreatedOnce_listedOldestFirst_andStopWorkingWhenDeleted() {
    DsnKey newer = new DsnKey("pub-2", "1", "acme", "CI", false, T0.plusSeconds(10));
    DsnKey older = new DsnKey("pub-1", "1", "acme", "Default", false, T0);
    assertThat(store.putDsnKey(newer)).isTrue();
    assertThat(store.putDsnKey(older)).isTrue();
    assertThat(store.putDsnKey(new DsnKey("pub-1", "2", "acme", "again", false, T0))).isFalse();
    assertThat(store.putDsnKey(new DsnKey("pub-3", "2", "acme", "other project", false, T0))).isTrue();

    assertThat(store.dsnKey("pub-1")).contains(older);
    assertThat(store.dsnKeys("1")).containsExactly(older, newer);

    assertThat(store.deleteDsnKey(older)).isTrue();
    assertThat(store.deleteDsnKey(older)).isFalse();
    assertThat(store.dsnKey("pub-1")).isEmpty();
    assertThat(store.dsnKeys("1")).containsExactly(newer);
  }

  @Test
  void tokens_areFoundByHash_andById_listedOldestFirstPerOrganization_andRevokedAtOnce() {
    ApiToken admin = new ApiToken("t1", "acme", "a".repeat(64), Set.of(Scope.ADMIN, Scope.WRITE), "admin", T0);
    ApiToken read = new ApiToken("t2", "acme", "b".repeat(64), Set.of(Scope.READ), "read", T0.plusSeconds(1));
    ApiToken other = new ApiToken("t3", "globex", "c".repeat(64), Set.of(Scope.READ), "theirs", T0);
    assertThat(store.putToken(read)).isTrue();
    assertThat(store.putToken(admin)).isTrue();
    assertThat(store.putToken(other)).isTrue();
    assertThat(store.putToken(new ApiToken("t4", "acme", "a".repeat(64), Set.of(), "same hash", T0))).isFalse();
    assertThat(store.putToken(new ApiToken("t1", "acme", "d".repeat(64), Set.of(), "same id", T0))).isFalse();
    assertThat(store.tokenByHash("d".repeat(64))).as("nothing of a refused token written").isEmpty();

    assertThat(store.tokenByHash("a".repeat(64))).contains(admin);
    assertThat(store.token("acme", "t2")).contains(read);
    assertThat(store.token("globex", "t2")).as("another organization's id").isEmpty();
    assertThat(store.tokens("acme")).containsExactly(admin, read);

    assertThat(store.deleteToken(admin)).isTrue();
    assertThat(store.deleteToken(admin)).isFalse();
    assertThat(store.tokenByHash("a".repeat(64))).isEmpty();
    assertThat(store.token("acme", "t1")).isEmpty();
    assertThat(store.tokens("globex")).containsExactly(other);
  }

  // --- MonitorStore -----------------------------------------------------------------------------------------------

  @Test
  void putMonitor_createsOnce_perSlugAndOrganization() {
    Monitor nightly = monitor("acme", "nightly");
    assertThat(store.putMonitor(nightly)).isTrue();
    assertThat(store.putMonitor(monitor("acme", "nightly"))).isFalse();
    assertThat(store.putMonitor(monitor("globex", "nightly"))).isTrue();

    assertThat(store.monitor("acme", "nightly")).contains(nightly);
    assertThat(store.monitor("globex", "nightly")).isPresent().get().isNotEqualTo(nightly);
    assertThat(store.monitorsById(List.of(nightly.id()))).containsExactly(Map.entry(nightly.id(), nightly));
  }

  @Test
  void replaceMonitor_writesOnlyOnTheStoredVersion_andMonitorsByIdSeesIt() {
    Monitor v1 = monitor("acme", "nightly");
    store.putMonitor(v1);
    Monitor v2 = v1.withConfigError("schedule: invalid").withVersion(2);

    assertThat(store.replaceMonitor(v2)).isTrue();
    assertThat(store.replaceMonitor(v1.withConfig(HOURLY).withVersion(2))).as("version 2 exists").isFalse();
    assertThat(store.replaceMonitor(monitor("acme", "absent").withVersion(2))).isFalse();
    assertThatThrownBy(() -> store.replaceMonitor(v1)).isInstanceOf(IllegalArgumentException.class);

    assertThat(store.monitor("acme", "nightly")).contains(v2);
    assertThat(store.monitorsById(List.of(v1.id(), "unknown"))).containsExactly(Map.entry(v1.id(), v2));
  }

  @Test
  void renameMonitor_movesTheSlug_orSaysWhyNot_writingNothingThen() {
    Monitor nightly = monitor("acme", "nightly");
    Monitor hourly = monitor("acme", "hourly");
    store.putMonitor(nightly);
    store.putMonitor(hourly);

    assertThat(store.renameMonitor(nightly, renamed(nightly, "hourly"))).isEqualTo(UpdateOutcome.SLUG_TAKEN);
    assertThat(store.monitor("acme", "nightly")).contains(nightly);
    Monitor daily = renamed(nightly, "daily");
    assertThat(store.renameMonitor(nightly, daily)).isEqualTo(UpdateOutcome.UPDATED);
    assertThat(store.renameMonitor(nightly, renamed(nightly, "weekly"))).isEqualTo(UpdateOutcome.STALE);

    assertThat(store.monitor("acme", "nightly")).isEmpty();
    assertThat(store.monitor("acme", "weekly")).isEmpty();
    assertThat(store.monitor("acme", "daily")).contains(daily);
    assertThat(store.monitorsById(List.of(nightly.id()))).containsExactly(Map.entry(nightly.id(), daily));
    assertThatThrownBy(() -> store.renameMonitor(daily, renamed(daily, "x").withVersion(9))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deleteMonitor_onItsVersion_takesItsAlertRuleAlong() {
    Monitor nightly = monitor("acme", "nightly");
    Monitor kept = monitor("acme", "kept");
    store.putMonitor(nightly);
    store.putMonitor(kept);
    AlertRule rule = new AlertRule(List.of("c1"), Map.of(), 1);
    store.saveAlertRule(AlertRule.Owner.monitor(nightly.id()), rule);
    store.saveAlertRule(AlertRule.Owner.monitor(kept.id()), rule);

    assertThat(store.deleteMonitor(nightly.withVersion(2))).isFalse();
    assertThat(store.alertRule(AlertRule.Owner.monitor(nightly.id()))).as("nothing deleted").contains(rule);
    assertThat(store.deleteMonitor(nightly)).isTrue();
    assertThat(store.deleteMonitor(nightly)).isFalse();

    assertThat(store.monitor("acme", "nightly")).isEmpty();
    assertThat(store.monitorsById(List.of(nightly.id()))).isEmpty();
    assertThat(store.alertRule(AlertRule.Owner.monitor(nightly.id()))).isEmpty();
    assertThat(store.alertRule(AlertRule.Owner.monitor(kept.id()))).contains(rule);
    assertThat(store.putMonitor(monitor("acme", "nightly"))).as("the slug is free again").isTrue();
  }

  @Test
  void monitors_areListedInSlugOrder_pageByPage_perOrganization() {
    List<String> slugs = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      slugs.add("job-" + i);
      store.putMonitor(monitor("acme", "job-" + i));
    }
    store.putMonitor(monitor("globex", "job-9"));

    List<String> read = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String cursor = null;
    do {
      Page<Monitor> page = store.monitors("acme", cursor, 3);
      page.items().forEach(m -> read.add(m.slug()));
      sizes.add(page.items().size());
      cursor = page.nextCursor();
    } while (cursor != null);

    assertThat(read).isEqualTo(slugs);
    assertThat(sizes).containsExactly(3, 3, 1);
    assertThat(store.monitors("acme", null, 7).nextCursor()).as("no empty last page").isNull();
    assertThat(store.monitors("initech", null, 10).items()).isEmpty();
    assertThatThrownBy(() -> store.monitors("acme", "not-a-cursor", 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.monitors("acme", null, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void countMonitors_andProjectHasMonitors_countNoFurtherThanAsked() {
    for (int i = 0; i < 5; i++) store.putMonitor(monitor("acme", "job-" + i));
    Monitor other = new Monitor(UUID.randomUUID().toString(), "acme", "p-2", "other", "Other", MonitorStatus.ACTIVE, false,
        HOURLY, T0, null, 1);
    store.putMonitor(other);

    assertThat(store.countMonitors("acme", 100)).isEqualTo(6);
    assertThat(store.countMonitors("acme", 4)).isEqualTo(4);
    assertThat(store.countMonitors("globex", 100)).isZero();
    assertThat(store.projectHasMonitors("acme", "p-2")).isTrue();
    assertThat(store.projectHasMonitors("acme", "p-3")).isFalse();
    assertThat(store.projectHasMonitors("globex", "p-1")).isFalse();
  }

  @Test
  void monitorForCheckIn_readsTheMonitorWithItsEnvironmentAsStored() {
    Monitor nightly = monitor("acme", "nightly");
    store.putMonitor(nightly);
    MonitorEnvironment production = environment(nightly.id(), "production");
    store.saveEnvironment(production);

    for (int read = 0; read < 2; read++) { // a store may answer a repeated read differently (DynamoDB: one request)
      assertThat(store.monitorForCheckIn("acme", "nightly", "production"))
          .contains(new MonitorRead(nightly, "production", Optional.of(production)));
      assertThat(store.monitorForCheckIn("acme", "nightly", "staging"))
          .contains(new MonitorRead(nightly, "staging", Optional.empty()));
    }
    MonitorRead holding = store.monitorForCheckIn("acme", "nightly", "production").orElseThrow();
    assertThat(holding.holds("production")).isTrue();
    assertThat(holding.holds("staging")).isFalse();
    assertThat(store.monitorForCheckIn("acme", "missing", "production")).isEmpty();
    assertThat(store.monitorForCheckIn("globex", "nightly", "production")).isEmpty();
  }

  @Test
  void checkInRead_findsTheCredentialNeverCached_andTheMonitorWithItsEnvironmentAndCheckIn_asStored() {
    // GIVEN a monitor with an environment and a check-in, a token and a DSN key of its organization
    Monitor nightly = monitor("acme", "nightly");
    store.putMonitor(nightly);
    MonitorEnvironment production = environment(nightly.id(), "production");
    store.saveEnvironment(production);
    CheckIn run = checkIn(nightly.id(), "production", T0);
    store.saveCheckIn(run);
    ApiToken token = new ApiToken("t1", "acme", "a".repeat(64), Set.of(Scope.WRITE), "ci", T0);
    store.putToken(token);
    DsnKey key = new DsnKey("pub-1", nightly.projectId(), "acme", "Default", false, T0);
    store.putDsnKey(key);
    MonitorRead everything = new MonitorRead(nightly, "production", Optional.of(production), run.id(), Optional.of(run));

    for (int read = 0; read < 3; read++) {
      // WHEN a check-in reads with each credential (a store may hold less on a first read, never something else)
      CheckInRead byToken = store.checkInRead(Credential.token(token.sha256()), "acme", "nightly", "production", run.id());
      CheckInRead byKey = store.checkInRead(Credential.dsnKey("pub-1"), null, "nightly", "production", run.id());

      // THEN the credential is found, and the monitor is this one with what it holds as stored
      assertThat(byToken.token()).contains(token);
      assertThat(byToken.dsnKey()).isEmpty();
      assertThat(byToken.holds(Credential.token(token.sha256()))).isTrue();
      assertThat(byKey.dsnKey()).contains(key);
      assertThat(byKey.token()).isEmpty();
      for (CheckInRead r : List.of(byToken, byKey)) {
        if (r.monitor() == null) continue;
        assertThat(r.monitor().monitor()).isEqualTo(nightly);
        if (r.monitor().holds("production")) assertThat(r.monitor().environment()).contains(production);
        if (r.monitor().holdsCheckIn(run.id())) assertThat(r.monitor().checkIn()).contains(run);
      }
    }
    // AND once the store has read them, one read holds everything
    assertThat(store.checkInRead(Credential.token(token.sha256()), "acme", "nightly", "production", run.id()).monitor())
        .isEqualTo(everything);
    assertThat(store.checkInRead(Credential.dsnKey("pub-1"), null, "nightly", "production", run.id()).monitor())
        .isEqualTo(everything);
    // AND an environment or a check-in that does not exist is held as absent
    MonitorRead none = store.checkInRead(Credential.token(token.sha256()), "acme", "nightly", "staging", UUID.randomUUID()).monitor();
    if (none != null && none.holds("staging")) assertThat(none.environment()).isEmpty();
    if (none != null && none.checkInId() != null) assertThat(none.checkIn()).isEmpty();

    // WHEN the credentials are revoked, a monitor is unknown, a key is not the organization's
    store.deleteToken(token);
    store.deleteDsnKey(key);
    store.putDsnKey(new DsnKey("pub-9", "p-9", "globex", "theirs", false, T0));
    store.putMonitor(monitor("globex", "other"));

    // THEN the very next read finds no credential, and never another organization's monitor
    assertThat(store.checkInRead(Credential.token(token.sha256()), "acme", "nightly", "production", null).token()).isEmpty();
    assertThat(store.checkInRead(Credential.dsnKey("pub-1"), null, "nightly", "production", null).dsnKey()).isEmpty();
    assertThat(store.checkInRead(Credential.token(token.sha256()), "acme", "missing", "production", null).monitor()).isNull();
    for (int read = 0; read < 2; read++) {
      CheckInRead theirs = store.checkInRead(Credential.dsnKey("pub-9"), null, "nightly", "production", null);
      assertThat(theirs.dsnKey()).isPresent();
      assertThat(theirs.monitor()).isNull(); // globex has no monitor "nightly"
    }
    assertThat(store.checkInRead(Credential.dsnKey("no#such"), null, "nightly", "production", null).dsnKey()).isEmpty();
  }

  @Test
  void checkInRead_ofAPing_findsItsAddressAndTheMonitorItNames_andARotatedOneAtOnceNoMore() {
    // GIVEN a monitor with an environment, its ping UUID, and its project's ping key
    Monitor nightly = monitor("acme", "nightly");
    store.putMonitor(nightly);
    MonitorEnvironment production = environment(nightly.id(), "production");
    store.saveEnvironment(production);
    MonitorPing ping = new MonitorPing(UUID.randomUUID(), "acme", nightly.id(), T0);
    store.putMonitorPing(ping);
    PingKey key = new PingKey("k".repeat(22), "acme", nightly.projectId(), T0);
    store.putPingKey(key);

    for (int read = 0; read < 3; read++) {
      // WHEN a ping by UUID and one by key and slug read (a store may hold less on a first read, never something else)
      CheckInRead byUuid = store.checkInRead(Credential.pingId(ping.pingId()), null, null, "production", null);
      CheckInRead byKey = store.checkInRead(Credential.pingKey(key.key()), null, "nightly", "production", null);

      // THEN each finds its address, and the monitor it names with its environment as stored
      assertThat(byUuid.monitorPing()).contains(ping);
      assertThat(byKey.pingKey()).contains(key);
      for (CheckInRead r : List.of(byUuid, byKey)) {
        if (r.monitor() == null) continue;
        assertThat(r.monitor().monitor()).isEqualTo(nightly);
        if (r.monitor().holds("production")) assertThat(r.monitor().environment()).contains(production);
      }
    }
    MonitorRead everything = new MonitorRead(nightly, "production", Optional.of(production));
    assertThat(store.checkInRead(Credential.pingId(ping.pingId()), null, null, "production", null).monitor()).isEqualTo(everything);
    assertThat(store.checkInRead(Credential.pingKey(key.key()), null, "nightly", "production", null).monitor()).isEqualTo(everything);

    // WHEN the UUID is rotated and the key deleted
    MonitorPing rotated = new MonitorPing(UUID.randomUUID(), "acme", nightly.id(), T0.plusSeconds(1));
    assertThat(store.replaceMonitorPing(ping, rotated)).isTrue();
    assertThat(store.deletePingKey(key)).isTrue();

    // THEN the very next reads find neither, and no monitor through them
    CheckInRead old = store.checkInRead(Credential.pingId(ping.pingId()), null, null, "production", null);
    assertThat(old.monitorPing()).isEmpty();
    assertThat(old.monitor()).isNull();
    CheckInRead gone = store.checkInRead(Credential.pingKey(key.key()), null, "nightly", "production", null);
    assertThat(gone.pingKey()).isEmpty();
    assertThat(gone.monitor()).isNull();
    assertThat(store.checkInRead(Credential.pingId(rotated.pingId()), null, null, "production", null).monitorPing()).contains(rotated);
  }

  @Test
  void monitorForCheckIn_afterTheSlugWasCreatedAgain_neverAnswersTheOldMonitorsEnvironment() {
    Monitor before = monitor("acme", "nightly");
    store.putMonitor(before);
    store.saveEnvironment(environment(before.id(), "production"));
    store.monitorForCheckIn("acme", "nightly", "production");
    store.deleteMonitor(before);
    Monitor after = monitor("acme", "nightly");
    store.putMonitor(after);

    assertThat(store.monitorForCheckIn("acme", "nightly", "production"))
        .contains(new MonitorRead(after, "production", Optional.empty()));
  }

  // --- EnvironmentStore -------------------------------------------------------------------------------------------

  @Test
  void saveEnvironment_createsAtVersion1_thenReplacesOnlyThePreviousVersion() {
    MonitorEnvironment v1 = environment("m1", "production");
    assertThat(store.saveEnvironment(v1)).isTrue();
    assertThat(store.saveEnvironment(v1)).as("create-only").isFalse();
    MonitorEnvironment v2 = next(v1);
    assertThat(store.saveEnvironment(v2)).isTrue();
    assertThat(store.saveEnvironment(v2)).as("version 2 is no longer the previous one").isFalse();
    assertThat(store.saveEnvironment(next(next(v2)))).as("skips a version").isFalse();
    assertThat(store.saveEnvironment(next(environment("m1", "absent")))).isFalse();
    assertThatThrownBy(() -> store.saveEnvironment(v1.toBuilder().version(0).build())).isInstanceOf(IllegalArgumentException.class);

    assertThat(store.environment("m1", "production")).contains(v2);
  }

  @Test
  void environments_areListedByName_andCounted_perMonitor() {
    for (String name : List.of("staging", "production", "dev")) store.saveEnvironment(environment("m1", name));
    store.saveEnvironment(environment("m2", "production"));

    assertThat(store.environments("m1")).extracting(MonitorEnvironment::name).containsExactly("dev", "production", "staging");
    assertThat(store.countEnvironments("m1", 10)).isEqualTo(3);
    assertThat(store.countEnvironments("m1", 2)).isEqualTo(2);
    assertThat(store.countEnvironments("m3", 10)).isZero();
    assertThat(store.environments("m3")).isEmpty();
  }

  @Test
  void deleteEnvironment_onlyOnItsStoredVersion() {
    MonitorEnvironment v1 = environment("m1", "production");
    store.saveEnvironment(v1);
    MonitorEnvironment v2 = next(v1);
    store.saveEnvironment(v2);

    assertThat(store.deleteEnvironment(v1)).isFalse();
    assertThat(store.environment("m1", "production")).contains(v2);
    assertThat(store.deleteEnvironment(v2)).isTrue();
    assertThat(store.deleteEnvironment(v2)).isFalse();
    assertThat(store.environment("m1", "production")).isEmpty();
  }

  @Test
  void saveEnvironmentWithCheckIns_writesAllOrNothing() {
    MonitorEnvironment env = environment("m1", "production");
    store.saveEnvironment(env);
    CheckIn open = checkIn("m1", "production", T0);
    store.saveCheckIn(open);
    CheckIn missed = checkIn("m1", "production", T0.plusSeconds(60));
    CheckIn closed = open.close(CheckInStatus.TIMEOUT, null, T0.plusSeconds(1800));

    // a stale check-in version fails the whole write
    CheckIn staleClose = withVersion(open.close(CheckInStatus.OK, 5L, T0.plusSeconds(10)), 3);
    assertThat(store.saveEnvironmentWithCheckIns(next(env), List.of(missed, staleClose))).isFalse();
    assertThat(store.environment("m1", "production")).contains(env);
    assertThat(store.checkIn(missed.id())).isEmpty();

    // a stale environment fails it too
    assertThat(store.saveEnvironmentWithCheckIns(next(next(env)), List.of(missed, closed))).isFalse();
    assertThat(store.checkIn(missed.id())).isEmpty();
    assertThat(store.checkIn(open.id())).contains(open);

    assertThat(store.saveEnvironmentWithCheckIns(next(env), List.of(missed, closed))).isTrue();
    assertThat(store.environment("m1", "production")).contains(next(env));
    assertThat(store.checkIn(missed.id())).contains(missed);
    assertThat(store.checkIn(open.id())).contains(closed);
  }

  @Test
  void saveEnvironment_withAResolvedIncident_keepsItAsHistory_allOrNothing() {
    MonitorEnvironment env = environment("m1", "production");
    store.saveEnvironment(env);
    ResolvedIncident resolved = incident("m1", "production", T0);

    assertThat(store.saveEnvironment(next(next(env)), resolved)).isFalse();
    assertThat(store.resolvedIncidents("m1", null, null, 10).items()).isEmpty();
    assertThat(store.saveEnvironment(next(env), resolved)).isTrue();
    assertThat(store.resolvedIncidents("m1", null, null, 10).items()).containsExactly(resolved);
    assertThat(store.saveEnvironment(next(next(env)), resolved)).as("an incident is kept once").isFalse();
    assertThat(store.environment("m1", "production")).contains(next(env));

    CheckIn missed = checkIn("m1", "production", T0.plusSeconds(3600));
    ResolvedIncident later = incident("m1", "production", T0.plusSeconds(7200));
    ResolvedIncident latest = incident("m1", "production", T0.plusSeconds(9000));
    assertThat(store.saveEnvironmentChange(next(next(env)), List.of(missed), List.of(later, latest))).isTrue();
    assertThat(store.checkIn(missed.id())).contains(missed);
    assertThat(store.resolvedIncidents("m1", "production", null, 10).items()).containsExactly(latest, later, resolved);
    assertThat(store.saveEnvironmentChange(next(next(next(env))), List.of(), List.of(incident("m1", "production", T0), latest)))
        .as("one incident kept already fails the whole change").isFalse();
    assertThat(store.environment("m1", "production").orElseThrow().version()).isEqualTo(3);
  }

  @Test
  void concurrentWritersOfOneVersion_exactlyOneWins_withPutsAndWithTransactions() throws Exception {
    MonitorEnvironment env = environment("m1", "production");
    store.saveEnvironment(env);
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (int round = 0; round < 5; round++) {
        MonitorEnvironment current = store.environment("m1", "production").orElseThrow();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          CheckIn mine = checkIn("m1", "production", T0.plusSeconds(round * 100L + w));
          int streak = w;
          boolean transaction = round % 2 == 1;
          Callable<Boolean> write = () -> {
            start.await();
            MonitorEnvironment candidate = current.toBuilder().okStreak(streak).version(current.version() + 1).build();
            return transaction ? store.saveEnvironmentWithCheckIns(candidate, List.of(mine)) : store.saveEnvironment(candidate);
          };
          results.add(pool.submit(write));
        }
        start.countDown();
        int won = 0;
        for (Future<Boolean> r : results) if (r.get()) won++;
        assertThat(won).as("round %d", round).isEqualTo(1);
        assertThat(store.environment("m1", "production").orElseThrow().version()).isEqualTo(current.version() + 1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentCreators_ofOneSlug_orOneCheckInId_exactlyOneWins() throws Exception {
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      CheckIn shared = checkIn("m1", "production", T0);
      List<Future<Boolean>> monitors = new ArrayList<>();
      List<Future<Boolean>> checkIns = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        Monitor mine = monitor("acme", "contested");
        monitors.add(pool.submit(() -> {
          start.await();
          return store.putMonitor(mine);
        }));
        checkIns.add(pool.submit(() -> {
          start.await();
          return store.saveCheckIn(shared);
        }));
      }
      start.countDown();
      int monitorWins = 0;
      int checkInWins = 0;
      for (Future<Boolean> r : monitors) if (r.get()) monitorWins++;
      for (Future<Boolean> r : checkIns) if (r.get()) checkInWins++;
      assertThat(monitorWins).isEqualTo(1);
      assertThat(checkInWins).isEqualTo(1);
      assertThat(store.countMonitors("acme", 10)).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  // --- CheckInHistory ---------------------------------------------------------------------------------------------

  @Test
  void saveCheckIn_createsOnce_thenReplacesOnlyThePreviousVersion() {
    CheckIn open = checkIn("m1", "production", T0);
    assertThat(store.saveCheckIn(open)).isTrue();
    assertThat(store.saveCheckIn(open)).as("an id, even a client's, is used once").isFalse();
    CheckIn closed = open.close(CheckInStatus.OK, 1234L, T0.plusSeconds(2));
    assertThat(store.saveCheckIn(closed)).isTrue();
    assertThat(store.saveCheckIn(open.close(CheckInStatus.ERROR, 1L, T0.plusSeconds(3)))).isFalse();

    assertThat(store.checkIn(open.id())).contains(closed);
    assertThat(store.checkIn(UUID.randomUUID())).isEmpty();
  }

  @Test
  void checkIns_newestFirst_pageByPage_perMonitorAndEnvironment() {
    List<CheckIn> production = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      CheckIn c = checkIn("m1", i % 2 == 0 ? "production" : "staging", T0.plusSeconds(i));
      store.saveCheckIn(c);
      if (c.environment().equals("production")) production.add(0, c);
    }
    store.saveCheckIn(checkIn("m2", "production", T0.plusSeconds(3)));

    List<CheckIn> all = readAll(cursor -> store.checkIns("m1", null, cursor, 3));
    assertThat(all).hasSize(7).extracting(CheckIn::dateCreated).isSortedAccordingTo((a, b) -> b.compareTo(a));
    assertThat(readAll(cursor -> store.checkIns("m1", "production", cursor, 2))).isEqualTo(production);
    assertThat(store.checkIns("m3", null, null, 10).items()).isEmpty();
    assertThat(store.checkIns("m1", "dev", null, 10).items()).isEmpty();
    assertThatThrownBy(() -> store.checkIns("m1", null, "bogus", 10)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void checkIns_inATimeRange_fromInclusive_toExclusive_refusingCursorsFromOutside() {
    for (int i = 0; i < 6; i++) store.saveCheckIn(checkIn("m1", "production", T0.plusSeconds(i * 60L)));
    Instant from = T0.plusSeconds(60);
    Instant to = T0.plusSeconds(240);

    List<CheckIn> inRange = readAll(cursor -> store.checkIns("m1", null, from, to, cursor, 2));
    assertThat(inRange).extracting(CheckIn::dateCreated).containsExactly(T0.plusSeconds(180), T0.plusSeconds(120), T0.plusSeconds(60));
    assertThat(store.checkIns("m1", null, from, null, null, 10).items()).hasSize(5);
    assertThat(store.checkIns("m1", null, null, to, null, 10).items()).hasSize(4);
    assertThat(store.checkIns("m1", null, to, from, null, 10).items()).isEmpty();

    String outside = store.checkIns("m1", null, null, null, null, 1).nextCursor(); // after the newest, at +300 s
    assertThatThrownBy(() -> store.checkIns("m1", null, from, to, outside, 2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void checkIns_expireAfterTheRetention_whereTheStoreRecordsIt() {
    CheckIn c = checkIn("m1", "production", T0);
    store.saveCheckIn(c);
    storedExpiry(c).ifPresent(expiry -> assertThat(expiry.getEpochSecond()).isEqualTo(T0.plus(CheckInHistory.RETENTION).getEpochSecond()));
  }

  @Test
  void checkIn_keepsItsRunFacts_andItsSnapshotsMinRuntime() {
    CheckIn open = checkIn("m1", "production", T0);
    CheckIn closed = new CheckIn(open.id(), "m1", "p-1", "production", CheckInStatus.ERROR, 2000L, T0, T0, null, null,
        HOURLY.withMinRuntime(60), null, 1, new RunFacts(3, "exited with status 3", 12_345L, true, true));
    CheckIn plain = checkIn("m1", "production", T0.plusSeconds(1));
    store.saveCheckIn(closed);
    store.saveCheckIn(plain);

    assertThat(store.checkIn(closed.id())).contains(closed);
    assertThat(store.checkIn(plain.id()).orElseThrow().facts()).isEqualTo(RunFacts.NONE);
    assertThat(store.checkIn(plain.id()).orElseThrow().monitorConfig().minRuntime()).isNull();
  }

  @Test
  void output_isKeptBesideItsCheckIn_theLaterReceivedWins_andItExpiresWithTheCheckIn() {
    CheckIn c = checkIn("m1", "production", T0);
    store.saveCheckIn(c);
    byte[] binary = new byte[30_000];
    for (int i = 0; i < binary.length; i++) binary[i] = (byte) (i * 31);
    JobOutput first = JobOutput.of(binary, 10_000);
    JobOutput later = JobOutput.of("done\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), 10_000);

    assertThat(store.output(c.id())).isEmpty();
    assertThat(store.saveOutput(c.id(), T0, T0.plusSeconds(10), first)).isTrue();
    assertThat(store.output(c.id())).contains(first);
    assertThat(store.saveOutput(c.id(), T0, T0.plusSeconds(5), later)).as("older than what is stored").isFalse();
    assertThat(store.output(c.id())).contains(first);
    assertThat(store.saveOutput(c.id(), T0, T0.plusSeconds(20), later)).isTrue();
    assertThat(store.output(c.id())).contains(later);
    assertThat(store.checkIn(c.id())).as("the check-in item is not touched").contains(c);
    storedExpiry(new OutputOf(c.id())).ifPresent(expiry ->
        assertThat(expiry.getEpochSecond()).isEqualTo(T0.plus(CheckInHistory.RETENTION).getEpochSecond()));
  }

  @Test
  void pingUuid_addressesItsMonitor_isRotatedAtOnce_andGoesWithIt() {
    MonitorPing first = new MonitorPing(UUID.randomUUID(), "acme", "m1", T0);
    MonitorPing second = new MonitorPing(UUID.randomUUID(), "acme", "m1", T0.plusSeconds(1));
    MonitorPing third = new MonitorPing(UUID.randomUUID(), "acme", "m1", T0.plusSeconds(2));

    assertThat(store.putMonitorPing(first)).isTrue();
    assertThat(store.putMonitorPing(second)).as("a monitor has one ping UUID").isFalse();
    assertThat(store.putMonitorPing(new MonitorPing(first.pingId(), "acme", "m2", T0))).as("a UUID addresses one monitor").isFalse();
    assertThat(store.monitorPing(first.pingId())).contains(first);
    assertThat(store.pingOfMonitor("m1")).contains(first);

    assertThat(store.replaceMonitorPing(first, second)).isTrue();
    assertThat(store.monitorPing(first.pingId())).as("the rotated UUID stops working at once").isEmpty();
    assertThat(store.monitorPing(second.pingId())).contains(second);
    assertThat(store.pingOfMonitor("m1")).contains(second);
    assertThat(store.replaceMonitorPing(first, third)).as("rotating from a stale UUID").isFalse();
    assertThat(store.monitorPing(third.pingId())).isEmpty();

    assertThat(store.deleteMonitorPing(second)).isTrue();
    assertThat(store.deleteMonitorPing(second)).isFalse();
    assertThat(store.monitorPing(second.pingId())).isEmpty();
    assertThat(store.pingOfMonitor("m1")).isEmpty();
  }

  @Test
  void pingKey_addressesItsProject_isRotatedAndRevokedAtOnce() {
    PingKey first = new PingKey("k1-aaaaaaaaaaaaaaaaaaa", "acme", "p-1", T0);
    PingKey second = new PingKey("k2-bbbbbbbbbbbbbbbbbbb", "acme", "p-1", T0.plusSeconds(1));

    assertThat(store.putPingKey(first)).isTrue();
    assertThat(store.putPingKey(second)).as("a project has one ping key").isFalse();
    assertThat(store.pingKey(first.key())).contains(first);
    assertThat(store.pingKeyOfProject("p-1")).contains(first);
    assertThat(store.pingKeyOfProject("p-2")).isEmpty();

    assertThat(store.replacePingKey(first, second)).isTrue();
    assertThat(store.pingKey(first.key())).isEmpty();
    assertThat(store.pingKey(second.key())).contains(second);
    assertThat(store.replacePingKey(first, new PingKey("k3", "acme", "p-1", T0))).isFalse();

    assertThat(store.deletePingKey(second)).isTrue();
    assertThat(store.pingKey(second.key())).isEmpty();
    assertThat(store.pingKeyOfProject("p-1")).isEmpty();
    assertThat(store.pingKey("x".repeat(300))).as("a key that cannot exist").isEmpty();
  }

  @Test
  void badgeKey_addressesItsProject_isRotatedAtOnce_andIsNoPingKey() {
    BadgeKey first = new BadgeKey("b1-aaaaaaaaaaaaaaaaaaa", "acme", "p-1", T0);
    BadgeKey second = new BadgeKey("b2-bbbbbbbbbbbbbbbbbbb", "acme", "p-1", T0.plusSeconds(1));
    store.putPingKey(new PingKey("b1-aaaaaaaaaaaaaaaaaaa", "acme", "p-9", T0));

    assertThat(store.putBadgeKey(first)).isTrue();
    assertThat(store.putBadgeKey(second)).as("a project has one badge key").isFalse();
    assertThat(store.badgeKey(first.key())).contains(first);
    assertThat(store.badgeKeyOfProject("p-1")).contains(first);
    assertThat(store.badgeKeyOfProject("p-9")).as("a ping key is no badge key").isEmpty();
    assertThat(store.pingKeyOfProject("p-1")).isEmpty();

    assertThat(store.replaceBadgeKey(first, second)).isTrue();
    assertThat(store.badgeKey(first.key())).isEmpty();
    assertThat(store.badgeKey(second.key())).contains(second);
    assertThat(store.replaceBadgeKey(first, new BadgeKey("b3", "acme", "p-1", T0))).isFalse();

    assertThat(store.deleteBadgeKey(second)).isTrue();
    assertThat(store.deleteBadgeKey(second)).isFalse();
    assertThat(store.badgeKeyOfProject("p-1")).isEmpty();
    assertThat(store.badgeKey("x".repeat(300))).as("a key that cannot exist").isEmpty();
  }

  private static <T> List<T> readAll(java.util.function.Function<String, Page<T>> page) {
    List<T> out = new ArrayList<>();
    String cursor = null;
    for (int pages = 0; pages < 100; pages++) {
      Page<T> p = page.apply(cursor);
      out.addAll(p.items());
      cursor = p.nextCursor();
      if (cursor == null) return out;
    }
    throw new AssertionError("more than 100 pages");
  }

  // --- IncidentHistory --------------------------------------------------------------------------------------------

  @Test
  void resolvedIncidents_newestFirst_pageByPage_perEnvironment_andDeletedPerEnvironment() {
    List<ResolvedIncident> production = new ArrayList<>();
    List<ResolvedIncident> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String env = i % 2 == 0 ? "production" : "staging";
      MonitorEnvironment e = store.environment("m1", env).orElse(null);
      MonitorEnvironment write = e == null ? environment("m1", env) : next(e);
      ResolvedIncident r = incident("m1", env, T0.plusSeconds(i * 3600L));
      assertThat(store.saveEnvironment(write, r)).isTrue();
      all.add(0, r);
      if (env.equals("production")) production.add(0, r);
    }
    ResolvedIncident elsewhere = incident("m2", "production", T0);
    store.saveEnvironment(environment("m2", "production"), elsewhere);

    assertThat(readAll(cursor -> store.resolvedIncidents("m1", null, cursor, 2))).isEqualTo(all);
    assertThat(readAll(cursor -> store.resolvedIncidents("m1", "production", cursor, 2))).isEqualTo(production);
    assertThatThrownBy(() -> store.resolvedIncidents("m1", null, "bogus", 2)).isInstanceOf(IllegalArgumentException.class);
    storedExpiry(all.get(0)).ifPresent(expiry ->
        assertThat(expiry.getEpochSecond()).isEqualTo(all.get(0).resolved().plus(CheckInHistory.RETENTION).getEpochSecond()));

    store.deleteResolvedIncidents("m1", "production");
    assertThat(store.resolvedIncidents("m1", null, null, 10).items()).extracting(ResolvedIncident::environment).containsOnly("staging");
    assertThat(store.resolvedIncidents("m2", null, null, 10).items()).containsExactly(elsewhere);
  }

  // --- MaintenanceStore -------------------------------------------------------------------------------------------

  @Test
  void maintenanceWindows_ofEveryTimingAndTarget_roundTrip_versioned_listedById_perOrganization() {
    MaintenanceWindow once = new MaintenanceWindow("a", "acme", "DB upgrade",
        new MaintenanceWindow.OneOff(T0, T0.plusSeconds(3600)), new MaintenanceWindow.Monitors(List.of("backup", "report")), T0, 1);
    MaintenanceWindow weekly = new MaintenanceWindow("b", "acme", "Sunday patching",
        new MaintenanceWindow.Recurring(new CrontabSchedule("30 2 * * SUN"), java.time.ZoneId.of("Europe/Berlin"),
            java.time.Duration.ofMinutes(90)), new MaintenanceWindow.Project("42"), T0, 1);
    MaintenanceWindow owned = new MaintenanceWindow("c", "acme", "Ops freeze",
        new MaintenanceWindow.OneOff(T0, T0.plusSeconds(60)), new MaintenanceWindow.OwnedBy(Owner.parse("team:ops").owner()), T0, 1);
    assertThat(store.saveMaintenanceWindow(weekly)).isTrue();
    assertThat(store.saveMaintenanceWindow(once)).isTrue();
    assertThat(store.saveMaintenanceWindow(owned)).isTrue();
    assertThat(store.saveMaintenanceWindow(once)).as("create-only").isFalse();
    MaintenanceWindow elsewhere = new MaintenanceWindow("a", "globex", "x", once.timing(), once.target(), T0, 1);
    assertThat(store.saveMaintenanceWindow(elsewhere)).isTrue();

    assertThat(store.maintenanceWindows("acme")).containsExactly(once, weekly, owned);
    assertThat(store.maintenanceWindow("acme", "b")).contains(weekly);
    assertThat(store.maintenanceWindow("globex", "b")).isEmpty();

    MaintenanceWindow renamed = new MaintenanceWindow("a", "acme", "DB upgrade, longer",
        new MaintenanceWindow.OneOff(T0, T0.plusSeconds(7200)), once.target(), T0, 2);
    assertThat(store.saveMaintenanceWindow(renamed)).isTrue();
    assertThat(store.saveMaintenanceWindow(once.withVersion(2))).as("a stale update").isFalse();
    assertThat(store.maintenanceWindow("acme", "a")).contains(renamed);

    assertThat(store.deleteMaintenanceWindow("acme", "a", 1)).isFalse();
    assertThat(store.deleteMaintenanceWindow("acme", "a", 2)).isTrue();
    assertThat(store.deleteMaintenanceWindow("acme", "a", 2)).isFalse();
    assertThat(store.maintenanceWindows("acme")).containsExactly(weekly, owned);
    assertThat(store.maintenanceWindows("globex")).containsExactly(elsewhere);
  }

  @Test
  void checkIn_inMaintenance_keepsItsFlag() {
    CheckIn marked = new CheckIn(UUID.randomUUID(), "m1", "p1", "production", CheckInStatus.UNKNOWN, null, T0, T0, T0, null,
        HOURLY, null, 1, RunFacts.NONE.inMaintenance());
    assertThat(store.saveCheckIn(marked)).isTrue();
    assertThat(store.checkIn(marked.id()).orElseThrow().facts().maintenance()).isTrue();
  }

  // --- AlertStore -------------------------------------------------------------------------------------------------

  @Test
  void channels_areVersioned_listedById_perOrganization() {
    Channel b = channel("acme", "b");
    Channel a = channel("acme", "a");
    assertThat(store.saveChannel(b)).isTrue();
    assertThat(store.saveChannel(a)).isTrue();
    assertThat(store.saveChannel(channel("acme", "a"))).as("create-only").isFalse();
    assertThat(store.saveChannel(channel("globex", "a"))).isTrue();
    Channel renamed = a.withNameAndConfig("pager", new ChannelConfig.Slack("https://hooks.slack.com/x")).withVersion(2);
    assertThat(store.saveChannel(renamed)).isTrue();
    assertThat(store.saveChannel(a.withVersion(2))).isFalse();

    assertThat(store.channel("acme", "a")).contains(renamed);
    assertThat(store.channels("acme")).containsExactly(renamed, b);
    assertThat(store.channel("globex", "b")).isEmpty();

    assertThat(store.deleteChannel("acme", "a", 1)).isFalse();
    assertThat(store.deleteChannel("acme", "a", 2)).isTrue();
    assertThat(store.deleteChannel("acme", "a", 2)).isFalse();
    assertThat(store.channels("acme")).containsExactly(b);
  }

  @Test
  void recordChannelOutcome_keepsTheSettings_andBumpsTheVersion() {
    Channel c = channel("acme", "c1");
    store.saveChannel(c);

    assertThat(store.recordChannelOutcome("acme", "c1", T0.plusSeconds(1), "HTTP 500")).isTrue();
    Channel failed = store.channel("acme", "c1").orElseThrow();
    assertThat(failed).isEqualTo(new Channel("c1", "acme", c.name(), c.config(), c.signingSecret(), T0, null, "HTTP 500",
        T0.plusSeconds(1), true, 2));
    assertThat(store.saveChannel(c.withVersion(2))).as("a settings update read before must re-read").isFalse();

    assertThat(store.recordChannelOutcome("acme", "c1", T0.plusSeconds(2), null)).isTrue();
    assertThat(store.channel("acme", "c1").orElseThrow()).isEqualTo(new Channel("c1", "acme", c.name(), c.config(),
        c.signingSecret(), T0, T0.plusSeconds(2), "HTTP 500", T0.plusSeconds(1), false, 3));
    assertThat(store.recordChannelOutcome("acme", "gone", T0, null)).isFalse();
    assertThat(store.channel("acme", "gone")).isEmpty();
  }

  @Test
  void alertRules_perOwner_areVersioned() {
    AlertRule.Owner monitor = AlertRule.Owner.monitor("m1");
    AlertRule.Owner project = AlertRule.Owner.project("m1"); // the same id, another kind of owner
    AlertRule v1 = new AlertRule(List.of("c1", "c2"), Map.of("production", List.of("c1")), 1);
    AlertRule none = new AlertRule(List.of(), Map.of(), 1);
    assertThat(store.saveAlertRule(monitor, v1)).isTrue();
    assertThat(store.saveAlertRule(monitor, v1)).isFalse();
    assertThat(store.saveAlertRule(project, none)).isTrue();
    AlertRule v2 = new AlertRule(List.of("c2"), Map.of(), 2);
    assertThat(store.saveAlertRule(monitor, v2)).isTrue();

    assertThat(store.alertRule(monitor)).contains(v2);
    assertThat(store.alertRule(project)).contains(none);
    assertThat(store.deleteAlertRule(monitor, 1)).isFalse();
    assertThat(store.deleteAlertRule(monitor, 2)).isTrue();
    assertThat(store.alertRule(monitor)).isEmpty();
    assertThat(store.alertRule(AlertRule.Owner.monitor("m9"))).isEmpty();
  }

  @Test
  void deliveries_areClaimedOnce_settledOnTheVersion_andExpire() {
    Delivery claim = Delivery.firstClaim("c1", "inc-1:opened", T0, T0.plusSeconds(45));
    assertThat(store.saveDelivery(claim)).isTrue();
    assertThat(store.saveDelivery(Delivery.firstClaim("c1", "inc-1:opened", T0, T0.plusSeconds(45)))).as("claimed once").isFalse();
    Delivery settled = claim.settle(Delivery.Status.DELIVERED, null, T0.plusSeconds(1));
    assertThat(store.saveDelivery(settled)).isTrue();
    assertThat(store.saveDelivery(claim.settle(Delivery.Status.FAILED, "late", T0.plusSeconds(2)))).isFalse();

    assertThat(store.delivery("c1", "inc-1:opened")).contains(settled);
    assertThat(store.delivery("c2", "inc-1:opened")).isEmpty();
    storedExpiry(settled).ifPresent(expiry ->
        assertThat(expiry.getEpochSecond()).isEqualTo(T0.plusSeconds(1).plus(AlertStore.DELIVERY_RETENTION).getEpochSecond()));
  }

  // --- DueIndex ---------------------------------------------------------------------------------------------------

  @Test
  void due_returnsTheDueEnvironments_earliestFirst_acrossEverything() {
    Instant now = T0.plusSeconds(86_400);
    List<String> dueInOrder = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = "mon-" + i;
      if (i % 4 == 0) {
        store.saveEnvironment(dueAt(id, now.plusSeconds(60 + i))); // later
      } else if (i % 4 == 1) {
        store.saveEnvironment(environment(id, "production")); // nothing due
      } else {
        store.saveEnvironment(dueAt(id, now.minusSeconds(1000 - i * 10L))); // due, deadlines increasing with i
        dueInOrder.add(id);
      }
    }
    store.saveEnvironment(environment("mon-run", "production").toBuilder() // a run that timed out is due as well
        .openRuns(List.of(new OpenRun(UUID.randomUUID(), now.minusSeconds(5000), now.minusSeconds(2000)))).build());
    dueInOrder.add(0, "mon-run");

    assertThat(store.due(now, 1000)).extracting(MonitorEnvironment::monitorId).containsExactlyElementsOf(dueInOrder);
    List<MonitorEnvironment> five = store.due(now, 5);
    assertThat(five).hasSize(5).allSatisfy(e -> assertThat(e.dueAt()).isBeforeOrEqualTo(now))
        .extracting(MonitorEnvironment::dueAt).isSorted();
    assertThat(store.due(T0.minusSeconds(1), 10)).isEmpty();
    assertThatThrownBy(() -> store.due(now, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void due_inPagesSmallerThanWhatIsDue_returnsEachOnce_asTheCallerMovesThemOn() {
    Instant now = T0.plusSeconds(86_400);
    Set<String> due = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      store.saveEnvironment(dueAt("mon-" + i, now.minusSeconds(i)));
      due.add("mon-" + i);
    }
    List<String> swept = new ArrayList<>();
    for (int calls = 0; calls < 20; calls++) {
      List<MonitorEnvironment> page = store.due(now, 7);
      assertThat(page).hasSizeLessThanOrEqualTo(7).extracting(MonitorEnvironment::dueAt).isSorted();
      for (MonitorEnvironment env : page) {
        swept.add(env.monitorId());
        // the sweep moves the deadline past now (the next slot)
        assertThat(store.saveEnvironment(env.toBuilder().nextCheckInLatest(now.plusSeconds(3600)).version(env.version() + 1).build())).isTrue();
      }
      if (page.size() < 7) break;
      assertThat(page).hasSize(7);
    }
    assertThat(swept).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(due);
  }

  @Test
  void due_byPartition_splitsWhatIsDueIntoDisjointParts_thatTogetherAreAllOfIt() {
    Instant now = T0.plusSeconds(86_400);
    for (int i = 0; i < 60; i++) {
      store.saveEnvironment(dueAt("mon-" + i, now.minusSeconds(i)));
      store.saveEnvironment(dueAt("mon-later-" + i, now.plusSeconds(60 + i)));
    }
    assertThat(store.partitions()).isGreaterThanOrEqualTo(2);
    Set<String> all = new HashSet<>();
    for (MonitorEnvironment e : store.due(now, 1000)) all.add(e.monitorId());
    List<String> byPartition = new ArrayList<>();
    for (int p = 0; p < store.partitions(); p++) {
      List<MonitorEnvironment> part = store.due(now, 1000, Set.of(p));
      assertThat(part).extracting(MonitorEnvironment::dueAt).isSorted();
      assertThat(store.due(now, 1000, Set.of(p))).containsExactlyElementsOf(part); // an environment stays in its partition
      part.forEach(e -> byPartition.add(e.monitorId()));
    }
    assertThat(all).hasSize(60);
    assertThat(byPartition).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    assertThat(store.due(now, 1000, Set.of())).isEmpty();
  }

  @Test
  void due_includesEnvironmentsWithEventsToPublish_andLeavesOutDisabledOnes() {
    Instant now = T0.plusSeconds(3600);
    MonitorEnvironment disabled = dueAt("mon-off", now.minusSeconds(10)).toBuilder().disabled(true).build();
    store.saveEnvironment(disabled);
    store.saveEnvironment(dueAt("mon-on", now.minusSeconds(10)));
    IncidentEvent opened = new IncidentEvent("evt-1", IncidentEvent.Type.OPENED, "acme", "mon-event", "job", "Job", "production",
        "inc-1", T0, T0, List.of(), null);
    store.saveEnvironment(environment("mon-event", "production").toBuilder().outbox(List.of(opened)).build());

    assertThat(store.due(now, 10)).extracting(MonitorEnvironment::monitorId).containsExactly("mon-event", "mon-on");
  }

  @Test
  void due_includesAnOpenIncidentsNextReminder_andItsSnooze_roundTrips_rulesR3N1() {
    // GIVEN an environment snoozed until the resolution, whose incident's next reminder (its third) is due
    Instant now = T0.plusSeconds(3600);
    Incident incident = new Incident("inc-1", T0, List.of(new Failure(null, CheckInStatus.MISSED, T0)), now.plusSeconds(86_400), null,
        false).withReminder(now.minusSeconds(30), 2);
    MonitorEnvironment reminded = environment("mon-remind", "production").toBuilder().activeIncident(incident)
        .muted(true).mutedUntilResolved(true).build();
    MonitorEnvironment later = environment("mon-later", "production").toBuilder()
        .activeIncident(incident.withReminder(now.plusSeconds(600), 0)).muted(true).mutedUntil(now.plusSeconds(3600)).build();
    store.saveEnvironment(reminded);
    store.saveEnvironment(later);
    IncidentEvent reminder = new IncidentEvent("inc-1:reminder:2", IncidentEvent.Type.REMINDER, "acme", "mon-x", "job", "Job",
        "production", "inc-1", T0, now, List.of(), null, null, 2);
    store.saveEnvironment(environment("mon-x", "production").toBuilder().outbox(List.of(reminder)).build());

    // THEN the due one is found by its reminder, and everything reads back as written
    assertThat(store.due(now, 10)).extracting(MonitorEnvironment::monitorId).containsExactly("mon-x", "mon-remind");
    assertThat(store.environment("mon-remind", "production")).contains(reminded);
    assertThat(store.environment("mon-later", "production")).contains(later);
    assertThat(store.environment("mon-x", "production").orElseThrow().outbox()).containsExactly(reminder);
  }

  @Test
  void alertRules_keepTheirReminderPeriod_ruleR1() {
    AlertRule rule = new AlertRule(List.of("c1"), Map.of(), java.time.Duration.ofMinutes(90), 1);
    assertThat(store.saveAlertRule(AlertRule.Owner.project("p1"), rule)).isTrue();
    assertThat(store.alertRule(AlertRule.Owner.project("p1"))).contains(rule);
  }

  @Test
  void aMonitorsSnooze_roundTrips_ruleN1() {
    Monitor snoozed = monitor("acme", "snoozed");
    snoozed = new Monitor(snoozed.id(), snoozed.organization(), snoozed.projectId(), snoozed.slug(), snoozed.name(), snoozed.status(),
        true, snoozed.config(), snoozed.dateCreated(), null, snoozed.version(), null, T0.plusSeconds(3600));
    assertThat(store.putMonitor(snoozed)).isTrue();
    assertThat(store.monitor("acme", "snoozed")).contains(snoozed);
    assertThat(store.monitorsById(Set.of(snoozed.id())).get(snoozed.id())).isEqualTo(snoozed);
  }

  // --- keys from untrusted requests -------------------------------------------------------------------------------

  @Test
  void lookupsWithKeysThatCannotExist_findNothing_andWritesWithThemAreRefused() {
    String tooLong = "x".repeat(KeyParts.MAX_LENGTH + 1);
    String unencodable = "bad\uD800";
    for (String key : new String[] {tooLong, unencodable, ""}) {
      assertThat(store.organization(key)).isEmpty();
      assertThat(store.project(key)).isEmpty();
      assertThat(store.projects(key)).isEmpty();
      assertThat(store.dsnKey(key)).isEmpty();
      assertThat(store.tokenByHash(key)).isEmpty();
      assertThat(store.token("acme", key)).isEmpty();
      assertThat(store.monitor("acme", key)).isEmpty();
      assertThat(store.monitorForCheckIn("acme", key, "production")).isEmpty();
      assertThat(store.monitors(key, null, 10).items()).isEmpty();
      assertThat(store.countMonitors(key, 10)).isZero();
      assertThat(store.monitorsById(List.of(key))).isEmpty();
      assertThat(store.environment("m1", key)).isEmpty();
      assertThat(store.environments(key)).isEmpty();
      assertThat(store.checkIns(key, null, null, 10).items()).isEmpty();
      assertThat(store.checkIns("m1", key, null, 10).items()).isEmpty();
      assertThat(store.resolvedIncidents(key, null, null, 10).items()).isEmpty();
      assertThat(store.channel("acme", key)).isEmpty();
      assertThat(store.channels(key)).isEmpty();
      assertThat(store.alertRule(AlertRule.Owner.monitor(key))).isEmpty();
      assertThat(store.delivery(key, "e")).isEmpty();
      assertThat(store.deleteChannel("acme", key, 1)).isFalse();
      assertThat(store.recordChannelOutcome("acme", key, T0, null)).isFalse();
    }
    assertThatThrownBy(() -> store.putOrganization(new Organization(tooLong, "x", T0, null, null))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.putMonitor(monitor("acme", tooLong))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.saveEnvironment(environment("m1", unencodable))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.saveCheckIn(checkIn("m1", tooLong, T0))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.saveChannel(channel("acme", tooLong))).isInstanceOf(IllegalArgumentException.class);
  }

  // --- tenant separation ------------------------------------------------------------------------------------------

  @Test
  void organizations_seeNothingOfEachOther() {
    for (String org : List.of("acme", "globex")) {
      store.putOrganization(new Organization(org, org, T0, null, null));
      store.putProject(project(org, "p-" + org, "default"));
      store.putMonitor(monitor(org, "nightly"));
      store.saveChannel(channel(org, "c1"));
      store.putToken(new ApiToken("t1-" + org, org, org.repeat(8), Set.of(Scope.READ), "t", T0));
    }

    assertThat(store.projects("acme")).extracting(Project::organization).containsOnly("acme");
    assertThat(store.monitors("acme", null, 10).items()).extracting(Monitor::organization).containsOnly("acme");
    assertThat(store.channels("acme")).extracting(Channel::organization).containsOnly("acme");
    assertThat(store.tokens("acme")).extracting(ApiToken::organization).containsOnly("acme");
    assertThat(store.countMonitors("acme", 10)).isEqualTo(1);
    assertThat(store.token("acme", "t1-globex")).isEmpty();
    Monitor theirs = store.monitor("globex", "nightly").orElseThrow();
    assertThat(store.deleteMonitor(store.monitor("acme", "nightly").orElseThrow())).isTrue();
    assertThat(store.monitor("globex", "nightly")).contains(theirs);
    assertThat(store.monitorsById(List.of(theirs.id()))).containsOnlyKeys(theirs.id());
  }

  // --- ProcessingErrorStore and owners (docs/semantics.md rules E3, O1) --------------------------------------------

  @Test
  void errorCounter_isCreatedOnce_andReplacedOnlyOverTheNumberBefore() {
    ErrorList list = ErrorList.ofProject("p-1");
    ErrorCounter first = ErrorCounter.NONE.next(T0);
    assertThat(store.errorCounter(list)).isEmpty();
    assertThat(store.saveErrorCounter(list, first, T0.plusSeconds(60))).isTrue();
    assertThat(store.saveErrorCounter(list, first, T0.plusSeconds(60))).as("a second creation").isFalse();

    ErrorCounter second = first.next(T0.plusSeconds(1));
    assertThat(store.saveErrorCounter(list, second, T0.plusSeconds(60))).isTrue();
    assertThat(store.saveErrorCounter(list, second, T0.plusSeconds(60))).as("a lost race for number 2").isFalse();
    assertThat(store.errorCounter(list)).contains(second);
    assertThat(store.errorCounter(ErrorList.ofMonitor("p-1"))).as("a monitor's list is another list").isEmpty();
  }

  @Test
  void processingErrors_slotsAreReplaced_listedWithTheirNumber_andDeletedById() {
    ErrorList list = ErrorList.ofMonitor("m-1");
    ProcessingError a = new ProcessingError(UUID.randomUUID(), "p-1", "job", T0, "envelope", "{\"status\":\"ok\"}",
        List.of(Problem.withFieldErrors(ProcessingErrorType.MONITOR_INVALID_CONFIG, "bad", Map.of("schedule", List.of("bad")))));
    ProcessingError b = new ProcessingError(UUID.randomUUID(), "p-1", null, T0.plusSeconds(1), "cron", null,
        List.of(Problem.of(ProcessingErrorType.CHECKIN_ENVIRONMENT_MISMATCH, "other", "existingEnvironment", "staging")));
    ProcessingError c = new ProcessingError(UUID.randomUUID(), "p-1", "job", T0.plusSeconds(2), "cron", "x",
        List.of(Problem.of(ProcessingErrorType.MONITOR_NOT_FOUND, "none")));

    store.putProcessingError(list, 1, 1, a, T0.plusSeconds(600));
    store.putProcessingError(list, 2, 2, b, T0.plusSeconds(600));
    store.putProcessingError(list, 1, 11, c, T0.plusSeconds(600));

    assertThat(store.processingErrors(list)).containsExactlyInAnyOrder(new ProcessingErrorStore.StoredError(11, c),
        new ProcessingErrorStore.StoredError(2, b));
    assertThat(store.deleteProcessingError(list, a.id())).as("replaced, so no longer there").isFalse();
    assertThat(store.deleteProcessingError(ErrorList.ofProject("p-1"), b.id())).isFalse();
    assertThat(store.deleteProcessingError(list, b.id())).isTrue();
    assertThat(store.processingErrors(list)).extracting(e -> e.error().id()).containsExactly(c.id());
  }

  @Test
  void aMonitorsOwner_isStoredAndReadBack() {
    Monitor owned = monitor("acme", "owned").withOwner(Owner.parse("team:42").value().orElseThrow());
    assertThat(store.putMonitor(owned)).isTrue();

    assertThat(store.monitor("acme", "owned")).contains(owned);
    assertThat(store.monitorsById(List.of(owned.id()))).containsEntry(owned.id(), owned);
  }
}
