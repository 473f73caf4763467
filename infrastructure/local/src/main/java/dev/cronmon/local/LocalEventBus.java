package dev.cronmon.local;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cronmon.common.Json;
import dev.cronmon.common.Log;
import dev.cronmon.domain.incident.codec.IncidentEventCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The EventBridge buses, rules and SNS topics of template.yaml, in process. It answers EventBridge's PutEvents on a
 * loopback port (the functions' {@code EVENTBRIDGE_ENDPOINT}), so the real publisher and SDK client are what runs; each
 * accepted entry becomes the EventBridge event envelope, goes through every rule of its bus whose pattern matches, and
 * reaches the rule's SNS topic targets as the {@link SNSEvent} a subscribed Lambda function would receive.
 */
final class LocalEventBus implements AutoCloseable {
  static final String ACCOUNT = LocalTopic.ACCOUNT;
  static final String REGION = LocalTopic.REGION;
  private static final int MAX_BODY = 1024 * 1024;
  private static final int MAX_ENTRIES = 10;

  private record Rule(String logicalId, String bus, Map<String, Object> pattern, List<String> topics) {}

  private final Set<String> buses;
  private final List<Rule> rules = new ArrayList<>();
  private final Clock clock;
  private final List<Consumer<SNSEvent>> subscribers = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "local-event-bus");
    t.setDaemon(true);
    return t;
  });

  LocalEventBus(Template template, Clock clock) throws IOException {
    this.clock = clock;
    Map<String, Object> resources = Template.map(template.root().get("Resources"));
    buses = resources.entrySet().stream()
        .filter(e -> "AWS::Events::EventBus".equals(Template.map(e.getValue()).get("Type")))
        .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet());
    resources.forEach((id, value) -> {
      Map<String, Object> resource = Template.map(value);
      if (!"AWS::Events::Rule".equals(resource.get("Type"))) return;
      Map<String, Object> props = Template.map(resource.get("Properties"));
      String bus = ref(props.get("EventBusName"));
      List<String> topics = new ArrayList<>();
      if (props.get("Targets") instanceof List<?> targets) {
        for (Object t : targets) {
          String target = ref(Template.map(t).get("Arn"));
          if (target != null && "AWS::SNS::Topic".equals(Template.map(resources.get(target)).get("Type"))) topics.add(target);
        }
      }
      if (bus != null) rules.add(new Rule(id, bus, Template.map(props.get("EventPattern")), topics));
    });
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::serve);
    server.setExecutor(executor);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Receives every message published to any topic of the template (the alerts function subscribes like this). */
  void subscribe(Consumer<SNSEvent> subscriber) {
    subscribers.add(subscriber);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      if (!"POST".equals(exchange.getRequestMethod()) || !"AWSEvents.PutEvents".equals(target)) {
        respond(exchange, 400, error("UnknownOperationException", "only PutEvents is served here"));
        return;
      }
      if (body.length > MAX_BODY) {
        respond(exchange, 413, error("ValidationException", "request too large"));
        return;
      }
      Reply reply = putEvents(body);
      respond(exchange, reply.status(), reply.body());
    } catch (RuntimeException e) {
      Log.error("local event bus failed", e);
      respond(exchange, 500, error("InternalException", "local event bus failed"));
    }
  }

  record Reply(int status, String body) {}

  /**
   * PutEvents: per entry an EventId, or an ErrorCode as EventBridge reports refused entries; a request that is not a
   * PutEvents request at all is a 400 with EventBridge's error shape. Never throws.
   */
  Reply putEvents(byte[] body) {
    JsonNode request;
    try {
      request = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      return new Reply(400, error("SerializationException", "malformed request"));
    }
    JsonNode entries = request == null ? null : request.get("Entries");
    if (entries == null || !entries.isArray() || entries.isEmpty() || entries.size() > MAX_ENTRIES) {
      return new Reply(400, error("ValidationException", "Entries must hold 1 to " + MAX_ENTRIES + " entries"));
    }
    ObjectNode response = Json.MAPPER.createObjectNode();
    ArrayNode results = response.putArray("Entries");
    int failed = 0;
    for (JsonNode entry : entries) {
      if (!entry.isObject()) return new Reply(400, error("ValidationException", "each entry must be an object"));
    }
    for (JsonNode entry : entries) {
      ObjectNode result = results.addObject();
      String problem = accept(entry);
      if (problem == null) {
        result.put("EventId", UUID.randomUUID().toString());
      } else {
        failed++;
        result.put("ErrorCode", problem);
        result.put("ErrorMessage", "entry refused: " + problem);
      }
    }
    response.put("FailedEntryCount", failed);
    return new Reply(200, Json.write(response));
  }

  private String accept(JsonNode entry) {
    String bus = text(entry, "EventBusName");
    String source = text(entry, "Source");
    String detailType = text(entry, "DetailType");
    String detailText = text(entry, "Detail");
    if (bus == null || !buses.contains(bus)) return "ResourceNotFoundException";
    if (source == null || detailType == null || detailText == null) return "InvalidArgument";
    JsonNode detail;
    try {
      detail = Json.MAPPER.readTree(detailText);
    } catch (IOException e) {
      return "MalformedDetail";
    }
    if (detail == null || !detail.isObject()) return "MalformedDetail";
    Instant time = entry.path("Time").isNumber()
        ? Instant.ofEpochMilli(new BigDecimal(entry.get("Time").asText()).movePointRight(3).longValue())
        : clock.instant();
    String message = IncidentEventCodec.eventBridgeEvent(UUID.randomUUID().toString(), source, detailType, time, ACCOUNT, REGION, detail);
    for (Rule rule : rules) {
      if (!rule.bus().equals(bus) || !matches(rule.pattern(), source, detailType)) continue;
      for (String topic : rule.topics()) deliver(topic, message, time);
    }
    return null;
  }

  /** The top-level {@code source} and {@code detail-type} lists of an event pattern: all cronmon's rules use. */
  private static boolean matches(Map<String, Object> pattern, String source, String detailType) {
    return allowed(pattern.get("source"), source) && allowed(pattern.get("detail-type"), detailType);
  }

  private static boolean allowed(Object values, String value) {
    if (values == null) return true;
    return values instanceof List<?> list && list.stream().map(String::valueOf).anyMatch(value::equals);
  }

  private void deliver(String topic, String message, Instant time) {
    SNSEvent event = LocalTopic.snsEvent(LocalTopic.topicArn(topic), message, time);
    for (Consumer<SNSEvent> subscriber : subscribers) {
      try {
        subscriber.accept(event);
      } catch (RuntimeException e) {
        Log.error("a subscriber of the local topic failed", e, "topic", topic);
      }
    }
  }

  private static String ref(Object value) {
    return value instanceof Map<?, ?> m && m.get("Ref") != null ? String.valueOf(m.get("Ref")) : null;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private static String error(String type, String message) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("__type", type);
    n.put("message", message);
    return Json.write(n);
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
