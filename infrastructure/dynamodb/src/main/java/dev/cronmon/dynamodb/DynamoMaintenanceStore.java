package dev.cronmon.dynamodb;

import static dev.cronmon.domain.store.KeyParts.require;
import static dev.cronmon.domain.store.KeyParts.valid;
import static dev.cronmon.dynamodb.Attrs.instant;
import static dev.cronmon.dynamodb.Attrs.item;
import static dev.cronmon.dynamodb.Attrs.longN;
import static dev.cronmon.dynamodb.Attrs.s;

import dev.cronmon.domain.maintenance.MaintenanceWindow;
import dev.cronmon.domain.monitor.Owner;
import dev.cronmon.domain.schedule.CrontabSchedule;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maintenance windows in their organization's partition ({@code MAINTENANCE#{id}}, docs/data-model.md): one Query
 * reads all of an organization's, which is what the sweeper does once per organization and tick (rule M4).
 */
final class DynamoMaintenanceStore {
  private final Table table;

  DynamoMaintenanceStore(Table table) {
    this.table = table;
  }

  Optional<MaintenanceWindow> window(String organization, String id) {
    if (!valid(organization) || !valid(id)) return Optional.empty();
    return table.get(key(organization, id), true).map(DynamoMaintenanceStore::window);
  }

  /** One Query of the organization's partition ({@code MAINTENANCE#} items), strongly consistent. */
  List<MaintenanceWindow> windows(String organization) {
    if (!valid(organization)) return List.of();
    return table.queryAll(table.beginsWith(Keys.orgPk(organization), "MAINTENANCE#").consistentRead(true).build()).stream()
        .map(DynamoMaintenanceStore::window).toList();
  }

  boolean save(MaintenanceWindow window) {
    require(window.organization(), "organization");
    require(window.id(), "window id");
    return table.put(toItem(window), Table.Condition.savingVersion(window.version()));
  }

  boolean delete(String organization, String id, long version) {
    if (!valid(organization) || !valid(id)) return false;
    return table.delete(key(organization, id), Table.Condition.version(version));
  }

  private static Map<String, AttributeValue> key(String organization, String id) {
    return Keys.key(Keys.orgPk(organization), Keys.maintenanceSk(id));
  }

  static Map<String, AttributeValue> toItem(MaintenanceWindow w) {
    Attrs.Item i = item().s(TableSchema.PK, Keys.orgPk(w.organization())).s(TableSchema.SK, Keys.maintenanceSk(w.id()))
        .s(Keys.KIND, "maintenance-window")
        .s("id", w.id()).s("organization", w.organization()).s("name", w.name()).instant("dateCreated", w.dateCreated())
        .n(Keys.VERSION, w.version());
    if (w.timing() instanceof MaintenanceWindow.OneOff once) {
      i.instant("start", once.start()).instant("end", once.end());
    } else if (w.timing() instanceof MaintenanceWindow.Recurring every) {
      i.s("schedule", every.schedule().expression()).s("timezone", every.timezone().getId()).n("durationMinutes", every.duration().toMinutes());
    }
    if (w.target() instanceof MaintenanceWindow.Monitors m) i.strings("monitors", m.slugs());
    else if (w.target() instanceof MaintenanceWindow.Project p) i.s("projectId", p.projectId());
    else if (w.target() instanceof MaintenanceWindow.OwnedBy o) i.s("owner", o.owner().value());
    return i.build();
  }

  static MaintenanceWindow window(Map<String, AttributeValue> i) {
    MaintenanceWindow.Timing timing = i.containsKey("schedule")
        ? new MaintenanceWindow.Recurring(new CrontabSchedule(s(i, "schedule")), ZoneId.of(s(i, "timezone")),
            Duration.ofMinutes(longN(i, "durationMinutes", 0)))
        : new MaintenanceWindow.OneOff(instant(i, "start"), instant(i, "end"));
    MaintenanceWindow.Target target = i.containsKey("monitors") ? new MaintenanceWindow.Monitors(Attrs.strings(i, "monitors"))
        : i.containsKey("projectId") ? new MaintenanceWindow.Project(s(i, "projectId"))
        : new MaintenanceWindow.OwnedBy(Owner.parse(s(i, "owner")).value()
            .orElseThrow(() -> new IllegalStateException("stored maintenance window has owner " + s(i, "owner"))));
    return new MaintenanceWindow(s(i, "id"), s(i, "organization"), s(i, "name"), timing, target, instant(i, "dateCreated"),
        longN(i, Keys.VERSION, 0));
  }
}
