package dev.cronmon.moto;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.alerts.AlertsHandler;
import dev.cronmon.common.Json;
import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.alert.Channel;
import dev.cronmon.domain.alert.ChannelConfig;
import dev.cronmon.domain.alert.Delivery;
import dev.cronmon.domain.alert.Events;
import dev.cronmon.domain.alert.RecordingReceiver;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.incident.codec.IncidentEventCodec;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.time.MutableClock;
import dev.cronmon.dynamodb.DynamoCronStore;
import dev.cronmon.dynamodb.TableSchema;
import dev.cronmon.dynamodb.TemplateYaml;
import dev.cronmon.dynamodblocal.DynamoDbLocal;
import dev.cronmon.events.EmulatedAws;
import dev.cronmon.events.EventBridgePublisher;
import dev.cronmon.lambda.Services;
import dev.cronmon.moto.MotoExtension.Moto;
import java.net.URI;
import java.nio.file.Path;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Incident events through moto's EventBridge, SNS and SQS, as far as moto goes: a rule cannot deliver to an SNS target
 * there (moto 5.2.1 answers 500, NotImplementedError; docs/testing.md), so the bus → topic hop is the LocalStack
 * profile's, and here the rule's target is a queue. The rule's pattern is {@code IncidentEventsRule}'s, read from
 * template.yaml, so an edit of either the pattern or the events the publisher sends shows here. The events go out
 * through the real {@link EventBridgePublisher}, built from the variables the sweeper function reads; the alerts
 * function's handler reads the SNS notification a subscribed queue received.
 */
class IncidentEventsMotoTest {
  /** How long a test waits for a delivery (moto delivers within the call; the wait only bounds a failure). */
  private static final long DELIVERY_TIMEOUT_SECONDS = 20;
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static URI endpoint;
  private static EventBridgeClient events;
  private static SnsClient sns;
  private static SqsClient sqs;
  private static DynamoDbClient dynamo;

  /** A bus whose rule has the template's pattern and a queue as its target. */
  private record Route(String bus, String queueUrl) {}

  @BeforeAll
  static void clients(Moto moto) {
    endpoint = moto.endpoint();
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
  void publishedIncidents_matchTheTemplatesRule_andReachItsTarget_otherEventsDoNot() {
    // GIVEN a bus with the template's rule, and an opened and a resolved incident
    Route route = route();
    IncidentEvent opened = Events.opened(UUID.randomUUID().toString(), "inc-" + UUID.randomUUID());
    IncidentEvent resolved = Events.resolved(opened.monitorId(), opened.incidentId());

    // WHEN the publisher puts both on the bus, and two events the rule must not match are put beside them
    var accepted = publisher(route).publish(List.of(opened, resolved));
    var others = events.putEvents(b -> b.entries(
        entry(route, "not-cronmon", IncidentEventCodec.OPENED),
        entry(route, IncidentEventCodec.SOURCE, "Monitor Deleted")));

    // THEN the bus accepted all four, and the queue holds exactly the two incidents, each the EventBridge event that
    // the alerts function reads back into the same incident event
    assertThat(accepted).containsExactlyInAnyOrder(opened.id(), resolved.id());
    assertThat(others.failedEntryCount()).isZero();
    List<JsonNode> delivered = receive(route.queueUrl(), 2);
    assertThat(delivered).extracting(e -> e.get("source").asText()).containsOnly(IncidentEventCodec.SOURCE);
    assertThat(delivered).extracting(e -> e.get("detail-type").asText())
        .containsExactlyInAnyOrder(IncidentEventCodec.OPENED, IncidentEventCodec.RESOLVED);
    assertThat(delivered).extracting(e -> IncidentEventCodec.fromSnsMessage(e.toString()))
        .containsExactlyInAnyOrder(opened, resolved);
    assertThat(receiveNow(route.queueUrl())).as("events the template's pattern must not match").isEmpty();
  }

  @Test
  void theRulesEvent_throughTopicAndQueue_isDeliveredByTheAlertsHandler() {
    // GIVEN in moto's DynamoDB a monitor whose alert rule picks a webhook channel, the alerts function's handler on
    // that store, and a topic with a subscribed queue
    MutableClock clock = MutableClock.at("2026-03-02T13:02:00Z");
    String table = "cronmon-events-" + NAMES.incrementAndGet();
    TableSchema.createTable(dynamo, table);
    DynamoCronStore store = new DynamoCronStore(dynamo, table);
    String monitorId = UUID.randomUUID().toString();
    assertThat(store.putMonitor(new Monitor(monitorId, "acme", "42", "nightly-backup", "Nightly backup",
        MonitorStatus.ACTIVE, false, new MonitorConfig(new CrontabSchedule("1 * * * *"), ZoneOffset.UTC, 1, 30, 1, 1),
        clock.instant(), null, 1))).isTrue();
    try (RecordingReceiver webhook = new RecordingReceiver()) {
      Channel hook = new Channel("hook", "acme", "hook", new ChannelConfig.Webhook(webhook.url("/cronmon")), "whsec_hook",
          clock.instant(), null, null, null, false, 1);
      assertThat(store.saveChannel(hook)).isTrue();
      assertThat(store.saveAlertRule(AlertRule.Owner.monitor(monitorId), new AlertRule(List.of("hook"), Map.of(), 1))).isTrue();
      Map<String, String> env = Map.of("ALLOW_PRIVATE_ALERT_TARGETS", "true");
      AlertsHandler handler = new AlertsHandler(new Services(store, dynamo, clock, env::get), clock::advance);
      String topicArn = sns.createTopic(b -> b.name("cronmon-incidents-" + NAMES.incrementAndGet())).topicArn();
      String alertsQueue = queue("cronmon-alerts-" + NAMES.incrementAndGet());
      sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(arn(alertsQueue)));

      // WHEN an opened incident goes through the bus's rule, what the rule delivered is published to the topic (the
      // hop moto cannot make), and the handler gets the SNS notification the queue received
      Route route = route();
      IncidentEvent opened = Events.opened(monitorId, "inc-" + UUID.randomUUID());
      assertThat(publisher(route).publish(List.of(opened))).containsExactly(opened.id());
      String ruleDelivered = receive(route.queueUrl(), 1).get(0).toString();
      sns.publish(b -> b.topicArn(topicArn).message(ruleDelivered));
      JsonNode notification = receive(alertsQueue, 1).get(0);
      handler.handleRequest(snsEvent(notification), null);

      // THEN the notification is the topic's, and the webhook got the incident once, as the opened event of that id,
      // recorded as delivered in the store
      assertThat(notification.get("Type").asText()).isEqualTo("Notification");
      assertThat(notification.get("TopicArn").asText()).isEqualTo(topicArn);
      assertThat(webhook.requests()).singleElement().satisfies(r -> {
        assertThat(r.header("Cronmon-Event-Id")).isEqualTo(opened.id());
        assertThat(EmulatedAws.json(r.body()).get("type").asText()).isEqualTo("incident.opened");
      });
      assertThat(store.delivery("hook", opened.id()).orElseThrow().status()).isEqualTo(Delivery.Status.DELIVERED);
    }
  }

