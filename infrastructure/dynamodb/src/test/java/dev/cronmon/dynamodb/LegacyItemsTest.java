package dev.cronmon.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.store.UpdateOutcome;
import dev.cronmon.domain.tenant.Project;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Local integration layer: items of the shapes earlier versions wrote ({@link LegacyItems}), put into the table raw, as
 * such a table holds them, and read and changed through today's store.
 */
class LegacyItemsTest extends StoreTestSupport {

  /** A monitor-ref as written before refs held a copy of their monitor: a pointer to organization and slug. */
  private void putPointerOnlyRef(Monitor m) {
    client.putItem(b -> b.tableName(table).item(Map.of("PK", AttributeValue.fromS("MON#" + m.id()),
        "SK", AttributeValue.fromS("MONITOR"), "kind", AttributeValue.fromS("monitor-ref"),
        "monitorId", AttributeValue.fromS(m.id()), "organization", AttributeValue.fromS(m.organization()),
        "slug", AttributeValue.fromS(m.slug()))));
  }

  @Test
  void monitorsById_readsPointerOnlyRefsBesideRefsWithTheCopy() {
    // GIVEN a monitor with today's ref, and one whose ref is a pointer only
    Monitor current = Fixtures.monitor("acme", "current");
    Monitor old = Fixtures.monitor("acme", "old");
    store.putMonitor(current);
    store.putMonitor(old);
    putPointerOnlyRef(old);
    assertThat(LegacyItems.isPointerOnly(client.getItem(b -> b.tableName(table).key(Keys.monitorRef(old.id()))).item())).isTrue();

    // AND one whose ref is a pointer to a slug that now names another monitor (deleted and created again)
    Monitor replaced = Fixtures.monitor("acme", "hourly");
    store.putMonitor(replaced);
    putPointerOnlyRef(replaced);
    client.deleteItem(b -> b.tableName(table).key(Keys.monitor("acme", "hourly")));
    client.putItem(b -> b.tableName(table).item(MonitorItems.monitor(Fixtures.monitor("acme", "hourly"))));

    // WHEN they are read by id
    Map<String, Monitor> found = store.monitorsById(List.of(current.id(), old.id(), replaced.id(), "unknown"));

    // THEN the first two are found, the old one through its pointer; the pointer to a reused slug finds nothing
    assertThat(found).containsOnly(Map.entry(current.id(), current), Map.entry(old.id(), old));
  }

  @Test
  void aWriteOfTheMonitor_replacesItsPointerOnlyRefWithTheCopy() {
    Monitor old = Fixtures.monitor("acme", "old");
    store.putMonitor(old);
    putPointerOnlyRef(old);

    Monitor updated = old.withConfigError(null).withVersion(2);
    assertThat(store.replaceMonitor(updated)).isTrue();

    assertThat(LegacyItems.isPointerOnly(client.getItem(b -> b.tableName(table).key(Keys.monitorRef(old.id())).consistentRead(true)).item()))
        .isFalse();
    assertThat(store.monitorsById(List.of(old.id()))).containsExactly(Map.entry(old.id(), updated));
  }

  @Test
  void aProjectOlderThanSlugClaims_canBeRenamed_thenHoldsItsNewSlug_andCanBeDeleted() {
    // GIVEN a project and its listing copy, without the project-slug item projects get today
    Project legacy = new Project("7", "acme", "legacy", "Legacy", Fixtures.T0);
    client.putItem(b -> b.tableName(table).item(TenantItems.project(legacy, false)));
    client.putItem(b -> b.tableName(table).item(TenantItems.project(legacy, true)));

    // WHEN it is renamed
    Project renamed = new Project("7", "acme", "modern", "Modern", Fixtures.T0);
    UpdateOutcome outcome = store.updateProject(legacy, renamed);

    // THEN the rename went through, and the new slug is claimed like any project's
    assertThat(outcome).isEqualTo(UpdateOutcome.UPDATED);
    assertThat(store.putProject(new Project("8", "acme", "modern", "Copycat", Fixtures.T0))).isFalse();
    // AND deleting it releases that claim
    assertThat(store.deleteProject(renamed)).isTrue();
    assertThat(store.putProject(new Project("9", "acme", "modern", "Next", Fixtures.T0))).isTrue();
  }

  @Test
  void aProjectOlderThanSlugClaims_canBeDeletedAsItIs() {
    Project legacy = new Project("7", "acme", "legacy", "Legacy", Fixtures.T0);
    client.putItem(b -> b.tableName(table).item(TenantItems.project(legacy, false)));
    client.putItem(b -> b.tableName(table).item(TenantItems.project(legacy, true)));

    assertThat(store.deleteProject(legacy)).isTrue();
    assertThat(store.project("7")).isEmpty();
  }
}
