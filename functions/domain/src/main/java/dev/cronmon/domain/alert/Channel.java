package dev.cronmon.domain.alert;

import java.time.Instant;

/**
 * A place alerts go, owned by one organization. {@code signingSecret} is set for webhooks only (shown once, at
 * creation or rotation). The delivery health ({@code lastDeliveredAt}, {@code lastError}, {@code lastErrorAt}) is
 * written by the alerts function and shown by the API; {@code version} guards every write.
 */
public record Channel(
    String id,
    String organization,
    String name,
    ChannelConfig config,
    String signingSecret,
    Instant dateCreated,
    Instant lastDeliveredAt,
    String lastError,
    Instant lastErrorAt,
    long version) {

  public ChannelType type() {
    return config.type();
  }

  /** Failing while the newest outcome is an error. */
  public boolean failing() {
    return lastErrorAt != null && (lastDeliveredAt == null || lastErrorAt.isAfter(lastDeliveredAt));
  }

  public Channel withNameAndConfig(String newName, ChannelConfig newConfig) {
    return new Channel(id, organization, newName, newConfig, signingSecret, dateCreated, lastDeliveredAt, lastError,
        lastErrorAt, version);
  }

  public Channel withSigningSecret(String secret) {
    return new Channel(id, organization, name, config, secret, dateCreated, lastDeliveredAt, lastError, lastErrorAt, version);
  }

  public Channel withVersion(long newVersion) {
    return new Channel(id, organization, name, config, signingSecret, dateCreated, lastDeliveredAt, lastError,
        lastErrorAt, newVersion);
  }
}
