package dev.cronmon.dynamodb;

import dev.cronmon.dynamodblocal.DynamoDbLocal;
import java.net.URI;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB the store and sweeper tests run against: DynamoDB Local in this JVM, or the DynamoDB-compatible
 * endpoint the system property {@value #ENDPOINT_PROPERTY} names. The {@code localstack} profile sets it to
 * LocalStack's (infrastructure/localstack-tests), so the same test classes run there unchanged. The endpoint must be
 * a fresh one: every run names its tables cronmon-test-1, -2, … again.
 */
public final class TestDynamoDb implements AutoCloseable {
  public static final String ENDPOINT_PROPERTY = "cronmon.test.dynamodb.endpoint";

  private final DynamoDbLocal embedded;
  private final URI endpoint;
  private final DynamoDbClient client;

  private TestDynamoDb(DynamoDbLocal embedded, URI endpoint, DynamoDbClient client) {
    this.embedded = embedded;
    this.endpoint = endpoint;
    this.client = client;
  }

  static TestDynamoDb start() {
    String endpoint = System.getProperty(ENDPOINT_PROPERTY, "");
    if (endpoint.isBlank()) {
      DynamoDbLocal local = DynamoDbLocal.inMemory();
      return new TestDynamoDb(local, local.endpoint(), local.client());
    }
    URI uri = URI.create(endpoint);
    return new TestDynamoDb(null, uri, DynamoDbLocal.newClient(uri));
  }

  URI endpoint() {
    return endpoint;
  }

  DynamoDbClient client() {
    return client;
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    } else {
      client.close();
    }
  }
}