  /** The SNS event Lambda hands the alerts function, from the notification an SQS subscription received. */
  private static SNSEvent snsEvent(JsonNode notification) {
    SNSEvent.SNS message = new SNSEvent.SNS().withType(notification.get("Type").asText())
        .withMessageId(notification.get("MessageId").asText())
        .withTopicArn(notification.get("TopicArn").asText())
        .withMessage(notification.get("Message").asText());
    return new SNSEvent().withRecords(List.of(new SNSEvent.SNSRecord().withEventSource("aws:sns").withEventVersion("1.0")
        .withSns(message)));
  }

  /** template.yaml's IncidentEventsRule.EventPattern, as the JSON a PutRule takes. */
  private static String templatePattern() {
    Path template = TemplateYaml.find();
    assertThat(template).as("template.yaml above " + Path.of("").toAbsolutePath()).isNotNull();
    Object pattern = TemplateYaml.properties(TemplateYaml.load(template), "IncidentEventsRule").get("EventPattern");
    assertThat(pattern).as("IncidentEventsRule.EventPattern").isNotNull();
    return Json.write(pattern);
  }

  private static EventBridgePublisher publisher(Route route) {
    return EmulatedAws.publisher(route.bus(), endpoint);
  }

  private static PutEventsRequestEntry entry(Route route, String source, String detailType) {
    return PutEventsRequestEntry.builder().eventBusName(route.bus()).source(source).detailType(detailType)
        .detail("{\"note\":\"not an incident\"}").build();
  }

  private static Route route() {
    String name = "cronmon-" + NAMES.incrementAndGet();
    String bus = name + "-incidents";
    events.createEventBus(b -> b.name(bus));
    String queueUrl = queue(name + "-rule-target");
    events.putRule(b -> b.name(name + "-rule").eventBusName(bus).eventPattern(templatePattern()));
    var targets = events.putTargets(b -> b.rule(name + "-rule").eventBusName(bus)
        .targets(Target.builder().id("incident-queue").arn(arn(queueUrl)).build()));
    assertThat(targets.failedEntryCount()).isZero();
    return new Route(bus, queueUrl);
  }

  private static String queue(String name) {
    return sqs.createQueue(b -> b.queueName(name)).queueUrl();
  }

  private static String arn(String queueUrl) {
    return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
  }

  /**
   * The JSON bodies that reach the queue, read with SQS long polling until {@code expected} arrived or
   * {@link #DELIVERY_TIMEOUT_SECONDS} passed (then the caller's assertion on the count fails).
   */
  private static List<JsonNode> receive(String queueUrl, int expected) {
    List<JsonNode> received = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DELIVERY_TIMEOUT_SECONDS);
    while (received.size() < expected && System.nanoTime() < deadline) received.addAll(take(queueUrl, 2));
    assertThat(received).as("messages in " + queueUrl).hasSize(expected);
    return received;
  }

  /** What the queue holds now. */
  private static List<JsonNode> receiveNow(String queueUrl) {
    return take(queueUrl, 0);
  }

  private static List<JsonNode> take(String queueUrl, int waitSeconds) {
    List<JsonNode> out = new ArrayList<>();
    for (Message m : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(waitSeconds)).messages()) {
      out.add(EmulatedAws.json(m.body()));
      sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
    }
    return out;
  }
}
