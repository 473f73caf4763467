package dev.cronmon.dynamodblocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

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

  @Test
  void start_printsNothing_andLogsDynamoDbLocalsConfiguration_atConfigLevel() {
    // GIVEN standard output captured and a handler on the class's logger
    PrintStream original = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    List<LogRecord> logged = new ArrayList<>();
    Logger logger = Logger.getLogger(DynamoDbLocal.class.getName());
    Level level = logger.getLevel();
    Handler handler = new Handler() {
      @Override public void publish(LogRecord r) { logged.add(r); }
      @Override public void flush() {}
      @Override public void close() {}
    };
    logger.setLevel(Level.ALL);
    logger.addHandler(handler);
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    // WHEN an instance starts
    try (DynamoDbLocal local = DynamoDbLocal.inMemory()) {
      assertThat(local.port()).isPositive();
    } finally {
      System.setOut(original);
      logger.removeHandler(handler);
      logger.setLevel(level);
    }
    // THEN its configuration banner went to the logger, not to standard output
    assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("DynamoDB Local");
    assertThat(logged).anySatisfy(r -> {
      assertThat(r.getLevel()).isEqualTo(Level.CONFIG);
      assertThat(r.getMessage()).contains("Initializing DynamoDB Local");
    });
  }

  @Test
  void useWriteAheadLog_isKeptInTheFile_andTheInstanceStillWorks(@TempDir Path dir) {
    // GIVEN a directory with no database yet, put in write-ahead-log mode
    DynamoDbLocal.useWriteAheadLog(dir);
    assertThat(DynamoDbLocal.journalMode(dir)).isEqualTo("wal");
    // WHEN an instance fills it and stops, and another starts on it
    try (DynamoDbLocal first = DynamoDbLocal.persistent(dir)) {
      createTable(first.client(), "walled");
      first.client().putItem(b -> b.tableName("walled").item(Map.of("PK", AttributeValue.fromS("k"))));
    }
    // THEN the mode stayed, and the data is there
    assertThat(DynamoDbLocal.journalMode(dir)).isEqualTo("wal");
    try (DynamoDbLocal second = DynamoDbLocal.persistent(dir)) {
      assertThat(second.client().getItem(b -> b.tableName("walled").key(Map.of("PK", AttributeValue.fromS("k")))).hasItem()).isTrue();
    }
  }

  @Test
  void persistent_withoutUseWriteAheadLog_keepsSqlitesDefaultMode(@TempDir Path dir) {
    try (DynamoDbLocal local = DynamoDbLocal.persistent(dir)) {
      createTable(local.client(), "plain");
    }
    assertThat(DynamoDbLocal.journalMode(dir)).isEqualTo("delete");
  }

  @Test
  void copyDatabase_whileWritesGoOn_isOneCommittedMoment_andNoWriteFails(@TempDir Path dir) throws Exception {
    // GIVEN a database in write-ahead-log mode, and three writers each committing pairs of items in one transaction
    DynamoDbLocal.useWriteAheadLog(dir);
    try (DynamoDbLocal local = DynamoDbLocal.persistent(dir)) {
      createTable(local.client(), "busy");
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService writers = Executors.newFixedThreadPool(3);
      List<Future<Integer>> written = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        String writer = "w" + w;
        written.add(writers.submit(() -> {
          int n = 0;
          while (!stop.get() || n < 20) {
            String i = String.format("%05d", n);
            local.client().transactWriteItems(b -> b.transactItems(put(writer + "-a-" + i), put(writer + "-b-" + i)));
            n++;
          }
          return n;
        }));
      }
      // WHEN copies are taken while they write
      List<Path> copies = new ArrayList<>();
      for (int c = 0; c < 5; c++) {
        Thread.sleep(150);
        Path copy = dir.resolveSibling(dir.getFileName() + "-copy" + c);
        DynamoDbLocal.copyDatabase(dir, copy);
        copies.add(copy);
      }
      stop.set(true);
      writers.shutdown();
      assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      int total = 0;
      for (Future<Integer> f : written) total += f.get(); // a failed write would throw here
      // THEN each copy holds, per writer, both items of the first k pairs and nothing else
      Set<Integer> sizes = new HashSet<>();
      for (Path copy : copies) {
        try (DynamoDbLocal restored = DynamoDbLocal.persistent(copy)) {
          Set<String> keys = new HashSet<>();
          restored.client().scanPaginator(b -> b.tableName("busy")).items().forEach(item -> keys.add(item.get("PK").s()));
          for (int w = 0; w < 3; w++) {
            String writer = "w" + w + "-";
            int pairs = 0;
            while (keys.contains(writer + "a-" + String.format("%05d", pairs))) pairs++;
            for (int i = 0; i < pairs; i++) assertThat(keys).contains(writer + "b-" + String.format("%05d", i));
            assertThat(keys).as("copy %s holds exactly pairs 0..%d of writer %s", copy, pairs - 1, writer)
                .filteredOn(k -> k.startsWith(writer)).hasSize(2 * pairs);
          }
          sizes.add(keys.size());
        }
        assertThat(Files.exists(copy.resolve(DynamoDbLocal.DATABASE_FILE))).isTrue();
      }
      assertThat(total).isGreaterThan(0);
      assertThat(sizes).as("copies taken at different moments").hasSizeGreaterThan(1);
    }
  }

  private static TransactWriteItem put(String key) {
    return TransactWriteItem.builder().put(Put.builder().tableName("busy").item(Map.of("PK", AttributeValue.fromS(key))).build()).build();
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
