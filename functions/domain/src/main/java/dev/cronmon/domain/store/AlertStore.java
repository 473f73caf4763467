package dev.cronmon.domain.store;

import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.alert.Channel;
import dev.cronmon.domain.alert.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Alerting: an organization's channels, the alert rules of monitors and projects, and the delivery records that make
 * each (event, channel) sent once. Writes are on the version, as {@link EnvironmentStore}'s.
 */
public interface AlertStore {
  /** How long a delivery record is kept after its last update: redeliveries come within hours. */
  Duration DELIVERY_RETENTION = Duration.ofDays(30);

  Optional<Channel> channel(String organization, String channelId);

  /** The organization's channels, by id (a few per organization; the API caps them). */
  List<Channel> channels(String organization);

  /** Creates (version 1) or replaces (stored version = {@code channel.version() - 1}) the channel. */
  boolean saveChannel(Channel channel);

  /** Deletes the channel if its stored version is {@code version}; false otherwise. */
  boolean deleteChannel(String organization, String channelId, long version);

  /**
   * Records a delivery outcome on the channel ({@code error} null: delivered) without touching its settings, and
   * bumps its version so a concurrent settings update re-reads; false when the channel no longer exists.
   */
  boolean recordChannelOutcome(String organization, String channelId, Instant at, String error);

  Optional<AlertRule> alertRule(AlertRule.Owner owner);

  /** Creates (version 1) or replaces (stored version = {@code rule.version() - 1}) the rule of {@code owner}. */
  boolean saveAlertRule(AlertRule.Owner owner, AlertRule rule);

  /** Deletes the rule of {@code owner} if its stored version is {@code version}; false otherwise. */
  boolean deleteAlertRule(AlertRule.Owner owner, long version);

  Optional<Delivery> delivery(String channelId, String eventId);

  /** Creates (version 1) or replaces (stored version = {@code delivery.version() - 1}) the delivery record. */
  boolean saveDelivery(Delivery delivery);
}
