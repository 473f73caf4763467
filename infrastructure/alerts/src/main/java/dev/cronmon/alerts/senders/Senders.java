package dev.cronmon.alerts.senders;

import dev.cronmon.domain.alert.ChannelSender;
import dev.cronmon.domain.alert.Notification;
import dev.cronmon.domain.alert.SendResult;

/** The {@link ChannelSender} of a deployment: HTTP notifications to the {@link HttpSender}, email to its transport. */
public final class Senders implements ChannelSender {
  private final HttpSender http;
  private final EmailTransport email;

  public Senders(HttpSender http, EmailTransport email) {
    this.http = http;
    this.email = email;
  }

  @Override
  public SendResult send(Notification notification) {
    if (notification instanceof Notification.HttpPost post) return http.send(post);
    return email.send((Notification.Email) notification);
  }
}
