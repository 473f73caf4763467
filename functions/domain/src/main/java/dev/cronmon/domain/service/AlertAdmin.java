package dev.cronmon.domain.service;

import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.alert.Channel;
import dev.cronmon.domain.alert.ChannelConfig;
import dev.cronmon.domain.alert.ChannelType;
import dev.cronmon.domain.alert.WebhookSignature;
import dev.cronmon.domain.error.NotFoundException;
import dev.cronmon.domain.error.ValidationException;
import dev.cronmon.domain.monitor.FieldErrors;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.store.Retry;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * What an organization's admin does to its alerting: channels (create, within the organization's cap; change, never
 * the type; delete) and the alert rules of monitors and projects. Inputs arrive parsed (a {@link ChannelConfig}, an
 * {@link AlertRule}); the rules that need the stored state are checked here, before anything is written.
 */
public final class AlertAdmin {
  public static final int MAX_CHANNELS_PER_ORGANIZATION = 100;

  private final CronStore store;
  private final Clock clock;
  private final Projects projects;

  public AlertAdmin(CronStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.projects = new Projects(store);
  }

  /** A channel as saved, with its new signing secret when this change made one (shown in this answer only). */
  public record Saved(Channel channel, String secret) {}

  /**
   * A change to a channel: {@code name} and {@code config} null keep theirs; {@code type} is the type the client
   * named (null when it named none), which must be the channel's own; {@code rotateSecret} only for a webhook.
   */
  public record ChannelChange(String name, String type, ChannelConfig config, boolean rotateSecret) {}

  public Channel channel(String organization, String id) {
    return store.channel(organization, id).orElseThrow(() -> new NotFoundException("Channel"));
  }

  public Saved createChannel(String organization, String name, ChannelConfig config) {
    if (store.channels(organization).size() >= MAX_CHANNELS_PER_ORGANIZATION) {
      throw ValidationException.detail("An organization can have at most " + MAX_CHANNELS_PER_ORGANIZATION + " channels.");
    }
    String secret = config.type() == ChannelType.WEBHOOK ? WebhookSignature.newSecret() : null;
    Channel channel = new Channel(UUID.randomUUID().toString(), organization, name, config, secret, clock.instant(), null, null, null, false, 1);
    if (!store.saveChannel(channel)) throw new IllegalStateException("channel id collision " + channel.id());
    return new Saved(channel, secret);
  }

  public Saved updateChannel(String organization, String id, ChannelChange change) {
    return Retry.untilWritten("The channel", attempt -> {
      Channel current = channel(organization, id);
      FieldErrors errors = new FieldErrors();
      if (change.type() != null && !change.type().equals(current.type().wire())) {
        errors.add("type", "The type of a channel cannot be changed; create a new channel instead.");
      }
      if (change.config() != null && change.config().type() != current.type()) {
        errors.add("config", "Expected the config of a " + current.type().wire() + " channel.");
      }
      if (change.rotateSecret() && current.type() != ChannelType.WEBHOOK) {
        errors.add("rotate_secret", "Only webhook channels have a signing secret.");
      }
      if (!errors.isEmpty()) throw new ValidationException(errors.asMap());
      String secret = change.rotateSecret() ? WebhookSignature.newSecret() : null;
      Channel updated = current.withNameAndConfig(change.name() == null ? current.name() : change.name(),
          change.config() == null ? current.config() : change.config()).withVersion(current.version() + 1);
      if (secret != null) updated = updated.withSigningSecret(secret);
      return store.saveChannel(updated) ? Optional.of(new Saved(updated, secret)) : Optional.empty();
    });
  }

  public Channel deleteChannel(String organization, String id) {
    return Retry.untilWritten("The channel", attempt -> {
      Channel current = channel(organization, id);
      return store.deleteChannel(organization, current.id(), current.version()) ? Optional.of(current) : Optional.empty();
    });
  }

  /** Whose rule a monitor's path names (by id, so a slug rename keeps it). */
  public AlertRule.Owner monitorOwner(String organization, String slug) {
    return store.monitor(organization, slug).map(m -> AlertRule.Owner.monitor(m.id()))
        .orElseThrow(() -> new NotFoundException("Monitor"));
  }

  /** Whose rule a project's path names ({@code idOrSlug}). */
  public AlertRule.Owner projectOwner(String organization, String idOrSlug) {
    return projects.byIdOrSlug(organization, idOrSlug).map(p -> AlertRule.Owner.project(p.id()))
        .orElseThrow(() -> new NotFoundException("Project"));
  }

  /** The rule of {@code owner}; empty when it has none (a monitor then follows its project's). */
  public Optional<AlertRule> rule(AlertRule.Owner owner) {
    return store.alertRule(owner);
  }

  /** Saves {@code rule} (its version is set here) after checking that every channel it names is the organization's. */
  public AlertRule saveRule(String organization, AlertRule.Owner owner, AlertRule rule) {
    FieldErrors errors = new FieldErrors();
    for (String id : rule.channelIds()) {
      if (store.channel(organization, id).isEmpty()) errors.add("channels", "Unknown channel \"" + id + "\".");
    }
    if (!errors.isEmpty()) throw new ValidationException(errors.asMap());
    return Retry.untilWritten("The alert rule", attempt -> {
      AlertRule versioned = rule.withVersion(store.alertRule(owner).map(AlertRule::version).orElse(0L) + 1);
      return store.saveAlertRule(owner, versioned) ? Optional.of(versioned) : Optional.empty();
    });
  }

  public void deleteRule(AlertRule.Owner owner) {
    Retry.untilWritten("The alert rule", attempt -> {
      AlertRule rule = store.alertRule(owner).orElseThrow(() -> new NotFoundException("Alert rule"));
      return store.deleteAlertRule(owner, rule.version()) ? Optional.of(rule) : Optional.empty();
    });
  }
}
