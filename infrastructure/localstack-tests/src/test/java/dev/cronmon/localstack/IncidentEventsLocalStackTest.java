package dev.cronmon.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import dev.cronmon.domain.alert.Events;
import dev.cronmon.domain.service.CheckInCommand;
import dev.cronmon.domain.service.CheckInService;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.incident.codec.IncidentEventCodec;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.service.Sweeper;
import dev.cronmon.domain.time.MutableClock;
import dev.cronmon.dynamodb.DynamoCronStore;
import dev.cronmon.dynamodb.TableSchema;
import dev.cronmon.dynamodblocal.DynamoDbLocal;
import dev.cronmon.events.EmulatedAws;
import dev.cronmon.events.EventBridgePublisher;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Incident events through LocalStack's EventBridge, SNS and SQS (needs a Docker engine; {@link LocalStackExtension}
 * skips these tests, saying so, without one). Each test wires its own route like template.yaml's — a bus, a rule
 * with the pattern of {@code IncidentEventsRule}, an SNS topic as its target (LocalStack enforces no resource
 * policies, so the template's topic policy has no counterpart here) — plus an SQS queue subscribed to the topic,
 * which shows what a subscriber such as the alerts function receives. The events go out through the real
 * {@link EventBridgePublisher}, built from the variables the sweeper function reads ({@code EVENT_BUS_NAME};
 * {@code EVENTBRIDGE_ENDPOINT} as the local stack sets it).
 */
class IncidentEventsLocalStackTest {
  /** template.yaml, IncidentEventsRule.EventPattern: cronmon's source and both detail-types. */
  private static final String RULE_PATTERN = Json.write(Map.of(
      "source", List.of(IncidentEventCodec.SOURCE),
      "detail-type", List.of(IncidentEventCodec.OPENED, IncidentEventCodec.RESOLVED)));
  /** How long a test waits for deliveries: EventBridge and SNS deliver asynchronously. */
  private static final long DELIVERY_TIMEOUT_SECONDS = 60;
  private static final AtomicInteger ROUTES = new AtomicInteger();

  private static URI endpoint;
  private static EventBridgeClient events;
  private static SnsClient sns;
  private static SqsClient sqs;
  private static DynamoDbClient dynamo;

  /** One bus → rule → topic → queue chain, fresh for each test so no test sees another's events. */
  private record Route(String bus, String topicArn, String queueUrl) {}

  @BeforeAll
  static void clients(LocalStackContainer localstack) {
    endpoint = localstack.getEndpoint();
    events = EmulatedAws.client(EventBridgeClient.builder(), endpoint);
    sns = EmulatedAws.client(SnsClient.builder(), endpoint);
    sqs = EmulatedAws.client(SqsClient.builder(), endpoint);
    dynamo = DynamoDbLocal.newClient(endpoint);
  }

  @AfterAll
  static void closeClients() {
    EmulatedAws.closeAll(events, sns, sqs, dynamo);
  }

  @Test
  void publish_deliversTheEvent_throughBusRuleAndTopic_toASubscribedQueue() {
    // GIVEN a route and the publisher of its bus
    Route route = route();
    IncidentEvent opened = Events.opened(UUID.randomUUID().toString(), "inc-" + UUID.randomUUID());

    // WHEN the publisher puts an opened event on the bus
    var accepted = publisher(route).publish(List.of(opened));

    // THEN the bus accepted it, and the queue receives it once as the SNS notification of the topic, whose message is
    // the EventBridge event the alerts function reads back into the same incident event
    assertThat(accepted).containsExactly(opened.id());
    List<JsonNode> notifications = receive(route, 1);
    assertThat(notifications).hasSize(1);
    JsonNode notification = notifications.get(0);
    assertThat(notification.get("Type").asText()).isEqualTo("Notification");
    assertThat(notification.get("TopicArn").asText()).isEqualTo(route.topicArn());
    String message = notification.get("Message").asText();
    JsonNode envelope = EmulatedAws.json(message);
    assertThat(envelope.get("source").asText()).isEqualTo("cronmon");
    assertThat(envelope.get("detail-type").asText()).isEqualTo("Monitor Incident Opened");
    assertThat(IncidentEventCodec.fromSnsMessage(message)).isEqualTo(opened);
  }

  @Test
  void publish_ofTwentyThreeEvents_deliversEachOnce() {
    // GIVEN a route and 23 resolved events: three PutEvents calls (at most 10 entries each)
    Route route = route();
    List<IncidentEvent> resolved = new ArrayList<>();
    for (int i = 0; i < 23; i++) resolved.add(Events.resolved("mon-" + i, "inc-" + i + "-" + UUID.randomUUID()));

    // WHEN they are published
    var accepted = publisher(route).publish(resolved);

    // THEN the bus accepted all, and each reaches the queue once
    assertThat(accepted).hasSize(23);
    List<String> delivered = receive(route, 23).stream()
        .map(n -> IncidentEventCodec.fromSnsMessage(n.get("Message").asText()).id())
        .toList();
    assertThat(delivered).containsExactlyInAnyOrderElementsOf(resolved.stream().map(IncidentEvent::id).toList());
  }

  @Test
  void sweep_publishesTheIncidentOfAMissedSlot_fromDynamoDbThroughTheBus_toTheQueue() {
    // GIVEN in LocalStack's DynamoDB an hourly monitor that checked in at 10:20, and a sweeper publishing to the route
    Route route = route();
    String table = "cronmon-events-" + UUID.randomUUID();
    TableSchema.createTable(dynamo, table);
    DynamoCronStore store = new DynamoCronStore(dynamo, table);
    MutableClock clock = MutableClock.at("2026-03-02T10:20:00Z");
    Monitor monitor = new Monitor(UUID.randomUUID().toString(), "acme", "42", "hourly-report", "Hourly report",
        MonitorStatus.ACTIVE, false, new MonitorConfig(new CrontabSchedule("0 * * * *"), ZoneOffset.UTC, 1, 30, 1, 1),
        clock.instant(), null, 1);
    assertThat(store.putMonitor(monitor)).isTrue();
    assertThat(new CheckInService(store, clock)
        .checkIn(new CheckInCommand(monitor, "production", CheckInStatus.OK, null, null, null)).accepted()).isTrue();
    Sweeper sweeper = new Sweeper(store, publisher(route), clock);

    // WHEN 11:00 passes its deadline (11:01) and the sweeper runs
    clock.set(Instant.parse("2026-03-02T11:01:00Z"));
    Sweeper.Result result = sweeper.sweep(Sweeper.Budget.of(100));

    // THEN it marked the slot missed, published the incident it opened and emptied the outbox, and the queue receives
    // the opened event of that monitor
    assertThat(result.missed()).isEqualTo(1);
    assertThat(result.eventsPublished()).isEqualTo(1);
    assertThat(store.environment(monitor.id(), "production").orElseThrow().outbox()).isEmpty();
    List<JsonNode> notifications = receive(route, 1);
    assertThat(notifications).hasSize(1);
    IncidentEvent delivered = IncidentEventCodec.fromSnsMessage(notifications.get(0).get("Message").asText());
    assertThat(delivered.type()).isEqualTo(IncidentEvent.Type.OPENED);
    assertThat(delivered.monitorId()).isEqualTo(monitor.id());
    assertThat(delivered.monitorSlug()).isEqualTo("hourly-report");
    assertThat(delivered.environment()).isEqualTo("production");
    assertThat(delivered.reason()).isEqualTo("A missed check-in was detected");
  }

  private static EventBridgePublisher publisher(Route route) {
    return EmulatedAws.publisher(route.bus(), endpoint);
  }

  private static Route route() {
    String name = "cronmon-" + ROUTES.incrementAndGet();
    String bus = name + "-incidents";
    events.createEventBus(b -> b.name(bus));
    String topicArn = sns.createTopic(b -> b.name(name + "-topic")).topicArn();
    String queueUrl = sqs.createQueue(b -> b.queueName(name + "-queue")).queueUrl();
    String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
    events.putRule(b -> b.name(name + "-rule").eventBusName(bus).eventPattern(RULE_PATTERN));
    var targets = events.putTargets(b -> b.rule(name + "-rule").eventBusName(bus)
        .targets(Target.builder().id("incident-topic").arn(topicArn).build()));
    assertThat(targets.failedEntryCount()).isZero();
    return new Route(bus, topicArn, queueUrl);
  }

  /**
   * The SNS notifications that reach the route's queue, read with SQS long polling until {@code expected} arrived or
   * {@link #DELIVERY_TIMEOUT_SECONDS} passed (then the caller's assertion on the count fails).
   */
  private static List<JsonNode> receive(Route route, int expected) {
    List<JsonNode> received = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DELIVERY_TIMEOUT_SECONDS);
    while (received.size() < expected && System.nanoTime() < deadline) {
      List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(route.queueUrl())
          .maxNumberOfMessages(10).waitTimeSeconds(5)).messages();
      for (Message m : messages) {
        received.add(EmulatedAws.json(m.body()));
        sqs.deleteMessage(b -> b.queueUrl(route.queueUrl()).receiptHandle(m.receiptHandle()));
      }
    }
    return received;
  }
}
