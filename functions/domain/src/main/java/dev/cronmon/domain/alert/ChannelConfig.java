package dev.cronmon.domain.alert;

import java.util.List;

/** What a channel of each type needs to deliver. Built only by {@link ChannelInput}, which validates. */
public sealed interface ChannelConfig {
  ChannelType type();

  /** A Slack incoming webhook URL; it is a credential (anyone holding it can post), so the API masks it. */
  record Slack(String url) implements ChannelConfig {
    public ChannelType type() {
      return ChannelType.SLACK;
    }
  }

  /** A PagerDuty Events API v2 integration (routing) key; a credential, masked by the API. */
  record PagerDuty(String routingKey) implements ChannelConfig {
    public ChannelType type() {
      return ChannelType.PAGERDUTY;
    }
  }

  /** The receiver's URL; requests are signed with the channel's secret. */
  record Webhook(String url) implements ChannelConfig {
    public ChannelType type() {
      return ChannelType.WEBHOOK;
    }
  }

  /** {@code toOwner}: also mail the monitor's owner when the owner is an email address (docs/semantics.md rule O1). */
  record Email(List<String> to, boolean toOwner) implements ChannelConfig {
    public Email {
      to = List.copyOf(to);
    }

    public Email(List<String> to) {
      this(to, false);
    }

    public ChannelType type() {
      return ChannelType.EMAIL;
    }
  }
}
