package dev.cronmon.dynamodb;

import static dev.cronmon.dynamodb.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.tenant.ApiToken;
import dev.cronmon.domain.tenant.DsnKey;
import dev.cronmon.domain.tenant.Organization;
import dev.cronmon.domain.tenant.Project;
import dev.cronmon.domain.tenant.Scope;
import dev.cronmon.domain.store.UpdateOutcome;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/** Projects, DSN keys, tokens and organization limits as the admin API uses them, against DynamoDB Local. */
class AdministrationStoreTest extends StoreTestSupport {

  private static final String KEY_A = "0123456789abcdef0123456789abcdef";
  private static final String KEY_B = "fedcba9876543210fedcba9876543210";

  @Test
  void replaceOrganization_storesLimits_onlyForAnExistingOrganization() {
    Organization org = new Organization("acme", "Acme", T0);
    store.putOrganization(org);

    boolean replaced = store.replaceOrganization(org.withLimits(5, 2));
    boolean missing = store.replaceOrganization(new Organization("nobody", "Nobody", T0, 5, 2));

    assertThat(replaced).isTrue();
    assertThat(store.organization("acme")).contains(new Organization("acme", "Acme", T0, 5, 2));
    assertThat(missing).isFalse();
    assertThat(store.organization("nobody")).isEmpty();
  }

  @Test
  void putProject_returnsFalse_whenTheSlugIsTakenInTheOrganization_butNotInAnother() {
    assertThat(store.putProject(new Project("1", "acme", "backend", "Backend", T0))).isTrue();

    boolean sameOrg = store.putProject(new Project("2", "acme", "backend", "Backend again", T0));
    boolean otherOrg = store.putProject(new Project("3", "globex", "backend", "Backend", T0));

    assertThat(sameOrg).isFalse();
    assertThat(store.project("2")).isEmpty();
    assertThat(otherOrg).isTrue();
  }

  @Test
  void updateProject_movesTheSlug_andFreesTheOldOne() {
    Project original = new Project("1", "acme", "backend", "Backend", T0);
    store.putProject(original);
    Project renamed = new Project("1", "acme", "api", "API", T0);

    UpdateOutcome outcome = store.updateProject(original, renamed);

    assertThat(outcome).isEqualTo(UpdateOutcome.UPDATED);
    assertThat(store.project("1")).contains(renamed);
    assertThat(store.projects("acme")).containsExactly(renamed);
    assertThat(store.putProject(new Project("2", "acme", "backend", "New backend", T0))).isTrue();
    assertThat(store.putProject(new Project("3", "acme", "api", "Clash", T0))).isFalse();
  }

  @Test
  void updateProject_reportsSlugTaken_andStale_writingNothing() {
    Project backend = new Project("1", "acme", "backend", "Backend", T0);
    Project frontend = new Project("2", "acme", "frontend", "Frontend", T0);
    store.putProject(backend);
    store.putProject(frontend);

    UpdateOutcome taken = store.updateProject(backend, new Project("1", "acme", "frontend", "Backend", T0));
    UpdateOutcome stale = store.updateProject(new Project("1", "acme", "backend", "Old name", T0), new Project("1", "acme", "backend", "Newer", T0));

    assertThat(taken).isEqualTo(UpdateOutcome.SLUG_TAKEN);
    assertThat(stale).isEqualTo(UpdateOutcome.STALE);
    assertThat(store.project("1")).contains(backend);
    assertThat(store.projects("acme")).containsExactlyInAnyOrder(backend, frontend);
  }

  @Test
  void deleteProject_removesItsItems_andReleasesItsSlug() {
    Project project = new Project("1", "acme", "backend", "Backend", T0);
    store.putProject(project);

    boolean deleted = store.deleteProject(project);
    boolean again = store.deleteProject(project);

    assertThat(deleted).isTrue();
    assertThat(again).isFalse();
    assertThat(store.project("1")).isEmpty();
    assertThat(store.projects("acme")).isEmpty();
    assertThat(store.putProject(new Project("2", "acme", "backend", "Backend", T0))).isTrue();
  }

