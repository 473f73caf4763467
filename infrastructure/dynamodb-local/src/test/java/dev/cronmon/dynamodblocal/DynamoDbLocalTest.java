package dev.cronmon.dynamodblocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class DynamoDbLocalTest {

  @Test
  void inMemory_startsOnLoopback_andServesRequests() {
    long started = System.nanoTime();
    try (DynamoDbLocal local = DynamoDbLocal.inMemory()) {
      long startMillis = (System.nanoTime() - started) / 1_000_000;
      System.out.println("DynamoDB Local in-memory start: " + startMillis + " ms");
      assertThat(local.endpoint().getHost()).isEqualTo("127.0.0.1");
      assertThat(local.port()).isPositive();
      createTable(local.client(), "things");
      local.client().putItem(b -> b.tableName("things").item(Map.of("PK", AttributeValue.fromS("a"), "v", AttributeValue.fromS("1"))));
      assertThat(local.client().getItem(b -> b.tableName("things").key(Map.of("PK", AttributeValue.fromS("a")))).item())
          .containsEntry("v", AttributeValue.fromS("1"));
    }
  }

  @Test
  void close_stopsListening_andIsIdempotent() {
    DynamoDbLocal local = DynamoDbLocal.inMemory();
    int port = local.port();
    assertThat(listening(port)).isTrue();
    local.close();
    local.close();
    assertThat(listening(port)).isFalse();
  }

  @Test
  void inMemory_isOneDatabase_whateverTheRegionAndCredentials() {
    try (DynamoDbLocal local = DynamoDbLocal.inMemory();
        DynamoDbClient other = DynamoDbClient.builder()
            .endpointOverride(local.endpoint())
            .region(Region.AP_SOUTHEAST_2)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("another", "key")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      createTable(local.client(), "shared");
      assertThat(other.listTables().tableNames()).containsExactly("shared");
    }
  }

  @Test
  void close_endsTheBackgroundJobThreads_soTheJvmCanExit() throws InterruptedException {
    DynamoDbLocal local = DynamoDbLocal.inMemory();
    createTable(local.client(), "jobs"); // the first request starts DynamoDB Local's job pool
    assertThat(jobThreads()).isPositive();
    local.close();
    long deadline = System.currentTimeMillis() + 5000;
    while (jobThreads() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(20);
    assertThat(jobThreads()).isZero();
  }

  private static long jobThreads() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().isAlive() && !e.getKey().isDaemon())
        .filter(e -> java.util.Arrays.stream(e.getValue())
            .anyMatch(f -> f.getClassName().startsWith("com.amazonaws.services.dynamodbv2.local.shared.jobs.")))
        .count();
  }

  @Test
  void twoInstances_getDistinctPorts_andSeparateData() {
    try (DynamoDbLocal a = DynamoDbLocal.inMemory(); DynamoDbLocal b = DynamoDbLocal.inMemory()) {
      assertThat(a.port()).isNotEqualTo(b.port());
      createTable(a.client(), "only-in-a");
      assertThat(a.client().listTables().tableNames()).containsExactly("only-in-a");
      assertThat(b.client().listTables().tableNames()).isEmpty();
    }
  }

  @Test
  void persistent_keepsData_acrossRestarts_whateverTheRegionAndCredentials(@TempDir Path dir) {
    try (DynamoDbLocal first = DynamoDbLocal.persistent(dir)) {
      createTable(first.client(), "kept");
      first.client().putItem(b -> b.tableName("kept").item(Map.of("PK", AttributeValue.fromS("k"), "v", AttributeValue.fromS("x"))));
    }
    try (DynamoDbLocal second = DynamoDbLocal.persistent(dir);
        DynamoDbClient other = DynamoDbClient.builder()
            .endpointOverride(second.endpoint())
            .region(Region.EU_WEST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("someone", "else")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      assertThat(other.getItem(b -> b.tableName("kept").key(Map.of("PK", AttributeValue.fromS("k")))).item())
          .containsEntry("v", AttributeValue.fromS("x"));
    }
  }

  private static void createTable(DynamoDbClient client, String name) {
    client.createTable(b -> b.tableName(name)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("PK").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("PK").keyType(KeyType.HASH).build()));
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
