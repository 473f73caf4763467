package dev.cronmon.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cronmon.common.Json;
import dev.cronmon.dynamodb.TableSchema;
import dev.cronmon.dynamodblocal.DynamoDbLocal;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@code export} and {@code import}: a data directory's table, every item of it, as JSON lines, and back into a new
 * data directory or a deployed table.
 *
 * <p>The file: a header line ({@code {"cronmon":"export","format":2,"table":…,"exportedAt":…,"credentials":{…},
 * "lastCompletedSweep":…}}), one line per item in DynamoDB's JSON ({@link ItemJson}), and an end line
 * ({@code {"cronmon":"end","items":N}}) so that a truncated file is refused rather than half restored.
 *
 * <p>Consistency while the stack runs: export copies the SQLite database with SQLite's online backup
 * ({@link DynamoDbLocal#copyDatabase}), which reads one committed moment of it; the stack's writes go on meanwhile (the
 * database is in write-ahead-log mode, so the copy blocks none of them), and the items are then read from the copy.
 * The data directory's files (credentials, last sweep) are read just before the copy.
 *
 * <p>Import reads the whole input first, and writes nothing when any line is wrong or the end line is missing.
 */
final class BackupCommands {
  static final Set<String> COMMANDS = Set.of("export", "import");
  private static final String USAGE = """
      usage: java -jar cronmon-local.jar export --data-dir DIR > backup.jsonl
             java -jar cronmon-local.jar import --data-dir NEW_DIR < backup.jsonl
             java -jar cronmon-local.jar import --table NAME --region REGION [--endpoint URL] < backup.jsonl

      export writes every item of DIR's table, its credentials.json and its last sweep as JSON lines; it may run
        while the stack runs on DIR (it reads one consistent moment of the database without pausing the stack).
          e.g. java -jar cronmon-local.jar export --data-dir cronmon-data > cronmon-$(date +%F).jsonl
      import --data-dir restores an export into a directory that is new or empty, for a stack to start on.
          e.g. java -jar cronmon-local.jar import --data-dir restored-data < cronmon-2026-03-02.jsonl
      import --table writes the items into a deployed stack's table (which must be empty) with the default AWS
        credential chain; the organizations, API tokens and DSN keys keep working there.
          e.g. java -jar cronmon-local.jar import --table cronmon-CronmonTable-1A2B3C --region eu-west-1 < backup.jsonl
      The backup holds the API token in plain text (credentials.json): keep it like a password.""";
  private static final int PROGRESS_EVERY = 1000;

  private BackupCommands() {}

  /** Runs {@code args} (the command first); the exit code: 0 done, 1 refused or failed, 2 bad usage. */
  static int run(String[] args, InputStream in, OutputStream out, PrintStream err, Function<String, String> environment, Clock clock) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--help") || args[i].equals("-h")) {
        new PrintStream(out, true, StandardCharsets.UTF_8).println(USAGE);
        return 0;
      }
      if (!OPTIONS.contains(args[i]) || i + 1 >= args.length) {
        err.println("unknown or incomplete option " + args[i] + "\n" + USAGE);
        return 2;
      }
      options.put(args[i], args[++i]);
    }
    boolean toDataDir = options.containsKey("--data-dir");
    boolean toTable = options.containsKey("--table");
    if (args[0].equals("export") ? !toDataDir || toTable || options.size() > 1
        : toDataDir == toTable || toDataDir && options.size() > 1 || toTable && !options.containsKey("--region")) {
      err.println(USAGE);
      return 2;
    }
    try {
      if (args[0].equals("export")) return export(Path.of(options.get("--data-dir")), out, err, clock);
      Backup backup = Backup.read(in);
      return toDataDir ? importIntoDataDir(backup, Path.of(options.get("--data-dir")), err)
          : importIntoTable(backup, options, environment, err);
    } catch (DataDir.Refused | IllegalArgumentException e) {
      err.println("refused: " + e.getMessage());
      return 1;
    } catch (SdkException e) {
      err.println("DynamoDB refused the request: " + e.getMessage());
      return 1;
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      err.println("failed: " + e.getMessage()); // a file or SQLite failed: the message says which
      return 1;
    }
  }

  private static final Set<String> OPTIONS = Set.of("--data-dir", "--table", "--region", "--endpoint");

  static int export(Path dataDir, OutputStream out, PrintStream err, Clock clock) throws IOException {
    int format = DataDir.formatOf(dataDir);
    if (format == 0 || !Files.isRegularFile(dataDir.resolve(DataDir.DYNAMODB).resolve(DynamoDbLocal.DATABASE_FILE))) {
      throw new IllegalArgumentException(dataDir + " holds no cronmon data");
    }
    DataDir.refuseNewer(dataDir + " holds", format);
    ObjectNode header = Json.MAPPER.createObjectNode();
    header.put("cronmon", "export");
    header.put("format", format);
    Path credentials = dataDir.resolve(DataDir.CREDENTIALS);
    JsonNode credentialsJson = Files.isRegularFile(credentials) ? Json.parse(Files.readAllBytes(credentials)) : null;
    Optional<Instant> lastSweep = DataDir.lastCompletedSweep(dataDir);
    Path copy = Files.createTempDirectory("cronmon-export");
    try {
      DynamoDbLocal.copyDatabase(dataDir.resolve(DataDir.DYNAMODB), copy);
      header.put("exportedAt", clock.instant().toString());
      try (DynamoDbLocal snapshot = DynamoDbLocal.persistent(copy)) {
        List<String> tables = snapshot.client().listTables().tableNames();
        if (tables.size() != 1) throw new IllegalArgumentException(dataDir + " has tables " + tables + ", not one");
        String table = tables.get(0);
        header.put("table", table);
        header.set("credentials", credentialsJson);
        header.put("lastCompletedSweep", lastSweep.map(Instant::toString).orElse(null));
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        writer.write(Json.write(header) + "\n");
        long[] count = {0};
        snapshot.client().scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(item -> {
          try {
            writer.write(Json.write(ItemJson.write(item)) + "\n");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          count[0]++;
        });
        ObjectNode end = Json.MAPPER.createObjectNode();
        end.put("cronmon", "end");
        end.put("items", count[0]);
        writer.write(Json.write(end) + "\n");
        writer.flush();
        err.println("exported " + count[0] + " items of table " + table + " from " + dataDir + " (data format " + format + ")");
      }
    } finally {
      deleteRecursively(copy);
    }
    return 0;
  }

  /** A whole export, checked line by line and spooled to a temporary file so nothing is written before it is whole. */
  record Backup(int format, String table, JsonNode credentials, Instant lastCompletedSweep, long items, Path spool) {
    static Backup read(InputStream in) throws IOException {
      Path spool = Files.createTempFile("cronmon-import", ".jsonl");
      spool.toFile().deleteOnExit();
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
          BufferedWriter items = Files.newBufferedWriter(spool, StandardCharsets.UTF_8)) {
        String first = reader.readLine();
        if (first == null) throw new IllegalArgumentException("the input is empty; give an export on standard input");
        JsonNode header = line(first, 1);
        if (!"export".equals(header.path("cronmon").asText()) || !header.path("format").canConvertToInt()
            || !header.path("table").isTextual()) {
          throw new IllegalArgumentException("line 1 is not the header of a cronmon export");
        }
        Instant lastSweep = header.path("lastCompletedSweep").isTextual() ? instant(header.get("lastCompletedSweep").asText()) : null;
        JsonNode credentials = header.path("credentials").isObject() ? header.get("credentials") : null;
        long count = 0;
        int number = 1;
        String text;
        while ((text = reader.readLine()) != null) {
          number++;
          JsonNode node = line(text, number);
          if ("end".equals(node.path("cronmon").asText())) {
            if (node.path("items").asLong(-1) != count) {
              throw new IllegalArgumentException("line " + number + " ends the export with " + node.path("items") + " items, but " + count + " came before it");
            }
            if (reader.readLine() != null) throw new IllegalArgumentException("line " + (number + 1) + " follows the end of the export");
            items.flush();
            return new Backup(header.get("format").intValue(), header.get("table").asText(), credentials, lastSweep, count, spool);
          }
          try {
            Map<String, AttributeValue> item = ItemJson.read(node);
            if (!item.containsKey(TableSchema.PK) || !item.containsKey(TableSchema.SK)) {
              throw new IllegalArgumentException("an item has the keys " + TableSchema.PK + " and " + TableSchema.SK);
            }
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + number + ": " + e.getMessage());
          }
          items.write(text);
          items.newLine();
          count++;
        }
        throw new IllegalArgumentException("the export ends after line " + number + " without its end line: it is incomplete");
      } catch (RuntimeException | IOException e) {
        Files.deleteIfExists(spool);
        throw e;
      }
    }

    private static Instant instant(String text) {
      try {
        return Instant.parse(text);
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException("line 1: lastCompletedSweep is not a time: " + text);
      }
    }

    private static JsonNode line(String text, int number) {
      try {
        return Json.MAPPER.readTree(text);
      } catch (IOException e) {
        throw new IllegalArgumentException("line " + number + " is not JSON");
      }
    }

    void forEachItem(Consumer<Map<String, AttributeValue>> action) throws IOException {
      try (Stream<String> lines = Files.lines(spool, StandardCharsets.UTF_8)) {
        lines.forEach(l -> action.accept(ItemJson.read(line(l, 0))));
      }
    }
  }

  static int importIntoDataDir(Backup backup, Path dir, PrintStream err) throws IOException {
    DataDir.refuseNewer("the export has", backup.format());
    try (DataDir dataDir = DataDir.openEmpty(dir)) {
      boolean done = false;
      try {
        DataDir.layOut(dir);
        try (DynamoDbLocal dynamo = DynamoDbLocal.persistent(dataDir.dynamoDir())) {
          TableSchema.createTable(dynamo.client(), backup.table());
          putAll(backup, dynamo.client(), backup.table(), err);
        }
        if (backup.credentials() != null) {
          Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(dataDir.credentialsFile().toFile(), backup.credentials());
        }
        if (backup.lastCompletedSweep() != null) dataDir.recordCompletedSweep(backup.lastCompletedSweep());
        DataDir.mark(dir, backup.format());
        DataDir.migrate(dir, backup.format());
        done = true;
      } finally {
        if (!done) emptyDirectory(dir);
      }
    } finally {
      Files.deleteIfExists(backup.spool());
    }
    err.println("imported " + backup.items() + " items into " + dir + "; start the stack with --data-dir " + dir);
    return 0;
  }

  static int importIntoTable(Backup backup, Map<String, String> options, Function<String, String> environment, PrintStream err)
      throws IOException {
    String table = options.get("--table");
    try {
      if (backup.format() != DataDir.FORMAT) {
        throw new IllegalArgumentException("the export has data format " + backup.format() + " and this jar writes format "
            + DataDir.FORMAT + ": import it into a data directory first (--data-dir), which upgrades it, and export that");
      }
      try (DynamoDbClient client = AdminCommands.client(options.get("--region"), options.get("--endpoint"), environment)) {
        if (!TableSchema.exists(client, table)) {
          throw new IllegalArgumentException("table " + table + " does not exist in " + options.get("--region") + " (see the stack output TableName)");
        }
        if (client.scan(b -> b.tableName(table).limit(1)).count() > 0) {
          throw new IllegalArgumentException("table " + table + " is not empty: import only into the table of a new stack");
        }
        putAll(backup, client, table, err);
      }
    } finally {
      Files.deleteIfExists(backup.spool());
    }
    err.println("imported " + backup.items() + " items into table " + table + ". Organizations, API tokens and DSN keys "
        + "work there as they did locally; point jobs at the deployed DSN host (stack output DsnHost).");
    return 0;
  }

  /** Each item once, refused if its key is there already (the table was written meanwhile, or the file repeats it). */
  private static void putAll(Backup backup, DynamoDbClient client, String table, PrintStream err) throws IOException {
    long[] written = {0};
    backup.forEachItem(item -> {
      try {
        client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
            .expressionAttributeNames(Map.of("#pk", TableSchema.PK)));
      } catch (ConditionalCheckFailedException e) {
        throw new IllegalArgumentException("the item " + keyOf(item) + " is in table " + table + " already");
      }
      if (++written[0] % PROGRESS_EVERY == 0) err.println("  " + written[0] + " of " + backup.items() + " items");
    });
  }

  private static Map<String, String> keyOf(Map<String, AttributeValue> item) {
    Map<String, String> key = new LinkedHashMap<>();
    key.put(TableSchema.PK, item.get(TableSchema.PK).s());
    key.put(TableSchema.SK, item.get(TableSchema.SK).s());
    return key;
  }

  /** Undoes a failed import into a directory that was empty before it. */
  private static void emptyDirectory(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : entries.toList()) {
        if (!p.getFileName().toString().equals(DataDir.LOCK)) deleteRecursively(p);
      }
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
