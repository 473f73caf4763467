package dev.cronmon.dynamodb;

import static dev.cronmon.dynamodb.Attrs.instant;
import static dev.cronmon.dynamodb.Attrs.intN;
import static dev.cronmon.dynamodb.Attrs.item;
import static dev.cronmon.dynamodb.Attrs.longN;
import static dev.cronmon.dynamodb.Attrs.s;

import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.alert.Channel;
import dev.cronmon.domain.alert.ChannelConfig;
import dev.cronmon.domain.alert.ChannelType;
import dev.cronmon.domain.alert.Delivery;
import dev.cronmon.domain.store.AlertStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Channels, alert rules and delivery records to and from items (docs/data-model.md, "Alerts"). */
final class AlertItems {
  private AlertItems() {}

  // --- channels ---------------------------------------------------------------------------------------------

  static Map<String, AttributeValue> channel(Channel c) {
    Attrs.Item i = item().s(TableSchema.PK, Keys.orgPk(c.organization())).s(TableSchema.SK, Keys.channelSk(c.id()))
        .s(Keys.KIND, "channel")
        .s("id", c.id()).s("organization", c.organization()).s("name", c.name()).s("type", c.type().wire())
        .s("signingSecret", c.signingSecret()).instant("dateCreated", c.dateCreated())
        .instant("lastDeliveredAt", c.lastDeliveredAt()).s("lastError", c.lastError()).instant("lastErrorAt", c.lastErrorAt())
        .bool("failing", c.failing())
        .n(Keys.VERSION, c.version());
    ChannelConfig config = c.config();
    if (config instanceof ChannelConfig.Slack slack) i.s("url", slack.url());
    else if (config instanceof ChannelConfig.Webhook webhook) i.s("url", webhook.url());
    else if (config instanceof ChannelConfig.PagerDuty pd) i.s("routingKey", pd.routingKey());
    else if (config instanceof ChannelConfig.Email email) {
      i.strings("to", email.to());
      if (email.toOwner()) i.bool("toOwner", true);
    }
    return i.build();
  }

  static Channel channel(Map<String, AttributeValue> i) {
    ChannelType type = ChannelType.fromWire(s(i, "type")).orElseThrow(() -> new IllegalStateException("stored channel has type " + s(i, "type")));
    ChannelConfig config = switch (type) {
      case SLACK -> new ChannelConfig.Slack(s(i, "url"));
      case WEBHOOK -> new ChannelConfig.Webhook(s(i, "url"));
      case PAGERDUTY -> new ChannelConfig.PagerDuty(s(i, "routingKey"));
      case EMAIL -> new ChannelConfig.Email(Attrs.strings(i, "to"), Attrs.bool(i, "toOwner"));
    };
    return new Channel(s(i, "id"), s(i, "organization"), s(i, "name"), config, s(i, "signingSecret"),
        instant(i, "dateCreated"), instant(i, "lastDeliveredAt"), s(i, "lastError"), instant(i, "lastErrorAt"), Attrs.bool(i, "failing"),
        longN(i, Keys.VERSION, 0));
  }

  // --- alert rules ------------------------------------------------------------------------------------------

  static Map<String, AttributeValue> alertRule(AlertRule.Owner owner, AlertRule rule) {
    Map<String, AttributeValue> environments = new LinkedHashMap<>();
    rule.environments().forEach((env, ids) -> environments.put(env, AttributeValue.fromL(ids.stream().map(AttributeValue::fromS).toList())));
    Map<String, AttributeValue> out = item().s(TableSchema.PK, Keys.alertRulePk(owner)).s(TableSchema.SK, Keys.ALERT_RULE_SK)
        .s(Keys.KIND, "alert-rule").s("owner", owner.kind().name().toLowerCase(java.util.Locale.ROOT)).s("ownerId", owner.id())
        .n(Keys.VERSION, rule.version()).build();
    // Always present, even empty: a rule with no channels is how a monitor opts out of its project's default.
    out.put("channels", AttributeValue.fromL(rule.channels().stream().map(AttributeValue::fromS).toList()));
    out.put("environments", AttributeValue.fromM(environments));
    if (rule.remindEvery() != null) out.put("remindEveryMinutes", AttributeValue.fromN(Long.toString(rule.remindEvery().toMinutes())));
    return out;
  }

  static AlertRule alertRule(Map<String, AttributeValue> i) {
    Map<String, List<String>> environments = new LinkedHashMap<>();
    AttributeValue envs = i.get("environments");
    if (envs != null && envs.hasM()) {
      envs.m().forEach((env, ids) -> environments.put(env, ids.hasL() ? ids.l().stream().map(AttributeValue::s).toList() : List.of()));
    }
    Long remind = longN(i, "remindEveryMinutes");
    return new AlertRule(Attrs.strings(i, "channels"), environments, remind == null ? null : java.time.Duration.ofMinutes(remind),
        longN(i, Keys.VERSION, 0));
  }

  // --- deliveries -------------------------------------------------------------------------------------------

  static Map<String, AttributeValue> delivery(Delivery d) {
    return item().s(TableSchema.PK, Keys.deliveryPk(d.channelId())).s(TableSchema.SK, Keys.deliverySk(d.eventId()))
        .s(Keys.KIND, "delivery")
        .s("channelId", d.channelId()).s("eventId", d.eventId()).s("status", d.status().wire())
        .instant("leaseUntil", d.leaseUntil()).n("attempts", d.attempts()).s("lastError", d.lastError())
        .instant("updatedAt", d.updatedAt()).n(Keys.VERSION, d.version())
        .n(TableSchema.TTL_ATTRIBUTE, d.updatedAt().plus(AlertStore.DELIVERY_RETENTION).getEpochSecond())
        .build();
  }

  static Delivery delivery(Map<String, AttributeValue> i) {
    return new Delivery(s(i, "channelId"), s(i, "eventId"), Delivery.Status.fromWire(s(i, "status")),
        instant(i, "leaseUntil"), intN(i, "attempts", 0), s(i, "lastError"), instant(i, "updatedAt"),
        longN(i, Keys.VERSION, 0));
  }
}
