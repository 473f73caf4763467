package dev.cronmon.domain.alert;

import java.util.List;
import java.util.Map;

/** One message ready to go out, in the form of its transport; built by {@link AlertMessages}, sent by a {@link ChannelSender}. */
public sealed interface Notification {

  /** A JSON POST (Slack, PagerDuty, webhooks); {@code url} is checked against the {@link UrlPolicy} again before sending. */
  record HttpPost(String url, String body, Map<String, String> headers) implements Notification {
    public HttpPost {
      headers = Map.copyOf(headers);
    }
  }

  /** A plain-text email; the sender identity is the deployment's, not the channel's. */
  record Email(List<String> to, String subject, String text) implements Notification {
    public Email {
      to = List.copyOf(to);
    }
  }
}
