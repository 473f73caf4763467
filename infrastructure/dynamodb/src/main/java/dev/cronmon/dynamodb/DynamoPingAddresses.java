package dev.cronmon.dynamodb;

import static dev.cronmon.domain.store.KeyParts.valid;
import static dev.cronmon.dynamodb.Attrs.instant;
import static dev.cronmon.dynamodb.Attrs.item;
import static dev.cronmon.dynamodb.Attrs.s;

import dev.cronmon.domain.monitor.MonitorPing;
import dev.cronmon.domain.store.PingAddresses;
import dev.cronmon.domain.tenant.PingKey;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link PingAddresses} on the table (docs/data-model.md): a ping UUID is the item {@code PING#{uuid}} / {@code PING}
 * naming its monitor, a ping key the item {@code PINGKEY#{key}} / {@code PINGKEY} naming its project, each found by the
 * secret with one strongly consistent GetItem; a copy under the owner ({@code MON#{id}} / {@code PING},
 * {@code PROJECT#{id}} / {@code PINGKEY}) says which one is current. A secret and its copy are written, replaced and
 * deleted in one transaction, so a rotated secret stops working in the very write that makes the new one.
 */
final class DynamoPingAddresses implements PingAddresses {
  private static final String PING_SK = "PING";
  private static final String PING_KEY_SK = "PINGKEY";
  private final Table table;

  DynamoPingAddresses(Table table) {
    this.table = table;
  }

  // --- monitors' ping UUIDs ----------------------------------------------------------------------------------

  @Override
  public Optional<MonitorPing> monitorPing(UUID pingId) {
    return table.get(pingItemKey(pingId), true).map(DynamoPingAddresses::monitorPing);
  }

  @Override
  public Optional<MonitorPing> pingOfMonitor(String monitorId) {
    if (!valid(monitorId)) return Optional.empty();
    return table.get(Keys.key(Keys.monitorPk(monitorId), PING_SK), true).map(DynamoPingAddresses::monitorPing);
  }

  @Override
  public boolean putMonitorPing(MonitorPing ping) {
    return create(pingItem(ping, false), pingItem(ping, true));
  }

  @Override
  public boolean replaceMonitorPing(MonitorPing previous, MonitorPing next) {
    if (!previous.monitorId().equals(next.monitorId())) throw new IllegalArgumentException("a ping UUID moves within its monitor only");
    return replace(pingItemKey(previous.pingId()), pingItem(next, false), pingItem(next, true), "pingId", previous.pingId().toString());
  }

  @Override
  public boolean deleteMonitorPing(MonitorPing ping) {
    return delete(pingItemKey(ping.pingId()), Keys.key(Keys.monitorPk(ping.monitorId()), PING_SK), "pingId", ping.pingId().toString());
  }

  private static Map<String, AttributeValue> pingItemKey(UUID pingId) {
    return Keys.key("PING#" + pingId, PING_SK);
  }

  /** The ping item, or ({@code ownerCopy}) its copy in the monitor's partition. */
  private static Map<String, AttributeValue> pingItem(MonitorPing p, boolean ownerCopy) {
    return item().s(TableSchema.PK, ownerCopy ? Keys.monitorPk(p.monitorId()) : "PING#" + p.pingId())
        .s(TableSchema.SK, PING_SK).s(Keys.KIND, ownerCopy ? "monitor-ping-ref" : "monitor-ping")
        .s("pingId", p.pingId().toString()).s("organization", p.organization()).s("monitorId", p.monitorId())
        .instant("dateCreated", p.dateCreated()).build();
  }

  private static MonitorPing monitorPing(Map<String, AttributeValue> i) {
    return new MonitorPing(UUID.fromString(s(i, "pingId")), s(i, "organization"), s(i, "monitorId"), instant(i, "dateCreated"));
  }

  // --- projects' ping keys -----------------------------------------------------------------------------------

  @Override
  public Optional<PingKey> pingKey(String key) {
    if (!valid(key)) return Optional.empty();
    return table.get(keyItemKey(key), true).map(DynamoPingAddresses::pingKeyOf);
  }

  @Override
  public Optional<PingKey> pingKeyOfProject(String projectId) {
    if (!valid(projectId)) return Optional.empty();
    return table.get(Keys.key(Keys.projectPk(projectId), PING_KEY_SK), true).map(DynamoPingAddresses::pingKeyOf);
  }

  @Override
  public boolean putPingKey(PingKey key) {
    return create(keyItem(key, false), keyItem(key, true));
  }

  @Override
  public boolean replacePingKey(PingKey previous, PingKey next) {
    if (!previous.projectId().equals(next.projectId())) throw new IllegalArgumentException("a ping key moves within its project only");
    return replace(keyItemKey(previous.key()), keyItem(next, false), keyItem(next, true), "key", previous.key());
  }

  @Override
  public boolean deletePingKey(PingKey key) {
    return delete(keyItemKey(key.key()), Keys.key(Keys.projectPk(key.projectId()), PING_KEY_SK), "key", key.key());
  }

  private static Map<String, AttributeValue> keyItemKey(String key) {
    return Keys.key("PINGKEY#" + key, PING_KEY_SK);
  }

  /** The key item, or ({@code ownerCopy}) its copy in the project's partition. */
  private static Map<String, AttributeValue> keyItem(PingKey k, boolean ownerCopy) {
    return item().s(TableSchema.PK, ownerCopy ? Keys.projectPk(k.projectId()) : "PINGKEY#" + k.key())
        .s(TableSchema.SK, PING_KEY_SK).s(Keys.KIND, ownerCopy ? "ping-key-ref" : "ping-key")
        .s("key", k.key()).s("organization", k.organization()).s("projectId", k.projectId())
        .instant("dateCreated", k.dateCreated()).build();
  }

  private static PingKey pingKeyOf(Map<String, AttributeValue> i) {
    return new PingKey(s(i, "key"), s(i, "organization"), s(i, "projectId"), instant(i, "dateCreated"));
  }

  // --- a secret and its owner's copy, always together ---------------------------------------------------------

  /** The owner's first secret: neither the secret nor the owner's copy may exist. */
  private boolean create(Map<String, AttributeValue> secret, Map<String, AttributeValue> ownerCopy) {
    return table.commit(table.putWrite(secret, Table.Condition.absent()), table.putWrite(ownerCopy, Table.Condition.absent()));
  }

  /** The old secret goes, the new one comes, and the owner's copy moves from {@code expected} to it: all or nothing. */
  private boolean replace(Map<String, AttributeValue> oldSecretKey, Map<String, AttributeValue> secret,
                          Map<String, AttributeValue> ownerCopy, String attribute, String expected) {
    return table.commit(table.deleteWrite(oldSecretKey, Table.Condition.exists()), table.putWrite(secret, Table.Condition.absent()),
        table.putWrite(ownerCopy, holds(attribute, expected)));
  }

  private boolean delete(Map<String, AttributeValue> secretKey, Map<String, AttributeValue> ownerCopyKey, String attribute, String expected) {
    return table.commit(table.deleteWrite(secretKey, Table.Condition.exists()), table.deleteWrite(ownerCopyKey, holds(attribute, expected)));
  }

  /** The owner's copy still names {@code expected} as its current secret. */
  private static Table.Condition holds(String attribute, String expected) {
    return new Table.Condition("#a = :a", Map.of("#a", attribute), Map.of(":a", AttributeValue.fromS(expected)));
  }
}
