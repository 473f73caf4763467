package dev.cronmon.alerts;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** SNS events as Lambda receives them, from the JSON fixtures in src/test/resources/events/. */
final class SnsEvents {
  private SnsEvents() {}

  static SNSEvent load(String resource) {
    try (InputStream in = SnsEvents.class.getResourceAsStream("/events/" + resource)) {
      if (in == null) throw new IllegalArgumentException("no fixture " + resource);
      JsonNode root = new ObjectMapper().readTree(in);
      List<SNSEvent.SNSRecord> records = new ArrayList<>();
      for (JsonNode r : root.get("Records")) {
        JsonNode sns = r.get("Sns");
        records.add(new SNSEvent.SNSRecord().withEventSource(r.get("EventSource").asText())
            .withEventVersion(r.get("EventVersion").asText()).withEventSubscriptionArn(r.get("EventSubscriptionArn").asText())
            .withSns(new SNSEvent.SNS().withType(sns.get("Type").asText()).withMessageId(sns.get("MessageId").asText())
                .withTopicArn(sns.get("TopicArn").asText()).withMessage(sns.get("Message").asText())));
      }
      return new SNSEvent().withRecords(records);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SNSEvent withMessage(String message) {
    return new SNSEvent().withRecords(List.of(new SNSEvent.SNSRecord().withEventSource("aws:sns")
        .withSns(new SNSEvent.SNS().withType("Notification").withMessage(message))));
  }
}
