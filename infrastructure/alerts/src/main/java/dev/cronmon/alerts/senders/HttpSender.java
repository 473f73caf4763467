package dev.cronmon.alerts.senders;

import dev.cronmon.domain.alert.Notification;
import dev.cronmon.domain.alert.SendResult;
import dev.cronmon.domain.alert.UrlPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * JSON POSTs to Slack, PagerDuty and webhooks over the JDK's HttpClient (no Apache/Netty). The URL is checked against
 * the {@link UrlPolicy} right before each send, because the host's DNS may have changed since the channel was saved
 * (rebinding); redirects are never followed, so a public URL cannot bounce the request to a private one.
 */
public final class HttpSender {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  /** Enough of a receiver's error body to explain it; the rest is not read. */
  private static final int MAX_ERROR_BODY = 200;

  private final HttpClient client;
  private final UrlPolicy urls;

  public HttpSender(UrlPolicy urls) {
    this(HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build(), urls);
  }

  HttpSender(HttpClient client, UrlPolicy urls) {
    this.client = client;
    this.urls = urls;
  }

  public SendResult send(Notification.HttpPost post) {
    Optional<String> refused = urls.problem(post.url());
    if (refused.isPresent()) return SendResult.permanentFailure("refused URL: " + refused.get());
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(post.url())).timeout(REQUEST_TIMEOUT)
          .POST(HttpRequest.BodyPublishers.ofString(post.body(), StandardCharsets.UTF_8));
      post.headers().forEach(request::header);
    } catch (IllegalArgumentException e) {
      return SendResult.permanentFailure("invalid request: " + e.getMessage());
    }
    try {
      HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      String excerpt;
      try (InputStream body = response.body()) {
        excerpt = new String(body.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8).strip();
      }
      return classify(response.statusCode(), excerpt, response.headers().firstValue("retry-after").orElse(null));
    } catch (HttpTimeoutException e) {
      return SendResult.transientFailure("timed out after " + REQUEST_TIMEOUT.toSeconds() + " s", null);
    } catch (IOException e) {
      return SendResult.transientFailure("connection failed: " + e, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SendResult.transientFailure("interrupted", null);
    }
  }

  /** 2xx delivered; 408, 425, 429 and 5xx worth retrying; everything else (other 4xx, redirects) permanent. */
  static SendResult classify(int status, String body, String retryAfter) {
    String detail = "HTTP " + status + (body == null || body.isEmpty() ? "" : ": " + body);
    if (status >= 200 && status < 300) return SendResult.delivered("HTTP " + status);
    if (status == 408 || status == 425 || status == 429 || status >= 500) {
      return SendResult.transientFailure(detail, retryAfterSeconds(retryAfter));
    }
    if (status >= 300 && status < 400) return SendResult.permanentFailure(detail + " (redirects are not followed)");
    return SendResult.permanentFailure(detail);
  }

  private static Duration retryAfterSeconds(String header) {
    if (header == null) return null;
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException e) {
      return null; // an HTTP-date: rare from webhook receivers; the default pauses apply
    }
  }
}
