package dev.cronmon.dynamodb;

import static dev.cronmon.domain.store.KeyParts.require;
import static dev.cronmon.domain.store.KeyParts.valid;

import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.alert.Channel;
import dev.cronmon.domain.alert.Delivery;
import dev.cronmon.domain.store.AlertStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Channels in their organization's partition ({@code CHANNEL#{id}}), alert rules beside their owner
 * ({@code ALERT_RULE}), delivery records in their channel's ({@code DELIVERY#{eventId}}, expired by TTL).
 */
final class DynamoAlertStore implements AlertStore {
  private final Table table;

  DynamoAlertStore(Table table) {
    this.table = table;
  }

  @Override
  public Optional<Channel> channel(String organization, String channelId) {
    if (!valid(organization) || !valid(channelId)) return Optional.empty();
    return table.get(channelKey(organization, channelId), true).map(AlertItems::channel);
  }

  /** One Query of the organization's partition ({@code CHANNEL#} items), strongly consistent. */
  @Override
  public List<Channel> channels(String organization) {
    if (!valid(organization)) return List.of();
    return table.queryAll(table.beginsWith(Keys.orgPk(organization), "CHANNEL#").consistentRead(true).build()).stream()
        .map(AlertItems::channel).toList();
  }

  @Override
  public boolean saveChannel(Channel channel) {
    require(channel.organization(), "organization");
    require(channel.id(), "channel id");
    return table.put(AlertItems.channel(channel), Table.Condition.savingVersion(channel.version()));
  }

  @Override
  public boolean deleteChannel(String organization, String channelId, long version) {
    if (!valid(organization) || !valid(channelId)) return false;
    return table.delete(channelKey(organization, channelId), Table.Condition.version(version));
  }

  /** An UpdateItem of the outcome attributes only, so the settings a concurrent API update writes are never lost. */
  @Override
  public boolean recordChannelOutcome(String organization, String channelId, Instant at, String error) {
    if (!valid(organization) || !valid(channelId)) return false;
    Map<String, String> names = new HashMap<>(Map.of("#v", Keys.VERSION, "#f", "failing"));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":t", AttributeValue.fromS(at.toString()),
        ":one", AttributeValue.fromN("1"), ":failing", AttributeValue.fromBool(error != null)));
    String set;
    if (error == null) {
      names.put("#at", "lastDeliveredAt");
      set = "SET #at = :t, #f = :failing, #v = #v + :one";
    } else {
      names.put("#at", "lastErrorAt");
      names.put("#e", "lastError");
      values.put(":e", AttributeValue.fromS(error));
      set = "SET #at = :t, #e = :e, #f = :failing, #v = #v + :one";
    }
    return table.update(channelKey(organization, channelId), set, names, values, Table.Condition.exists());
  }

  @Override
  public Optional<AlertRule> alertRule(AlertRule.Owner owner) {
    if (!valid(owner.id())) return Optional.empty();
    return table.get(Keys.alertRule(owner), true).map(AlertItems::alertRule);
  }

  @Override
  public boolean saveAlertRule(AlertRule.Owner owner, AlertRule rule) {
    require(owner.id(), "alert rule owner");
    return table.put(AlertItems.alertRule(owner, rule), Table.Condition.savingVersion(rule.version()));
  }

  @Override
  public boolean deleteAlertRule(AlertRule.Owner owner, long version) {
    if (!valid(owner.id())) return false;
    return table.delete(Keys.alertRule(owner), Table.Condition.version(version));
  }

  @Override
  public Optional<Delivery> delivery(String channelId, String eventId) {
    if (!valid(channelId) || !valid(eventId)) return Optional.empty();
    return table.get(Keys.key(Keys.deliveryPk(channelId), Keys.deliverySk(eventId)), true).map(AlertItems::delivery);
  }

  @Override
  public boolean saveDelivery(Delivery delivery) {
    require(delivery.channelId(), "channel id");
    require(delivery.eventId(), "event id");
    return table.put(AlertItems.delivery(delivery), Table.Condition.savingVersion(delivery.version()));
  }

  private static Map<String, AttributeValue> channelKey(String organization, String channelId) {
    return Keys.key(Keys.orgPk(organization), Keys.channelSk(channelId));
  }
}
