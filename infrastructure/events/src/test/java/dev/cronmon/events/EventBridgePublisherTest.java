package dev.cronmon.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.cronmon.common.Json;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.incident.Failure;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.incident.codec.IncidentEventCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The publisher with the real SDK client against a local HTTP server that records PutEvents requests and answers as
 * EventBridge does (the third-party boundary): success, refused entries (FailedEntryCount), and a server error.
 */
class EventBridgePublisherTest {
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  /** Per request: the entries (by index) to refuse, or null to answer 500. */
  private volatile Function<JsonNode, Set<Integer>> refuse = r -> Set.of();
  private HttpServer server;
  private EventBridgePublisher publisher;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext("/", exchange -> {
      try (exchange) {
        JsonNode request = Json.MAPPER.readTree(exchange.getRequestBody());
        requests.add(request);
        Set<Integer> refused = refuse.apply(request);
        String body;
        int status = 200;
        if (refused == null) {
          status = 500;
          body = "{\"__type\":\"InternalException\",\"message\":\"boom\"}";
        } else {
          List<Map<String, Object>> entries = new ArrayList<>();
          for (int i = 0; i < request.get("Entries").size(); i++) {
            entries.add(refused.contains(i)
                ? Map.of("ErrorCode", "InternalFailure", "ErrorMessage", "try again")
                : Map.of("EventId", UUID.randomUUID().toString()));
          }
          body = Json.write(Map.of("FailedEntryCount", refused.size(), "Entries", entries));
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    });
    server.start();
    Map<String, String> env = new HashMap<>(Map.of(
        EventBridgePublisher.BUS_NAME, "cronmon-incidents",
        EventBridgePublisher.ENDPOINT, "http://127.0.0.1:" + server.getAddress().getPort()));
    publisher = EventBridgePublisher.from(env::get);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  static IncidentEvent event(int n, IncidentEvent.Type type) {
    Instant t = Instant.parse("2026-03-02T11:01:00Z");
    return new IncidentEvent("inc-" + n + ":" + type.name().toLowerCase(), type, "acme", "mon-" + n, "job-" + n, "Job " + n,
        "production", "inc-" + n, t.minusSeconds(60), t,
        List.of(new Failure(UUID.nameUUIDFromBytes(("f" + n).getBytes(StandardCharsets.UTF_8)), CheckInStatus.MISSED, t.minusSeconds(60))),
        t.minusSeconds(3600));
  }

  @Test
  void publish_sendsEachEventToTheBus_withSourceDetailTypeAndDetail() throws IOException {
    IncidentEvent opened = event(1, IncidentEvent.Type.OPENED);

    Set<String> accepted = publisher.publish(List.of(opened));

    assertThat(accepted).containsExactly(opened.id());
    JsonNode entry = requests.get(0).get("Entries").get(0);
    assertThat(entry.get("EventBusName").asText()).isEqualTo("cronmon-incidents");
    assertThat(entry.get("Source").asText()).isEqualTo("cronmon");
    assertThat(entry.get("DetailType").asText()).isEqualTo("Monitor Incident Opened");
    JsonNode detail = Json.MAPPER.readTree(entry.get("Detail").asText());
    assertThat(detail.get("eventId").asText()).isEqualTo(opened.id());
    assertThat(detail.get("monitor").get("slug").asText()).isEqualTo("job-1");
    assertThat(detail.get("reason").asText()).isEqualTo("A missed check-in was detected");
    assertThat(IncidentEventCodec.fromDetail(entry.get("Detail").asText())).isEqualTo(opened);
  }

  @Test
  void publish_sendsTenEntriesPerRequest() {
    List<IncidentEvent> events = new ArrayList<>();
    for (int i = 0; i < 23; i++) events.add(event(i, IncidentEvent.Type.RESOLVED));

    Set<String> accepted = publisher.publish(events);

    assertThat(accepted).hasSize(23);
    assertThat(requests).extracting(r -> r.get("Entries").size()).containsExactly(10, 10, 3);
  }

  @Test
  void publish_leavesOutEntriesTheBusRefused_whenFailedEntryCountIsPositive() {
    refuse = r -> Set.of(1);
    IncidentEvent a = event(1, IncidentEvent.Type.OPENED);
    IncidentEvent b = event(2, IncidentEvent.Type.OPENED);
    IncidentEvent c = event(3, IncidentEvent.Type.OPENED);

    Set<String> accepted = publisher.publish(List.of(a, b, c));

    assertThat(accepted).containsExactlyInAnyOrder(a.id(), c.id());
  }

  @Test
  void publish_acceptsNothing_whenTheBusAnswersWithAnError() {
    refuse = r -> null;

    Set<String> accepted = publisher.publish(List.of(event(1, IncidentEvent.Type.OPENED)));

    assertThat(accepted).isEmpty();
    assertThat(requests).isNotEmpty();
  }
}
