package dev.cronmon.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import dev.cronmon.common.Log;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.incident.codec.IncidentEventCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.joda.time.DateTime;

/**
 * The local stand-in for "EventBridge bus → rule → SNS topic → subscribed functions": an incident event becomes the
 * EventBridge event JSON, wrapped as the SNS message of an {@link SNSEvent}, handed synchronously to each function
 * the template subscribes to the topic. Like Lambda's asynchronous invocation, a failed delivery is tried twice more;
 * then it is logged as dead-lettered.
 */
public final class LocalTopic {
  static final int ATTEMPTS = 3;
  static final String ACCOUNT = "000000000000";
  static final String REGION = "us-east-1";

  private final String logicalId;
  private final List<RequestHandler<SNSEvent, ?>> subscribers = new CopyOnWriteArrayList<>();

  LocalTopic(String logicalId) {
    this.logicalId = logicalId;
  }

  public void subscribe(RequestHandler<SNSEvent, ?> handler) {
    subscribers.add(handler);
  }

  /** Publishes {@code event} as the bus→SNS target would; answers how many subscribers failed every attempt. */
  public int publish(IncidentEvent event) {
    return publishMessage(IncidentEventCodec.eventBridgeEvent(event, ACCOUNT, REGION));
  }

  /** Publishes a raw SNS message (tests redeliver the same message, as SNS may). */
  public int publishMessage(String message) {
    SNSEvent event = snsEvent(topicArn(logicalId), message, null);
    int failed = 0;
    for (RequestHandler<SNSEvent, ?> subscriber : subscribers) {
      if (!deliver(subscriber, event)) failed++;
    }
    return failed;
  }

  private static boolean deliver(RequestHandler<SNSEvent, ?> subscriber, SNSEvent event) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        subscriber.handleRequest(event, null);
        return true;
      } catch (RuntimeException e) {
        Log.warn("topic subscriber failed", "subscriber", subscriber.getClass().getSimpleName(), "attempt", attempt, "error", e.toString());
      }
    }
    Log.warn("topic message dead-lettered", "subscriber", subscriber.getClass().getSimpleName());
    return false;
  }

  static String topicArn(String topicLogicalId) {
    return "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + topicLogicalId;
  }

  /**
   * The one builder of the {@link SNSEvent} a subscribed Lambda function receives: one notification record carrying
   * {@code message}, stamped with {@code time} when known.
   */
  static SNSEvent snsEvent(String topicArn, String message, Instant time) {
    SNSEvent.SNS sns = new SNSEvent.SNS()
        .withType("Notification")
        .withMessageId(UUID.randomUUID().toString())
        .withTopicArn(topicArn)
        .withMessage(message)
        .withSignatureVersion("1")
        .withMessageAttributes(Map.of());
    if (time != null) sns.setTimestamp(new DateTime(time.toEpochMilli()));
    return new SNSEvent().withRecords(List.of(new SNSEvent.SNSRecord()
        .withEventSource("aws:sns")
        .withEventVersion("1.0")
        .withEventSubscriptionArn(topicArn + ":" + UUID.randomUUID())
        .withSns(sns)));
  }

  /** The logical ids of the functions with an SNS event on {@code topicLogicalId}. */
  static List<String> subscribedFunctions(Template template, String topicLogicalId) {
    List<String> out = new ArrayList<>();
    Template.map(template.root().get("Resources")).forEach((id, value) -> {
      Map<String, Object> resource = Template.map(value);
      if (!"AWS::Serverless::Function".equals(resource.get("Type"))) return;
      for (Object e : Template.map(Template.map(resource.get("Properties")).get("Events")).values()) {
        Map<String, Object> event = Template.map(e);
        Object topic = Template.map(event.get("Properties")).get("Topic");
        if ("SNS".equals(event.get("Type")) && topic instanceof Map<?, ?> ref && topicLogicalId.equals(ref.get("Ref"))) {
          out.add(id);
          return;
        }
      }
    });
    return out;
  }
}
