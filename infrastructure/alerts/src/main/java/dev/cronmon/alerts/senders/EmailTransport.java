package dev.cronmon.alerts.senders;

import dev.cronmon.domain.alert.Notification;
import dev.cronmon.domain.alert.SendResult;

/** How this deployment sends email: SES on AWS; SMTP or an .eml outbox directory in the local stack. */
public interface EmailTransport {
  SendResult send(Notification.Email email);
}
