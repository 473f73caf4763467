package dev.cronmon.dynamodb;

import dev.cronmon.domain.monitor.Monitor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Item shapes that earlier versions of cronmon wrote and that tables may still hold, read here and nowhere else (each
 * tested with a fixture item of its shape in LegacyItemsTest). They are read as they are rather than migrated when the
 * table is opened: finding them would take a Scan of the whole table, on a cold start. Drop a shape once no table
 * holds it.
 *
 * <ul>
 *   <li>A {@code monitor-ref} written before refs held a copy of their monitor: {@code monitorId}, {@code organization}
 *       and {@code slug} only, a pointer. {@link #followPointers} reads the monitors they point to; a monitor that is
 *       gone, or whose slug now names another monitor, counts as gone. Every write of a monitor rewrites its ref with
 *       the copy, so such refs disappear as their monitors change.</li>
 *   <li>A project created before project slugs were claimed: no {@code project-slug} item. Renaming or deleting it
 *       releases a claim that is absent ({@link #releasableSlugClaim}).</li>
 * </ul>
 *
 * Attributes added to a kind later (an environment's {@code checkInRate} and {@code disabled}, a config's thresholds)
 * are optional in every shape and read as their defaults when absent, in the item classes. What an environment's
 * fields mean in an earlier shape (a deadline without its slot) is the domain's to read:
 * dev.cronmon.domain.lifecycle.EarlierShapes.
 */
final class LegacyItems {
  private LegacyItems() {}

  /** Whether {@code ref} is a pointer only (written before refs held the monitor's copy). */
  static boolean isPointerOnly(Map<String, AttributeValue> ref) {
    return !(ref.containsKey("config") && ref.containsKey("id"));
  }

  /** The monitors of pointer-only {@code refs} that have the ids {@code wanted}, by id (one BatchGetItem). */
  static Map<String, Monitor> followPointers(Table table, List<Map<String, AttributeValue>> refs, Collection<String> wanted) {
    List<Map<String, AttributeValue>> monitorKeys = new ArrayList<>(refs.size());
    for (Map<String, AttributeValue> ref : refs) {
      monitorKeys.add(Keys.monitor(Attrs.s(ref, "organization"), Attrs.s(ref, "slug")));
    }
    Set<String> ids = new HashSet<>(wanted);
    Map<String, Monitor> out = new HashMap<>();
    for (Map<String, AttributeValue> item : table.batchGet(monitorKeys)) {
      Monitor monitor = MonitorItems.monitor(item);
      if (ids.contains(monitor.id())) out.put(monitor.id(), monitor);
    }
    return out;
  }

  /** Releasing a project's slug claim: the claim is this project's, or absent (a project older than claims). */
  static Table.Condition releasableSlugClaim(String projectId) {
    return new Table.Condition("attribute_not_exists(#pk) OR #p = :p", Map.of("#pk", TableSchema.PK, "#p", "projectId"),
        Map.of(":p", AttributeValue.fromS(projectId)));
  }
}
