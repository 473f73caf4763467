package dev.cronmon.dynamodb;

import dev.cronmon.domain.alert.AlertRule;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The keys of every kind of item (docs/data-model.md, "Items"), and the attributes all kinds share. */
final class Keys {
  /** Every item's type, for people reading the table. */
  static final String KIND = "kind";
  /** The attribute every versioned write is conditioned on. */
  static final String VERSION = "version";
  static final String MONITOR_REF_SK = "MONITOR";
  static final String ALERT_RULE_SK = "ALERT_RULE";

  private Keys() {}

  static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(TableSchema.PK, AttributeValue.fromS(pk), TableSchema.SK, AttributeValue.fromS(sk));
  }

  static String orgPk(String slug) {
    return "ORG#" + slug;
  }

  static Map<String, AttributeValue> organization(String slug) {
    return key(orgPk(slug), "ORG");
  }

  static String projectPk(String id) {
    return "PROJECT#" + id;
  }

  static Map<String, AttributeValue> project(String id) {
    return key(projectPk(id), "PROJECT");
  }

  static String projectSlugSk(String slug) {
    return "PSLUG#" + slug;
  }

  static Map<String, AttributeValue> dsnKey(String publicKey) {
    return key("KEY#" + publicKey, "KEY");
  }

  static Map<String, AttributeValue> token(String sha256) {
    return key("TOKEN#" + sha256, "TOKEN");
  }

  static String tokenCopySk(String tokenId) {
    return "TOKEN#" + tokenId;
  }

  static String monitorSk(String slug) {
    return "MON#" + slug;
  }

  static Map<String, AttributeValue> monitor(String organization, String slug) {
    return key(orgPk(organization), monitorSk(slug));
  }

  /** The partition of a monitor's id: its ref, environments, resolved incidents, alert rule; and its history index. */
  static String monitorPk(String monitorId) {
    return "MON#" + monitorId;
  }

  static Map<String, AttributeValue> monitorRef(String monitorId) {
    return key(monitorPk(monitorId), MONITOR_REF_SK);
  }

  static String envSk(String name) {
    return "ENV#" + name;
  }

  static Map<String, AttributeValue> environment(String monitorId, String name) {
    return key(monitorPk(monitorId), envSk(name));
  }

  static String checkInPk(UUID id) {
    return "CHECKIN#" + id;
  }

  static Map<String, AttributeValue> checkIn(UUID id) {
    return key(checkInPk(id), "CHECKIN");
  }

  static String historySk(Instant dateCreated, UUID id) {
    return Attrs.sortable(dateCreated) + "#" + id;
  }

  static String incidentSk(Instant started, String id) {
    return "INCIDENT#" + Attrs.sortable(started) + "#" + id;
  }

  static String channelSk(String channelId) {
    return "CHANNEL#" + channelId;
  }

  static String maintenanceSk(String windowId) {
    return "MAINTENANCE#" + windowId;
  }

  static String deliveryPk(String channelId) {
    return "CHANNEL#" + channelId;
  }

  static String deliverySk(String eventId) {
    return "DELIVERY#" + eventId;
  }

  static String alertRulePk(AlertRule.Owner owner) {
    return switch (owner.kind()) {
      case MONITOR -> monitorPk(owner.id());
      case PROJECT -> projectPk(owner.id());
    };
  }

  static Map<String, AttributeValue> alertRule(AlertRule.Owner owner) {
    return key(alertRulePk(owner), ALERT_RULE_SK);
  }

  /** The table key of an item or an index entry (which carries the table key too). */
  static Map<String, AttributeValue> of(Map<String, AttributeValue> item) {
    return key(item.get(TableSchema.PK).s(), item.get(TableSchema.SK).s());
  }
}
