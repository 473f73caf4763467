package dev.cronmon.events;

import dev.cronmon.common.Log;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.incident.codec.IncidentEventCodec;
import dev.cronmon.domain.service.EventPublisher;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Incident events to an EventBridge bus with PutEvents (source {@code cronmon}, detail-types and detail in
 * docs/events.md). Entries are sent 10 per request (the PutEvents limit); the response's entries match the request's
 * in order, and an entry with an error code (FailedEntryCount &gt; 0) is left out of the accepted ids so its event
 * stays in the outbox. Thread-safe; build one per process, outside the handler.
 */
public final class EventBridgePublisher implements EventPublisher {
  public static final String BUS_NAME = "EVENT_BUS_NAME";
  /** Set by the local stack to its in-process bus; unset on AWS. */
  public static final String ENDPOINT = "EVENTBRIDGE_ENDPOINT";
  static final int MAX_ENTRIES_PER_REQUEST = 10;

  private final EventBridgeClient client;
  private final String busName;

  public EventBridgePublisher(EventBridgeClient client, String busName) {
    this.client = Objects.requireNonNull(client, "client");
    this.busName = Objects.requireNonNull(busName, "busName");
  }

  /** From the environment: {@code EVENT_BUS_NAME}, region and credentials as for DynamoDB, {@code EVENTBRIDGE_ENDPOINT}. */
  public static EventBridgePublisher from(Function<String, String> env) {
    String bus = blankToNull(env.apply(BUS_NAME));
    if (bus == null) throw new IllegalStateException("environment variable " + BUS_NAME + " is not set");
    String endpoint = blankToNull(env.apply(ENDPOINT));
    String region = blankToNull(env.apply("AWS_REGION"));
    if (region == null) region = blankToNull(env.apply("AWS_DEFAULT_REGION"));
    if (region == null && endpoint != null) region = Region.US_EAST_1.id();
    if (region == null) throw new IllegalStateException("AWS_REGION is not set");
    var builder = EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(region));
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint)).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
    } else if (blankToNull(env.apply("AWS_LAMBDA_FUNCTION_NAME")) != null) {
      // With SnapStart Lambda serves the role's credentials at this URI instead of setting the key variables.
      builder.credentialsProvider(blankToNull(env.apply("AWS_CONTAINER_CREDENTIALS_FULL_URI")) != null
          ? ContainerCredentialsProvider.create()
          : EnvironmentVariableCredentialsProvider.create());
    } else {
      builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    return new EventBridgePublisher(builder.build(), bus);
  }

  @Override
  public Set<String> publish(List<IncidentEvent> events) {
    Set<String> accepted = new HashSet<>();
    for (int from = 0; from < events.size(); from += MAX_ENTRIES_PER_REQUEST) {
      List<IncidentEvent> batch = events.subList(from, Math.min(events.size(), from + MAX_ENTRIES_PER_REQUEST));
      List<PutEventsRequestEntry> entries = batch.stream().map(this::entry).toList();
      PutEventsResponse response;
      try {
        response = client.putEvents(b -> b.entries(entries));
      } catch (SdkException e) {
        Log.error("PutEvents failed; the events stay in their outboxes", e, "events", batch.size());
        continue;
      }
      List<PutEventsResultEntry> results = response.entries();
      for (int i = 0; i < batch.size(); i++) {
        PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
        if (result != null && result.errorCode() == null && result.eventId() != null) {
          accepted.add(batch.get(i).id());
        } else {
          Log.warn("PutEvents refused an event; it stays in its outbox", "eventId", batch.get(i).id(),
              "errorCode", result == null ? null : result.errorCode(), "errorMessage", result == null ? null : result.errorMessage());
        }
      }
    }
    return accepted;
  }

  private PutEventsRequestEntry entry(IncidentEvent e) {
    return PutEventsRequestEntry.builder()
        .eventBusName(busName)
        .source(IncidentEventCodec.SOURCE)
        .detailType(IncidentEventCodec.detailType(e.type()))
        .detail(IncidentEventCodec.detail(e))
        .time(e.time())
        .build();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
