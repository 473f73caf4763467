package dev.cronmon.dynamodb;

import static dev.cronmon.domain.store.KeyParts.valid;
import static dev.cronmon.dynamodb.Attrs.instant;
import static dev.cronmon.dynamodb.Attrs.item;
import static dev.cronmon.dynamodb.Attrs.s;

import dev.cronmon.domain.monitor.MonitorPing;
import dev.cronmon.domain.store.BadgeKeys;
import dev.cronmon.domain.store.PingAddresses;
import dev.cronmon.domain.tenant.BadgeKey;
import dev.cronmon.domain.tenant.PingKey;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link PingAddresses} on the table (docs/data-model.md): a ping UUID is the item {@code PING#{uuid}} / {@code PING}
 * naming its monitor, a ping key the item {@code PINGKEY#{key}} / {@code PINGKEY} naming its project, each found by the
 * secret with one strongly consistent GetItem; a copy under the owner ({@code MON#{id}} / {@code PING},
 * {@code PROJECT#{id}} / {@code PINGKEY}) says which one is current. A secret and its copy are written, replaced and
 * deleted in one transaction, so a rotated secret stops working in the very write that makes the new one. A
 * project's badge key ({@link BadgeKeys}: {@code BADGEKEY#{key}} / {@code BADGEKEY}, its copy {@code PROJECT#{id}} /
 * {@code BADGEKEY}) is a public address of the same shape.
 */
final class DynamoPingAddresses implements PingAddresses, BadgeKeys {
  private static final String PING_SK = "PING";
  private final Table table;
  private final ProjectKeys<PingKey> pingKeys = new ProjectKeys<>("PINGKEY", "ping-key", PingKey::new,
      k -> new Fields(k.key(), k.organization(), k.projectId(), k.dateCreated()));
  private final ProjectKeys<BadgeKey> badgeKeys = new ProjectKeys<>("BADGEKEY", "badge-key", BadgeKey::new,
      k -> new Fields(k.key(), k.organization(), k.projectId(), k.dateCreated()));

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

  static Map<String, AttributeValue> pingItemKey(UUID pingId) {
    return Keys.key("PING#" + pingId, PING_SK);
  }

  /** The ping item, or ({@code ownerCopy}) its copy in the monitor's partition. */
  private static Map<String, AttributeValue> pingItem(MonitorPing p, boolean ownerCopy) {
    return item().s(TableSchema.PK, ownerCopy ? Keys.monitorPk(p.monitorId()) : "PING#" + p.pingId())
        .s(TableSchema.SK, PING_SK).s(Keys.KIND, ownerCopy ? "monitor-ping-ref" : "monitor-ping")
        .s("pingId", p.pingId().toString()).s("organization", p.organization()).s("monitorId", p.monitorId())
        .instant("dateCreated", p.dateCreated()).build();
  }

  static MonitorPing monitorPing(Map<String, AttributeValue> i) {
    return new MonitorPing(UUID.fromString(s(i, "pingId")), s(i, "organization"), s(i, "monitorId"), instant(i, "dateCreated"));
  }

  // --- projects' ping keys and badge keys ------------------------------------------------------------------------

  @Override
  public Optional<PingKey> pingKey(String key) {
    return pingKeys.bySecret(key);
  }

  /** The item of ping key {@code key}, for a read of several items ({@link DynamoCheckInReads}). */
  Map<String, AttributeValue> pingKeyItemKey(String key) {
    return pingKeys.itemKey(key);
  }

  PingKey pingKey(Map<String, AttributeValue> item) {
    return pingKeys.read(item);
  }

  @Override
  public Optional<PingKey> pingKeyOfProject(String projectId) {
    return pingKeys.ofProject(projectId);
  }

  @Override
  public boolean putPingKey(PingKey key) {
    return pingKeys.put(key);
  }

  @Override
  public boolean replacePingKey(PingKey previous, PingKey next) {
    return pingKeys.replace(previous, next);
  }

  @Override
  public boolean deletePingKey(PingKey key) {
    return pingKeys.delete(key);
  }

  @Override
  public Optional<BadgeKey> badgeKey(String key) {
    return badgeKeys.bySecret(key);
  }

  @Override
  public Optional<BadgeKey> badgeKeyOfProject(String projectId) {
    return badgeKeys.ofProject(projectId);
  }

  @Override
  public boolean putBadgeKey(BadgeKey key) {
    return badgeKeys.put(key);
  }

  @Override
  public boolean replaceBadgeKey(BadgeKey previous, BadgeKey next) {
    return badgeKeys.replace(previous, next);
  }

  @Override
  public boolean deleteBadgeKey(BadgeKey key) {
    return badgeKeys.delete(key);
  }

  /** What every kind of project key holds. */
  private record Fields(String key, String organization, String projectId, Instant dateCreated) {}

  /** Makes a project key of one kind from its fields. */
  @FunctionalInterface
  private interface Make<T> {
    T of(String key, String organization, String projectId, Instant dateCreated);
  }

  /**
   * One kind of project key: the item {@code {SK}#{key}} / {@code {SK}} naming its project, and its copy
   * {@code PROJECT#{id}} / {@code {SK}}, of kinds {@code kind} and {@code kind-ref}.
   */
  private final class ProjectKeys<T> {
    private final String sk;
    private final String kind;
    private final Make<T> make;
    private final Function<T, Fields> fields;

    ProjectKeys(String sk, String kind, Make<T> make, Function<T, Fields> fields) {
      this.sk = sk;
      this.kind = kind;
      this.make = make;
      this.fields = fields;
    }

    Optional<T> bySecret(String key) {
      if (!valid(key)) return Optional.empty();
      return table.get(itemKey(key), true).map(this::read);
    }

    Optional<T> ofProject(String projectId) {
      if (!valid(projectId)) return Optional.empty();
      return table.get(Keys.key(Keys.projectPk(projectId), sk), true).map(this::read);
    }

    boolean put(T key) {
      return create(item(key, false), item(key, true));
    }

    boolean replace(T previous, T next) {
      Fields p = fields.apply(previous);
      if (!p.projectId().equals(fields.apply(next).projectId())) throw new IllegalArgumentException("a " + kind + " moves within its project only");
      return DynamoPingAddresses.this.replace(itemKey(p.key()), item(next, false), item(next, true), "key", p.key());
    }

    boolean delete(T key) {
      Fields k = fields.apply(key);
      return DynamoPingAddresses.this.delete(itemKey(k.key()), Keys.key(Keys.projectPk(k.projectId()), sk), "key", k.key());
    }

    Map<String, AttributeValue> itemKey(String key) {
      return Keys.key(sk + "#" + key, sk);
    }

    /** The key item, or ({@code ownerCopy}) its copy in the project's partition. */
    private Map<String, AttributeValue> item(T key, boolean ownerCopy) {
      Fields k = fields.apply(key);
      return Attrs.item().s(TableSchema.PK, ownerCopy ? Keys.projectPk(k.projectId()) : sk + "#" + k.key())
          .s(TableSchema.SK, sk).s(Keys.KIND, ownerCopy ? kind + "-ref" : kind)
          .s("key", k.key()).s("organization", k.organization()).s("projectId", k.projectId())
          .instant("dateCreated", k.dateCreated()).build();
    }

    T read(Map<String, AttributeValue> i) {
      return make.of(s(i, "key"), s(i, "organization"), s(i, "projectId"), instant(i, "dateCreated"));
    }
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
