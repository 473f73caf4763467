package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.common.Json;
import dev.cronmon.dynamodb.TableSchema;
import dev.cronmon.dynamodblocal.DynamoDbLocal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Moving from the local stack to AWS: {@code import --table} writes an export into a deployed stack's (empty) table.
 * The table lives at the DynamoDB endpoint of the system property {@code cronmon.test.import.endpoint} (moto's server,
 * say), else in an embedded DynamoDB Local; the command reaches it through {@code --endpoint} as it would reach AWS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TableImportTest {
  private static final String ENDPOINT_PROPERTY = "cronmon.test.import.endpoint";
  private static final String FIXTURE_TOKEN = "cronmon_14552b41e1af6196f31a0e68109327fc064b1b894ef4a5710561ba578f2ad2b6";
  private DynamoDbLocal embedded;
  private URI endpoint;
  private DynamoDbClient client;

  @BeforeAll
  void endpoint() {
    String given = System.getProperty(ENDPOINT_PROPERTY, "");
    if (given.isBlank()) embedded = DynamoDbLocal.inMemory();
    endpoint = given.isBlank() ? embedded.endpoint() : URI.create(given);
    client = DynamoDbLocal.newClient(endpoint);
  }

  @AfterAll
  void stop() {
    client.close();
    if (embedded != null) embedded.close();
  }

  private BackupRoundTripTest.Run importInto(String table, String backup) {
    return BackupRoundTripTest.run(backup, "import", "--table", table, "--region", "us-east-1", "--endpoint", endpoint.toString());
  }

  /** The items of an export, by key. */
  private static Map<String, Map<String, AttributeValue>> itemsOf(String backup) {
    Map<String, Map<String, AttributeValue>> byKey = new HashMap<>();
    List<String> lines = backup.lines().toList();
    for (String line : lines.subList(1, lines.size() - 1)) {
      Map<String, AttributeValue> item = ItemJson.read(Json.parse(line.getBytes(StandardCharsets.UTF_8)));
      byKey.put(item.get("PK").s() + " | " + item.get("SK").s(), item);
    }
    return byKey;
  }

  /** Exports of the format-1 fixture: as it is, and restored into a data directory (which upgrades it) then exported. */
  private static List<String> exportsOfTheFixture(Path tmp) throws Exception {
    Path format1 = DataDirTest.copyOfFormat1Fixture(tmp.resolve("format1"));
    String oldExport = BackupRoundTripTest.run("", "export", "--data-dir", format1.toString()).out();
    assertThat(BackupRoundTripTest.run(oldExport, "import", "--data-dir", tmp.resolve("current").toString()).exitCode()).isZero();
    return List.of(oldExport, BackupRoundTripTest.run("", "export", "--data-dir", tmp.resolve("current").toString()).out());
  }

  @Test
  void import_intoAnEmptyDeployedTable_writesEveryItem_andRefusesTheSecondTime(@TempDir Path tmp) throws Exception {
    // GIVEN an export of format 1 and one of today's format
    List<String> exports = exportsOfTheFixture(tmp);
    String oldExport = exports.get(0);
    String backup = exports.get(1);
    String table = "cronmon-import-" + UUID.randomUUID();
    TableSchema.createTable(client, table);

    // WHEN the older export, then today's, is imported into the table
    BackupRoundTripTest.Run old = importInto(table, oldExport);
    BackupRoundTripTest.Run imported = importInto(table, backup);

    // THEN the older one is refused with the way round it, and today's is there item for item, credentials included
    assertThat(old.exitCode()).isEqualTo(1);
    assertThat(old.err()).contains("the export has data format 1").contains("import it into a data directory first");
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.err()).contains("imported 12 items into table " + table);
    assertThat(BackupRoundTripTest.items(client, table)).isEqualTo(itemsOf(backup)).hasSize(12);
    String tokenHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(FIXTURE_TOKEN.getBytes(StandardCharsets.UTF_8)));
    assertThat(BackupRoundTripTest.items(client, table).values().toString()).contains(tokenHash).doesNotContain(FIXTURE_TOKEN);

    // AND a second import finds the table written, and changes nothing
    BackupRoundTripTest.Run again = importInto(table, backup);
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("table " + table + " is not empty");
    assertThat(BackupRoundTripTest.items(client, table)).isEqualTo(itemsOf(backup));
  }

  @Test
  void import_intoATableThatDoesNotExist_isRefused(@TempDir Path tmp) throws Exception {
    BackupRoundTripTest.Run missing = importInto("cronmon-missing-" + UUID.randomUUID(), exportsOfTheFixture(tmp).get(1));

    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("does not exist in us-east-1");
  }
}
