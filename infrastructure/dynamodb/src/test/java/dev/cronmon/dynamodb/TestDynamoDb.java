package dev.cronmon.dynamodb;

import dev.cronmon.dynamodblocal.DynamoDbLocal;
import java.net.URI;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB the store and sweeper tests run against: DynamoDB Local in this JVM, or the DynamoDB-compatible
 * endpoint the system property {@value #ENDPOINT_PROPERTY} names. infrastructure/moto-tests sets it to moto's server
 * and the {@code localstack} profile to LocalStack's (infrastructure/localstack-tests), so the same test classes run
 * there unchanged. The endpoint must be a fresh one: every run names its tables cronmon-test-1, -2, … again.
 */
public final class TestDynamoDb implements AutoCloseable {
  public static final String ENDPOINT_PROPERTY = "cronmon.test.dynamodb.endpoint";
  /**
   * "true" makes every client of the endpoint wait for the JVM's previous request to end before it sends one (racing
   * tests still interleave, request by request). infrastructure/moto-tests sets it: moto's server runs concurrent
   * requests without isolating them, so a transaction that fails its condition can undo a concurrent commit
   * (docs/testing.md).
   */
  public static final String ONE_REQUEST_AT_A_TIME_PROPERTY = "cronmon.test.dynamodb.oneRequestAtATime";
  private static final Semaphore ONE_REQUEST = new Semaphore(1, true);

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
    return new TestDynamoDb(null, uri, newClient(uri));
  }

  URI endpoint() {
    return endpoint;
  }

  DynamoDbClient client() {
    return client;
  }

  /** Another client of this DynamoDB, passing every request through {@code interceptors}. */
  DynamoDbClient newClient(ExecutionInterceptor... interceptors) {
    return newClient(endpoint, interceptors);
  }

  private static DynamoDbClient newClient(URI endpoint, ExecutionInterceptor... interceptors) {
    if (!Boolean.getBoolean(ONE_REQUEST_AT_A_TIME_PROPERTY)) return DynamoDbLocal.newClient(endpoint, interceptors);
    ExecutionInterceptor[] all = Stream.concat(Stream.of(new OneRequestAtATime()), Stream.of(interceptors))
        .toArray(ExecutionInterceptor[]::new);
    return DynamoDbLocal.newClient(endpoint, all);
  }

  /** Holds the JVM's one permit from the start of a call to its end (the SDK's own retries included). */
  private static final class OneRequestAtATime implements ExecutionInterceptor {
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      ONE_REQUEST.acquireUninterruptibly();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      ONE_REQUEST.release();
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
      ONE_REQUEST.release();
    }
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
