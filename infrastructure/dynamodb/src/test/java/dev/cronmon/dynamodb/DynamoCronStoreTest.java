package dev.cronmon.dynamodb;

import static dev.cronmon.dynamodb.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.monitor.EnvironmentStatus;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.store.Page;
import dev.cronmon.domain.tenant.ApiToken;
import dev.cronmon.domain.tenant.DsnKey;
import dev.cronmon.domain.tenant.Organization;
import dev.cronmon.domain.tenant.Project;
import dev.cronmon.domain.tenant.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoCronStoreTest extends StoreTestSupport {

  // --- tenancy ---

  @Test
  void organization_roundTrips() {
    Organization org = new Organization("acme", "Acme Inc.", T0);
    assertThat(store.putOrganization(org)).isTrue();
    assertThat(store.organization("acme")).contains(org);
    assertThat(store.organization("other")).isEmpty();
  }

  @Test
  void putOrganization_returnsFalse_whenSlugExists_andKeepsTheFirst() {
    Organization first = new Organization("acme", "Acme", T0);
    assertThat(store.putOrganization(first)).isTrue();
    assertThat(store.putOrganization(new Organization("acme", "Impostor", T0.plusSeconds(1)))).isFalse();
    assertThat(store.organization("acme")).contains(first);
  }

  @Test
  void project_roundTrips_andIsListedByItsOrganizationOnly() {
    Project p1 = new Project("1", "acme", "backend", "Backend", T0);
    Project p2 = new Project("22", "acme", "frontend", "Frontend", T0.plusSeconds(5));
    Project other = new Project("3", "globex", "ops", "Ops", T0);
    assertThat(store.putProject(p1)).isTrue();
    assertThat(store.putProject(p2)).isTrue();
    assertThat(store.putProject(other)).isTrue();

    assertThat(store.project("22")).contains(p2);
    assertThat(store.projects("acme")).containsExactlyInAnyOrder(p1, p2);
    assertThat(store.projects("globex")).containsExactly(other);
    assertThat(store.projects("nobody")).isEmpty();
  }

  @Test
  void putProject_returnsFalse_whenIdExists_andWritesNeitherItem() {
    Project first = new Project("7", "acme", "backend", "Backend", T0);
    assertThat(store.putProject(first)).isTrue();
    assertThat(store.putProject(new Project("7", "globex", "stolen", "Stolen", T0))).isFalse();
    assertThat(store.project("7")).contains(first);
    assertThat(store.projects("globex")).isEmpty();
  }

  @Test
  void dsnKey_roundTrips_includingRevoked() {
    DsnKey key = new DsnKey("0123456789abcdef0123456789abcdef", "42", "acme", "Default", true, T0);
    assertThat(store.putDsnKey(key)).isTrue();
    assertThat(store.dsnKey(key.publicKey())).contains(key);
    assertThat(store.putDsnKey(new DsnKey(key.publicKey(), "43", "globex", "x", false, T0))).isFalse();
    assertThat(store.dsnKey(key.publicKey())).contains(key);
  }

  @Test
  void token_roundTrips_withItsScopes() {
    ApiToken token = new ApiToken(UUID.randomUUID().toString(), "acme", "ab".repeat(32), Set.of(Scope.READ, Scope.ADMIN), "ci", T0);
    ApiToken noScopes = new ApiToken(UUID.randomUUID().toString(), "acme", "cd".repeat(32), Set.of(), "none", T0);
    assertThat(store.putToken(token)).isTrue();
    assertThat(store.putToken(noScopes)).isTrue();
    assertThat(store.tokenByHash(token.sha256())).contains(token);
    assertThat(store.tokenByHash(noScopes.sha256())).contains(noScopes);
    assertThat(store.putToken(token)).isFalse();
  }

  @Test
  void lookups_findNothing_forKeysThatCannotExist() {
    String huge = "x".repeat(5000);
    String loneSurrogate = "a\uD800b";
    assertThat(store.dsnKey(huge)).isEmpty();
    assertThat(store.dsnKey(loneSurrogate)).isEmpty();
    assertThat(store.dsnKey("")).isEmpty();
    assertThat(store.tokenByHash(huge)).isEmpty();
    assertThat(store.organization(huge)).isEmpty();
    assertThat(store.project(loneSurrogate)).isEmpty();
    assertThat(store.projects(huge)).isEmpty();
    assertThat(store.monitor("acme", huge)).isEmpty();
    assertThat(store.monitors(huge, null, 10).items()).isEmpty();
    assertThat(store.environment("m", huge)).isEmpty();
    assertThat(store.environments(huge)).isEmpty();
    assertThat(store.checkIns("m", huge, null, 10).items()).isEmpty();
  }

  // --- monitors ---

  @Test
  void monitor_roundTrips_withCrontabAndIntervalConfig() {
    Monitor cron = Fixtures.monitor("acme", "nightly");
    Monitor interval = new Monitor(UUID.randomUUID().toString(), "acme", "42", "hourly", "Hourly", MonitorStatus.DISABLED,
        false, Fixtures.intervalConfig(), T0, null, 1);
    assertThat(store.putMonitor(cron)).isTrue();
    assertThat(store.putMonitor(interval)).isTrue();
    assertThat(store.monitor("acme", "nightly")).contains(cron);
    assertThat(store.monitor("acme", "hourly")).contains(interval);
  }

  @Test
  void monitor_isInvisibleToAnotherOrganization() {
    assertThat(store.putMonitor(Fixtures.monitor("acme", "nightly"))).isTrue();
    assertThat(store.monitor("globex", "nightly")).isEmpty();
    assertThat(store.monitors("globex", null, 10).items()).isEmpty();
  }

  @Test
  void putMonitor_returnsFalse_whenSlugIsTakenInTheOrganization() {
    Monitor first = Fixtures.monitor("acme", "nightly");
    assertThat(store.putMonitor(first)).isTrue();
    assertThat(store.putMonitor(Fixtures.monitor("acme", "nightly"))).isFalse();
    assertThat(store.monitor("acme", "nightly")).contains(first);
    assertThat(store.putMonitor(Fixtures.monitor("globex", "nightly"))).isTrue();
  }

  @Test
  void replaceMonitor_writesTheNextVersion() {
    Monitor v1 = Fixtures.monitor("acme", "nightly");
    store.putMonitor(v1);
    Monitor v2 = v1.withConfig(Fixtures.intervalConfig()).withVersion(2);
    assertThat(store.replaceMonitor(v2)).isTrue();
    assertThat(store.monitor("acme", "nightly")).contains(v2);
  }

  @Test
  void replaceMonitor_returnsFalse_whenVersionIsStale_andLeavesTheStoredItemUnchanged() {
    Monitor v1 = Fixtures.monitor("acme", "nightly");
    store.putMonitor(v1);
    Monitor v2 = v1.withConfigError(null).withVersion(2);
    assertThat(store.replaceMonitor(v2)).isTrue();
    assertThat(store.replaceMonitor(v1.withConfig(Fixtures.intervalConfig()).withVersion(2))).isFalse();
    assertThat(store.replaceMonitor(v1.withVersion(4))).isFalse();
    assertThat(store.monitor("acme", "nightly")).contains(v2);
  }

  @Test
  void replaceMonitor_returnsFalse_whenTheMonitorDoesNotExist() {
    assertThat(store.replaceMonitor(Fixtures.monitor("acme", "ghost").withVersion(2))).isFalse();
    assertThat(store.monitor("acme", "ghost")).isEmpty();
  }

  @Test
  void monitors_arePagedWithACursor_inSlugOrder_withoutAnEmptyLastPage() {
    List<String> slugs = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      String slug = String.format("job-%02d", i);
      slugs.add(slug);
      store.putMonitor(Fixtures.monitor("acme", slug));
    }
    store.putOrganization(new Organization("acme", "Acme", T0));
    store.putProject(new Project("9", "acme", "p", "P", T0));
    store.putMonitor(Fixtures.monitor("globex", "job-00"));

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page<Monitor> page = store.monitors("acme", cursor, 10);
      page.items().forEach(m -> seen.add(m.slug()));
      assertThat(page.items()).isNotEmpty().allMatch(m -> m.organization().equals("acme"));
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(slugs);

    Page<Monitor> exact = store.monitors("acme", null, 25);
    assertThat(exact.items()).hasSize(25);
    assertThat(exact.nextCursor()).isNull();
  }

  @Test
  void monitors_rejectMalformedCursors_asIllegalArgument() {
    store.putMonitor(Fixtures.monitor("acme", "a"));
    for (String bad : List.of("%%%", "bm90LWEtY3Vyc29y", "YzE6MjAyNS0wMS0wMVQwMDowMDowMC4wMDBaIzEyMw", "x".repeat(2000))) {
      assertThatThrownBy(() -> store.monitors("acme", bad, 10))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("Invalid cursor");
    }
  }

  @Test
  void monitors_cursorOfOneOrganization_onlyPositionsWithinAnother() {
    store.putMonitor(Fixtures.monitor("acme", "a"));
    store.putMonitor(Fixtures.monitor("acme", "b"));
    store.putMonitor(Fixtures.monitor("globex", "a"));
    store.putMonitor(Fixtures.monitor("globex", "c"));
    String acmeCursor = store.monitors("acme", null, 1).nextCursor();
    assertThat(store.monitors("globex", acmeCursor, 10).items()).extracting(Monitor::slug).containsExactly("c");
  }

  // --- environments ---

  @Test
  void environment_roundTrips_withOpenRunsStreaksIncidentAndOutbox() {
    MonitorEnvironment env = Fixtures.fullEnvironment("mon-1", "production");
    assertThat(store.saveEnvironment(env)).isTrue();
    assertThat(store.environment("mon-1", "production")).contains(env);
  }

  @Test
  void environment_roundTrips_whenFresh() {
    MonitorEnvironment env = Fixtures.idleEnvironment("mon-1", "staging ünïcode");
    assertThat(store.saveEnvironment(env)).isTrue();
    assertThat(store.environment("mon-1", "staging ünïcode")).contains(env);
  }

  @Test
  void environments_listsEveryEnvironmentOfTheMonitorOnly() {
    MonitorEnvironment prod = Fixtures.fullEnvironment("mon-1", "production");
    MonitorEnvironment staging = Fixtures.idleEnvironment("mon-1", "staging");
    store.saveEnvironment(prod);
    store.saveEnvironment(staging);
    store.saveEnvironment(Fixtures.idleEnvironment("mon-2", "production"));
    assertThat(store.environments("mon-1")).containsExactlyInAnyOrder(prod, staging);
    assertThat(store.environments("mon-3")).isEmpty();
  }

  @Test
  void saveEnvironment_returnsFalse_whenVersion1AlreadyExists() {
    MonitorEnvironment first = Fixtures.idleEnvironment("mon-1", "production");
    assertThat(store.saveEnvironment(first)).isTrue();
    assertThat(store.saveEnvironment(Fixtures.fullEnvironment("mon-1", "production"))).isFalse();
    assertThat(store.environment("mon-1", "production")).contains(first);
  }

  @Test
  void saveEnvironment_returnsFalse_whenVersionIsStale() {
    MonitorEnvironment v1 = Fixtures.idleEnvironment("mon-1", "production");
    store.saveEnvironment(v1);
    MonitorEnvironment v2 = v1.toBuilder().status(EnvironmentStatus.OK).lastCheckIn(T0.plusSeconds(1)).version(2).build();
    assertThat(store.saveEnvironment(v2)).isTrue();

    MonitorEnvironment staleV2 = v1.toBuilder().status(EnvironmentStatus.ERROR).version(2).build();
    assertThat(store.saveEnvironment(staleV2)).isFalse();
    assertThat(store.saveEnvironment(v1.toBuilder().version(5).build())).isFalse();
    assertThat(store.environment("mon-1", "production")).contains(v2);
  }

  @Test
  void saveEnvironment_returnsFalse_whenReplacingAnEnvironmentThatDoesNotExist() {
    assertThat(store.saveEnvironment(Fixtures.idleEnvironment("mon-1", "production").toBuilder().version(2).build())).isFalse();
    assertThat(store.environment("mon-1", "production")).isEmpty();
  }

  @Test
  void saveEnvironment_refusesVersionZero() {
    assertThatThrownBy(() -> store.saveEnvironment(MonitorEnvironment.fresh("mon-1", "production", T0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void saveEnvironment_racingAtTheSameVersion_exactlyOneWins() throws Exception {
    MonitorEnvironment v1 = Fixtures.idleEnvironment("mon-1", "production");
    store.saveEnvironment(v1);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      MonitorEnvironment current = v1;
      for (int round = 0; round < 10; round++) {
        CyclicBarrier barrier = new CyclicBarrier(threads);
        List<Future<Boolean>> results = new ArrayList<>();
        List<MonitorEnvironment> candidates = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          MonitorEnvironment candidate = current.toBuilder().okStreak(t).version(current.version() + 1).build();
          candidates.add(candidate);
          results.add(pool.submit(() -> {
            barrier.await();
            return store.saveEnvironment(candidate);
          }));
        }
        List<MonitorEnvironment> winners = new ArrayList<>();
        for (int t = 0; t < threads; t++) if (results.get(t).get()) winners.add(candidates.get(t));
        assertThat(winners).as("round %d", round).hasSize(1);
        assertThat(store.environment("mon-1", "production")).contains(winners.get(0));
        current = winners.get(0);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // --- check-ins ---

  @Test
  void checkIn_roundTrips_withConfigSnapshotAndEveryField() {
    CheckIn full = Fixtures.fullCheckIn("mon-1");
    assertThat(store.saveCheckIn(full)).isTrue();
    assertThat(store.checkIn(full.id())).contains(full);
    assertThat(store.checkIn(UUID.randomUUID())).isEmpty();
  }

  @Test
  void saveCheckIn_returnsFalse_whenTheIdIsTaken() {
    CheckIn first = Fixtures.checkIn("mon-1", "production", T0);
    assertThat(store.saveCheckIn(first)).isTrue();
    CheckIn sameId = new CheckIn(first.id(), "mon-2", "7", "production", CheckInStatus.OK, 5L, T0, T0, null, null,
        Fixtures.cronConfig(), null, 1);
    assertThat(store.saveCheckIn(sameId)).isFalse();
    assertThat(store.checkIn(first.id())).contains(first);
  }

  @Test
  void saveCheckIn_closesARun_onceOnly() {
    CheckIn open = Fixtures.checkIn("mon-1", "production", T0);
    store.saveCheckIn(open);
    CheckIn ok = open.close(CheckInStatus.OK, 1000L, T0.plusSeconds(1));
    CheckIn error = open.close(CheckInStatus.ERROR, 2000L, T0.plusSeconds(2));
    assertThat(store.saveCheckIn(ok)).isTrue();
    assertThat(store.saveCheckIn(error)).isFalse();
    assertThat(store.checkIn(open.id())).contains(ok);
  }

  @Test
  void saveCheckIn_writesTheTtlAttribute_90DaysAfterCreation() {
    CheckIn c = Fixtures.checkIn("mon-1", "production", T0);
    store.saveCheckIn(c);
    Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table)
        .key(Map.of("PK", AttributeValue.fromS("CHECKIN#" + c.id()), "SK", AttributeValue.fromS("CHECKIN")))).item();
    assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(T0.plusSeconds(90L * 24 * 3600).getEpochSecond()));
    assertThat(item.get("historyPk").s()).isEqualTo("MON#mon-1");
    assertThat(item.get("historySk").s()).isEqualTo("2025-03-30T00:59:12.345Z#" + c.id());
  }
}
