package dev.cronmon.domain.alert;

import java.util.Locale;
import java.util.Optional;

/** Where a channel delivers: a Slack incoming webhook, PagerDuty Events API v2, a signed webhook, or email. */
public enum ChannelType {
  SLACK,
  PAGERDUTY,
  WEBHOOK,
  EMAIL;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ChannelType> fromWire(String s) {
    for (ChannelType t : values()) if (t.wire().equals(s)) return Optional.of(t);
    return Optional.empty();
  }
}
