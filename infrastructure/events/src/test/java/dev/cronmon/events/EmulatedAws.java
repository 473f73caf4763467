package dev.cronmon.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * For the event tests against an AWS emulator (infrastructure/moto-tests, infrastructure/localstack-tests, from this
 * module's test-jar): its clients, and the publisher as the sweeper function builds it.
 */
public final class EmulatedAws {
  private EmulatedAws() {}

  /** A client of {@code endpoint} with the dummy credentials and region cronmon's own clients use with an endpoint. */
  public static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(B builder, URI endpoint) {
    return builder.endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** The publisher as the sweeper function builds it, from EVENT_BUS_NAME and (here) EVENTBRIDGE_ENDPOINT. */
  public static EventBridgePublisher publisher(String bus, URI endpoint) {
    return EventBridgePublisher.from(Map.of(
        EventBridgePublisher.BUS_NAME, bus,
        EventBridgePublisher.ENDPOINT, endpoint.toString())::get);
  }

  /** Closes each client given; the emulator goes away at the end of the run anyway, so a failure is ignored. */
  public static void closeAll(AutoCloseable... clients) {
    for (AutoCloseable c : clients) {
      try {
        if (c != null) c.close();
      } catch (Exception ignored) {
        // nothing to do
      }
    }
  }

  /** A message body as JSON; an AssertionError naming it when it is not JSON. */
  public static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
