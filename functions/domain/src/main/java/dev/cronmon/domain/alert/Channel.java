package dev.cronmon.domain.alert;

import java.time.Instant;

/**
 * A place alerts go, owned by one organization. {@code signingSecret} is set for webhooks only (shown once, at
 * creation or rotation). The delivery health ({@code lastDeliveredAt}, {@code lastError}, {@code lastErrorAt}, and
 * {@code failing}: whether the newest outcome was an error) is written by the alerts function and the test route and
 * shown by the API; {@code version} guards every write.
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
    boolean failing,
    long version) {

  public ChannelType type() {
    return config.type();
  }

  public Channel withNameAndConfig(String newName, ChannelConfig newConfig) {
    return new Channel(id, organization, newName, newConfig, signingSecret, dateCreated, lastDeliveredAt, lastError,
        lastErrorAt, failing, version);
  }

  public Channel withSigningSecret(String secret) {
    return new Channel(id, organization, name, config, secret, dateCreated, lastDeliveredAt, lastError, lastErrorAt, failing, version);
  }

  public Channel withVersion(long newVersion) {
    return new Channel(id, organization, name, config, signingSecret, dateCreated, lastDeliveredAt, lastError,
        lastErrorAt, failing, newVersion);
  }
}
