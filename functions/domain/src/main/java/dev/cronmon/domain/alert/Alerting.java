package dev.cronmon.domain.alert;

import java.time.Duration;

/**
 * How this deployment delivers alerts, built once from its environment (infrastructure/alerts): the sender, the URL
 * policy (SSRF guard), PagerDuty's events endpoint, and the delivery lease, which must outlast the alerts
 * function's timeout so that a live sender never loses its claim.
 */
public record Alerting(ChannelSender sender, UrlPolicy urlPolicy, String pagerDutyEventsUrl, Duration deliveryLease) {
  public static final String PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

  /** Nothing can be sent; channels are still validated the AWS way. */
  public static Alerting unavailable() {
    return new Alerting(ChannelSender.UNAVAILABLE, UrlPolicy.publicHttpsOnly(UrlPolicy.SYSTEM_RESOLVER), PAGERDUTY_EVENTS_URL,
        Duration.ofMinutes(2));
  }
}
