package dev.cronmon.local;

import static dev.cronmon.local.SentryWire.checkInJson;
import static dev.cronmon.local.SentryWire.envelope;
import static dev.cronmon.local.SentryWire.hourly;
import static dev.cronmon.local.SentryWire.sentryAuth;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The JavaScript SDK's transport sends envelopes concurrently: `Sentry.withMonitor` around a short job can deliver
 * its closing `ok` (no monitor_config) while the opening `in_progress` (with the config) is still creating the monitor.
 * Sentry serialises the two in its consumer; cronmon must end with the same single finished run.
 */
class ConcurrentSdkDeliveryTest extends LocalStackTestBase {
  private final HttpClient http = HttpClient.newHttpClient();

  private CompletableFuture<HttpResponse<String>> envelopeAsync(String payload) {
    return http.sendAsync(HttpRequest.newBuilder(URI.create(stack.baseUri() + "/api/" + stack.credentials().projectId() + "/envelope/"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(envelope("{}").checkIn(payload).bytes()))
        .header("X-Sentry-Auth", sentryAuth(stack.credentials().publicKey())).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void closingCheckIn_thatOvertakesTheOneCreatingTheMonitor_stillClosesTheRun() {
    clock.set(Instant.parse("2026-03-05T02:00:00Z"));
    List<String> slugs = new ArrayList<>();
    List<HttpResponse<String>> responses = new ArrayList<>();
    for (int i = 0; i < 6; i++) { // one job's first run at a time, its two check-ins sent at once
      String slug = "first-run-" + i;
      String id = UUID.randomUUID().toString().replace("-", "");
      slugs.add(slug);
      CompletableFuture<HttpResponse<String>> start = envelopeAsync(checkInJson(slug, "in_progress", id, hourly()));
      CompletableFuture<HttpResponse<String>> end = envelopeAsync(checkInJson(slug, "ok", id, "\"duration\":0.05"));
      responses.add(start.join());
      responses.add(end.join());
    }

    responses.forEach(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));
    for (String slug : slugs) {
      Response r = api("GET", orgPath("/monitors/" + slug + "/checkins/"), null);
      assertThat(r.status()).isEqualTo(200);
      JsonNode history = r.json();
      assertThat(history).as(slug).hasSize(1);
      assertThat(history.get(0).get("status").asText()).as(slug).isEqualTo("ok");
      assertThat(history.get(0).get("duration").asLong()).as(slug).isEqualTo(50);
    }
  }
}
