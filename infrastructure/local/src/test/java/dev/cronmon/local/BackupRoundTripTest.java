package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import dev.cronmon.domain.time.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * export and import of a data directory: taken while the stack runs and takes check-ins, restored into a new
 * directory, the table is the same item for item and a stack on it answers the API as the old one did, with the same
 * token and DSN. Bad, truncated or newer backups and non-empty targets are refused with nothing written.
 */
class BackupRoundTripTest {
  private static final URI PUBLIC = URI.create("https://cron.example.com");
  private static final String TABLE = "CronmonTable";
  private final MutableClock clock = MutableClock.at("2026-03-02T10:00:00Z");

  private LocalStack start(Path dataDir) {
    return LocalStack.start(new LocalStack.Options(LocalStack.LOOPBACK, 0, PUBLIC, false, dataDir, null, clock,
        Map.of("ALLOW_PRIVATE_ALERT_TARGETS", "true"))); // the webhook below needs no DNS
  }

  record Run(int exitCode, String out, String err) {}

  static Run run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = BackupCommands.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out,
        new PrintStream(err, true, StandardCharsets.UTF_8), name -> null, MutableClock.at("2026-03-02T12:00:00Z"));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Every item of the table by its key, to compare two tables item by item. */
  static Map<String, Map<String, AttributeValue>> items(DynamoDbClient client, String table) {
    Map<String, Map<String, AttributeValue>> byKey = new HashMap<>();
    client.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
        .forEach(item -> byKey.put(item.get("PK").s() + " | " + item.get("SK").s(), item));
    return byKey;
  }

  private static void created(Http.Answer answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
  }

  private static final List<String> READS = List.of(
      "/api/0/organizations/local/",
      "/api/0/organizations/local/monitors/",
      "/api/0/organizations/local/monitors/nightly/",
      "/api/0/organizations/local/monitors/nightly/checkins/",
      "/api/0/organizations/local/monitors/hourly/checkins/",
      "/api/0/organizations/local/channels/",
      "/api/0/organizations/local/api-tokens/",
      "/api/0/organizations/local/projects/");

  @Test
  void export_whileTheStackTakesCheckIns_thenImport_givesTheSameTableAndTheSameAnswers(@TempDir Path tmp) throws Exception {
    Path original = tmp.resolve("original");
    Path restored = tmp.resolve("restored");
    String backup;
    Map<String, Map<String, AttributeValue>> originalItems;
    Map<String, String> originalAnswers = new HashMap<>();
    LocalStack stack = start(original);
    var c = stack.credentials();
    String keysPath = "/api/0/projects/local/" + c.projectId() + "/keys/";
    try {
      // GIVEN monitors with history, a missed slot swept, a channel, a second token and key
      String hourly = "{\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"}}}";
      created(Http.send(stack, "POST", "/api/0/organizations/local/monitors/hourly/checkins/", c.token(), hourly));
      created(Http.send(stack, "POST", "/api/0/organizations/local/monitors/", c.token(), "{\"name\":\"nightly\",\"config\":"
          + "{\"schedule_type\":\"crontab\",\"schedule\":\"30 2 * * *\",\"timezone\":\"Europe/Berlin\",\"checkin_margin\":5,\"max_runtime\":60}}"));
      created(Http.send(stack, "POST", "/api/0/organizations/local/channels/", c.token(),
          "{\"name\":\"hook\",\"type\":\"webhook\",\"config\":{\"url\":\"http://127.0.0.1:9/hook\"}}"));
      created(Http.send(stack, "POST", "/api/0/organizations/local/api-tokens/", c.token(), "{\"name\":\"ci\",\"scopes\":[\"org:read\"]}"));
      created(Http.send(stack, "POST", keysPath, c.token(), "{\"name\":\"second\"}"));
      clock.set(Instant.parse("2026-03-02T11:02:00Z"));
      stack.sweep();

      // WHEN an export runs while jobs keep checking in
      ExecutorService jobs = Executors.newFixedThreadPool(2);
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String slug = "busy-" + (i % 2);
        statuses.add(jobs.submit(() -> Http.send(stack, "POST", "/api/0/organizations/local/monitors/" + slug + "/checkins/", c.token(), hourly).status()));
      }
      Run export = run("", "export", "--data-dir", original.toString());
      jobs.shutdown();
      assertThat(jobs.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      for (Future<Integer> s : statuses) assertThat(s.get()).isEqualTo(201);
      assertThat(export.exitCode()).as(export.err()).isZero();
      assertThat(export.err()).startsWith("exported ").contains("items of table CronmonTable");
      JsonNode header = Json.parse(export.out().lines().findFirst().orElseThrow().getBytes(StandardCharsets.UTF_8));
      assertThat(header.get("format").asInt()).isEqualTo(DataDir.FORMAT);
      assertThat(header.get("lastCompletedSweep").asText()).isEqualTo("2026-03-02T11:02:00Z");
      assertThat(header.get("credentials").get("token").asText()).isEqualTo(c.token());

      // AND a last export once the check-ins are in, to compare the full table
      backup = run("", "export", "--data-dir", original.toString()).out();
      originalItems = items(stack.dynamo().client(), TABLE);
      for (String path : READS) originalAnswers.put(path, Http.get(stack, path, c.token()).body());
      originalAnswers.put(keysPath, Http.get(stack, keysPath, c.token()).body());
    } finally {
      stack.close();
    }
    assertThat(originalItems).hasSizeGreaterThan(10);

    // THEN the export taken during the check-ins restores too, whole
    // (and the final one restores into a stack that is indistinguishable)
    Run imported = run(backup, "import", "--data-dir", restored.toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.err()).contains("imported " + originalItems.size() + " items into " + restored);
    assertThat(DataDir.formatOf(restored)).isEqualTo(DataDir.FORMAT);
    try (LocalStack again = start(restored)) {
      assertThat(items(again.dynamo().client(), TABLE)).isEqualTo(originalItems);
      assertThat(again.credentials()).isEqualTo(c);
      assertThat(again.dsn()).isEqualTo("https://" + c.publicKey() + "@cron.example.com/" + c.projectId());
      assertThat(again.lastCompletedSweep()).contains(Instant.parse("2026-03-02T11:02:00Z"));
      for (var expected : originalAnswers.entrySet()) {
        Http.Answer answer = Http.get(again, expected.getKey(), c.token());
        assertThat(answer.status()).as(expected.getKey()).isEqualTo(200);
        assertThat(answer.body()).as(expected.getKey()).isEqualTo(expected.getValue());
      }
    }
  }

  @Test
  void exportTakenDuringWrites_isWholeAndImports(@TempDir Path tmp) throws InterruptedException {
    Path original = tmp.resolve("original");
    LocalStack stack = start(original);
    String backup;
    try {
      var c = stack.credentials();
      String body = "{\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"interval\",\"value\":1,\"unit\":\"hour\"}}}";
      ExecutorService jobs = Executors.newFixedThreadPool(3);
      for (int i = 0; i < 60; i++) {
        String slug = "job-" + (i % 6);
        jobs.submit(() -> Http.send(stack, "POST", "/api/0/organizations/local/monitors/" + slug + "/checkins/", c.token(), body));
      }
      backup = run("", "export", "--data-dir", original.toString()).out();
      jobs.shutdown();
      assertThat(jobs.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      stack.close();
    }
    Run imported = run(backup, "import", "--data-dir", tmp.resolve("restored").toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    try (LocalStack again = start(tmp.resolve("restored"))) {
      // every monitor a snapshot holds has the environment its first check-in created with it
      JsonNode monitors = Http.get(again, "/api/0/organizations/local/monitors/", again.credentials().token()).json();
      for (JsonNode m : monitors) assertThat(m.get("environments")).as(m.toString()).isNotEmpty();
    }
  }

  @Test
  void import_refusesANonEmptyDirectory_aTruncatedOrNewerBackup_andWritesNothing(@TempDir Path tmp) throws Exception {
    Path original = tmp.resolve("original");
    try (LocalStack stack = start(original)) {
      assertThat(stack.credentials()).isNotNull();
    }
    String backup = run("", "export", "--data-dir", original.toString()).out();
    List<String> lines = backup.lines().toList();

    Run intoExisting = run(backup, "import", "--data-dir", original.toString());
    Path fresh = tmp.resolve("fresh");
    Run truncated = run(String.join("\n", lines.subList(0, lines.size() - 1)) + "\n", "import", "--data-dir", fresh.toString());
    Run badItem = run(lines.get(0) + "\n{\"PK\":{\"S\":\"x\"},\"SK\":{\"Q\":\"y\"}}\n{\"cronmon\":\"end\",\"items\":1}\n", "import", "--data-dir", fresh.toString());
    Run newer = run(backup.replaceFirst("\"format\":" + DataDir.FORMAT, "\"format\":" + (DataDir.FORMAT + 1)), "import", "--data-dir", fresh.toString());
    Run notAnExport = run("hello\n", "import", "--data-dir", fresh.toString());

    assertThat(intoExisting.exitCode()).isEqualTo(1);
    assertThat(intoExisting.err()).contains("is not empty: import only into a new or empty directory");
    assertThat(truncated.exitCode()).isEqualTo(1);
    assertThat(truncated.err()).contains("without its end line: it is incomplete");
    assertThat(badItem.exitCode()).isEqualTo(1);
    assertThat(badItem.err()).contains("line 2: SK: unknown attribute type Q");
    assertThat(newer.exitCode()).isEqualTo(1);
    assertThat(newer.err()).contains("the export has data format " + (DataDir.FORMAT + 1) + ", written by a newer cronmon");
    assertThat(notAnExport.exitCode()).isEqualTo(1);
    assertThat(notAnExport.err()).contains("line 1 is not JSON");
    assertThat(fresh).doesNotExist();
  }

  @Test
  void aFailedImport_leavesTheDirectoryEmpty(@TempDir Path tmp) throws Exception {
    Path original = tmp.resolve("original");
    try (LocalStack stack = start(original)) {
      assertThat(stack.credentials()).isNotNull();
    }
    List<String> lines = run("", "export", "--data-dir", original.toString()).out().lines().toList();
    // the same item twice: the second put is refused once the first is in
    List<String> doubled = new ArrayList<>(lines.subList(0, lines.size() - 1));
    doubled.add(lines.get(1));
    doubled.add("{\"cronmon\":\"end\",\"items\":" + (lines.size() - 1) + "}");
    Path target = Files.createDirectories(tmp.resolve("target"));

    Run failed = run(String.join("\n", doubled) + "\n", "import", "--data-dir", target.toString());

    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.err()).contains("is in table CronmonTable already");
    try (Stream<Path> left = Files.list(target)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsOnly(DataDir.LOCK);
    }
    assertThat(DataDir.formatOf(target)).isZero();
  }

  @Test
  void usage_errorsExitWith2() {
    assertThat(run("", "export").exitCode()).isEqualTo(2);
    assertThat(run("", "import", "--data-dir", "a", "--table", "t").exitCode()).isEqualTo(2);
    assertThat(run("", "import", "--table", "t").exitCode()).isEqualTo(2);
    assertThat(run("", "export", "--data-dir").exitCode()).isEqualTo(2);
    Run help = run("", "import", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("e.g. java -jar cronmon-local.jar export").contains("e.g. java -jar cronmon-local.jar import --table");
  }
}
