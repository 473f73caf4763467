package dev.cronmon.domain.alert;

/**
 * The port to the outside world: makes one attempt to send a notification and classifies the outcome. Adapters
 * (HTTP, SES, SMTP, an .eml outbox) live in infrastructure/alerts; retries are the caller's ({@link RetryPolicy}).
 * Implementations never throw for a failed send: that is a {@link SendResult}.
 */
@FunctionalInterface
public interface ChannelSender {
  SendResult send(Notification notification);

  /** For deployments without alert delivery configured (and the manage API's tests). */
  ChannelSender UNAVAILABLE = n -> SendResult.permanentFailure("alert delivery is not configured in this deployment");
}
