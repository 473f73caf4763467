package dev.cronmon.dynamodb;

import static dev.cronmon.domain.store.KeyParts.require;
import static dev.cronmon.domain.store.KeyParts.valid;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.incident.ResolvedIncident;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.store.EnvironmentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Environments in their monitor's partition ({@code MON#{monitorId}} / {@code ENV#{name}}), each with its entry in the
 * sparse {@code due} index while something is due. One PutItem on the version, or one transaction with what the write
 * made (check-ins, a resolved incident).
 */
final class DynamoEnvironmentStore implements EnvironmentStore {
  private final Table table;
  private final DueShards shards;

  DynamoEnvironmentStore(Table table, DueShards shards) {
    this.table = table;
    this.shards = shards;
  }

  @Override
  public Optional<MonitorEnvironment> environment(String monitorId, String name) {
    if (!valid(monitorId) || !valid(name)) return Optional.empty();
    return table.get(Keys.environment(monitorId, name), true).map(EnvironmentItems::environment);
  }

  @Override
  public List<MonitorEnvironment> environments(String monitorId) {
    if (!valid(monitorId)) return List.of();
    return table.queryAll(table.beginsWith(Keys.monitorPk(monitorId), "ENV#").consistentRead(true).build()).stream()
        .map(EnvironmentItems::environment).toList();
  }

  @Override
  public int countEnvironments(String monitorId, int atMost) {
    if (!valid(monitorId)) return 0;
    return table.count(table.beginsWith(Keys.monitorPk(monitorId), "ENV#"), atMost);
  }

  @Override
  public boolean saveEnvironment(MonitorEnvironment env) {
    return table.put(item(env), Table.Condition.savingVersion(env.version()));
  }

  /** A PutItem when the environment is all there is to write; a transaction (twice the units) otherwise. */
  @Override
  public boolean saveEnvironmentChange(MonitorEnvironment env, List<CheckIn> checkIns, List<ResolvedIncident> resolved) {
    if (checkIns.isEmpty() && resolved.isEmpty()) return saveEnvironment(env);
    List<TransactWriteItem> writes = new ArrayList<>(1 + checkIns.size() + resolved.size());
    writes.add(table.putWrite(item(env), Table.Condition.savingVersion(env.version())));
    for (CheckIn c : checkIns) writes.add(table.putWrite(DynamoCheckInHistory.item(c), Table.Condition.savingVersion(c.version())));
    for (ResolvedIncident r : resolved) writes.add(table.putWrite(CheckInItems.resolvedIncident(r), Table.Condition.absent()));
    return table.transact(writes).committed();
  }

  @Override
  public boolean deleteEnvironment(MonitorEnvironment env) {
    return table.delete(Keys.environment(env.monitorId(), env.name()), Table.Condition.version(env.version()));
  }

  private Map<String, AttributeValue> item(MonitorEnvironment env) {
    require(env.monitorId(), "monitor id");
    require(env.name(), "environment name");
    return EnvironmentItems.environment(env, shards.key(env.monitorId(), env.name()));
  }
}
