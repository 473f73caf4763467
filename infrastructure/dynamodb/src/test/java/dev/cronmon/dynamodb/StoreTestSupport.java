package dev.cronmon.dynamodb;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** One DynamoDB Local server per test class (or the endpoint {@link TestDynamoDb} is given), a fresh table per test. */
abstract class StoreTestSupport {
  private static final AtomicInteger TABLES = new AtomicInteger();
  static TestDynamoDb local;

  DynamoDbClient client;
  String table;
  DynamoCronStore store;

  @BeforeAll
  static void startDynamoDbLocal() {
    local = TestDynamoDb.start();
  }

  @AfterAll
  static void stopDynamoDbLocal() {
    local.close();
  }

  /** A second client of the same DynamoDB that passes every request through {@code interceptors} (to count or record). */
  static DynamoDbClient clientWith(ExecutionInterceptor... interceptors) {
    return local.newClient(interceptors);
  }

  /** A store on this test's table whose client carries {@code meter}. */
  DynamoCronStore metered(CapacityMeter meter) {
    return new DynamoCronStore(clientWith(meter), table);
  }

  @BeforeEach
  void freshTable() {
    client = local.client();
    table = "cronmon-test-" + TABLES.incrementAndGet();
    TableSchema.createTable(client, table);
    store = new DynamoCronStore(client, table);
  }

  /** BatchWriteItem, 25 at a time: setting up the table is not what is measured. */
  void seed(List<Map<String, AttributeValue>> items) {
    for (int from = 0; from < items.size(); from += 25) {
      List<WriteRequest> batch = items.subList(from, Math.min(items.size(), from + 25)).stream()
          .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build()).toList();
      Map<String, List<WriteRequest>> request = Map.of(table, batch);
      while (!request.isEmpty()) {
        Map<String, List<WriteRequest>> pending = request;
        var r = client.batchWriteItem(b -> b.requestItems(pending));
        request = r.hasUnprocessedItems() ? r.unprocessedItems() : Map.of();
      }
    }
  }
}