  @Test
  void projectHasMonitors_findsAMonitorOfTheProject_amongOthers() {
    for (int i = 0; i < 5; i++) {
      var m = Fixtures.monitor("acme", "job-" + i);
      store.putMonitor(new dev.cronmon.domain.monitor.Monitor(m.id(), "acme", i == 4 ? "77" : "42", m.slug(), m.name(),
          m.status(), m.muted(), m.config(), m.dateCreated(), null, 1));
    }

    assertThat(store.projectHasMonitors("acme", "77")).isTrue();
    assertThat(store.projectHasMonitors("acme", "42")).isTrue();
    assertThat(store.projectHasMonitors("acme", "99")).isFalse();
    assertThat(store.projectHasMonitors("globex", "77")).isFalse();
  }

  @Test
  void dsnKeys_areListedPerProject_andADeletedKeyIsGoneAtOnce() {
    DsnKey a = new DsnKey(KEY_A, "42", "acme", "Default", false, T0);
    DsnKey b = new DsnKey(KEY_B, "42", "acme", "CI", false, T0.plusSeconds(1));
    store.putDsnKey(a);
    store.putDsnKey(b);
    store.putDsnKey(new DsnKey("11111111111111111111111111111111", "43", "acme", "Other", false, T0));

    assertThat(store.dsnKeys("42")).containsExactly(a, b);

    boolean deleted = store.deleteDsnKey(a);

    assertThat(deleted).isTrue();
    assertThat(store.dsnKey(KEY_A)).isEmpty();
    assertThat(store.dsnKeys("42")).containsExactly(b);
    assertThat(store.deleteDsnKey(a)).isFalse();
  }

  @Test
  void tokens_areListedPerOrganization_foundById_andADeletedTokenNoLongerAuthenticates() {
    ApiToken admin = new ApiToken("t1", "acme", "a".repeat(64), Set.of(Scope.ADMIN), "admin", T0);
    ApiToken ci = new ApiToken("t2", "acme", "b".repeat(64), Set.of(Scope.WRITE), "ci", T0.plusSeconds(1));
    ApiToken other = new ApiToken("t3", "globex", "c".repeat(64), Set.of(Scope.READ), "ro", T0);
    store.putToken(admin);
    store.putToken(ci);
    store.putToken(other);

    assertThat(store.tokens("acme")).containsExactly(admin, ci);
    assertThat(store.token("acme", "t2")).contains(ci);
    assertThat(store.token("acme", "t3")).isEmpty();

    boolean deleted = store.deleteToken(ci);

    assertThat(deleted).isTrue();
    assertThat(store.tokenByHash("b".repeat(64))).isEmpty();
    assertThat(store.tokens("acme")).containsExactly(admin);
    assertThat(store.deleteToken(ci)).isFalse();
  }

  @Test
  void credentialLookups_areStronglyConsistent_soARevocationHoldsFromTheNextRequest() {
    // GIVEN a store whose client records every GetItem it sends
    List<GetItemRequest> gets = new CopyOnWriteArrayList<>();
    ExecutionInterceptor recorder = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof GetItemRequest get) gets.add(get);
      }
    };
    DynamoCronStore watched = new DynamoCronStore(clientWith(recorder), table);
    store.putDsnKey(new DsnKey(KEY_A, "42", "acme", "Default", false, T0));
    store.putToken(new ApiToken("t1", "acme", "a".repeat(64), Set.of(Scope.WRITE), "ci", T0));

    // WHEN a check-in's credential is looked up, by DSN key and by token
    boolean keyFound = watched.dsnKey(KEY_A).isPresent();
    boolean tokenFound = watched.tokenByHash("a".repeat(64)).isPresent();

    // THEN both reads are strongly consistent: an eventually consistent one could still see a just-revoked credential
    assertThat(keyFound).isTrue();
    assertThat(tokenFound).isTrue();
    assertThat(gets).hasSize(2).allSatisfy(get -> assertThat(get.consistentRead()).isTrue());
  }

  @Test
  void tokenCopy_holdsTheHash_neverASecret() {
    store.putToken(new ApiToken("t1", "acme", "a".repeat(64), Set.of(Scope.ADMIN), "admin", T0));

    Map<String, AttributeValue> copy = client.getItem(b -> b.tableName(table)
        .key(Map.of("PK", AttributeValue.fromS("ORG#acme"), "SK", AttributeValue.fromS("TOKEN#t1")))).item();

    assertThat(copy.get("kind").s()).isEqualTo("token-ref");
    assertThat(copy.get("sha256").s()).isEqualTo("a".repeat(64));
    assertThat(copy.keySet()).containsExactlyInAnyOrder("PK", "SK", "kind", "id", "organization", "sha256", "scopes", "name", "dateCreated");
  }
}
