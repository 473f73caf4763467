package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import dev.cronmon.domain.time.MutableClock;
import dev.cronmon.dynamodblocal.DynamoDbLocal;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory's format version: a directory written by the jar of an earlier format is upgraded when a stack
 * opens it, a newer one is refused with the reason, and so are a foreign directory and one another stack holds.
 *
 * <p>{@code src/test/resources/datadir-format1} is a data directory of format 1, written by the jar of main before the
 * format was recorded: started with {@code --data-dir}, one check-in of the monitor {@code my-job}, stopped.
 */
class DataDirTest {
  private static final String FIXTURE_TOKEN = "cronmon_14552b41e1af6196f31a0e68109327fc064b1b894ef4a5710561ba578f2ad2b6";
  private final MutableClock clock = MutableClock.at("2026-12-06T10:30:00Z");

  private LocalStack start(Path dataDir) {
    return LocalStack.start(new LocalStack.Options(0, dataDir, null, clock));
  }

  static Path copyOfFormat1Fixture(Path target) throws IOException, URISyntaxException {
    Path fixture = Path.of(DataDirTest.class.getResource("/datadir-format1").toURI());
    try (Stream<Path> files = Files.walk(fixture)) {
      for (Path p : files.toList()) {
        Path to = target.resolve(fixture.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(to);
        else Files.copy(p, to);
      }
    }
    return target;
  }

  @Test
  void format1Directory_isUpgraded_andServesItsMonitorsWithItsCredentials(@TempDir Path tmp) throws Exception {
    // GIVEN a copy of the directory main's jar wrote (no marker, SQLite in rollback-journal mode)
    Path dir = copyOfFormat1Fixture(tmp.resolve("data"));
    assertThat(DataDir.formatOf(dir)).isEqualTo(1);
    assertThat(DynamoDbLocal.journalMode(dir.resolve("dynamodb"))).isEqualTo("delete");

    // WHEN a stack opens it
    try (LocalStack stack = start(dir)) {
      // THEN it was upgraded to this jar's format, and answers as the old stack did: same token, DSN key, monitor
      assertThat(DataDir.formatOf(dir)).isEqualTo(DataDir.FORMAT);
      assertThat(Json.parse(Files.readAllBytes(dir.resolve(DataDir.MARKER))).get("format").asInt()).isEqualTo(2);
      assertThat(DynamoDbLocal.journalMode(dir.resolve("dynamodb"))).isEqualTo("wal");
      assertThat(stack.credentials().token()).isEqualTo(FIXTURE_TOKEN);
      assertThat(stack.dsn()).startsWith("http://98281559e74ceb3f2075c8ed95118a14@127.0.0.1:").endsWith("/9848039");
      JsonNode monitor = Http.get(stack, "/api/0/organizations/local/monitors/my-job/", FIXTURE_TOKEN).json();
      assertThat(monitor.get("config").get("schedule").asText()).isEqualTo("0 * * * *");
      assertThat(monitor.get("environments").get(0).get("lastCheckIn").asText()).isEqualTo("2026-12-06T10:26:22.543Z");
      JsonNode history = Http.get(stack, "/api/0/organizations/local/monitors/my-job/checkins/", FIXTURE_TOKEN).json();
      assertThat(history).hasSize(1);
      assertThat(history.get(0).get("status").asText()).isEqualTo("ok");
      assertThat(stack.lastCompletedSweep()).isEmpty();

      // AND new check-ins are written to the upgraded directory
      clock.set(Instant.parse("2026-12-06T11:00:10Z"));
      assertThat(Http.send(stack, "POST", "/api/0/organizations/local/monitors/my-job/checkins/", FIXTURE_TOKEN, "{\"status\":\"ok\"}").status())
          .isEqualTo(201);
    }
    try (LocalStack again = start(dir)) {
      assertThat(Http.get(again, "/api/0/organizations/local/monitors/my-job/checkins/", FIXTURE_TOKEN).json()).hasSize(2);
    }
  }

  @Test
  void directoryOfANewerFormat_isRefused_andLeftAsItWas(@TempDir Path tmp) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(dir.resolve(DataDir.MARKER), "{\"format\":3}\n");

    assertThatThrownBy(() -> start(dir))
        .isInstanceOf(DataDir.Refused.class)
        .hasMessageContaining("holds data format 3, written by a newer cronmon; this jar reads formats up to 2");
    assertThat(Files.readString(dir.resolve(DataDir.MARKER))).isEqualTo("{\"format\":3}\n");
    assertThat(dir.resolve(DataDir.DYNAMODB)).doesNotExist();
    assertThat(dir.resolve(DataDir.CREDENTIALS)).doesNotExist();
  }

  @Test
  void newDirectory_isLaidOutInThisFormat(@TempDir Path tmp) {
    Path dir = tmp.resolve("new");
    try (LocalStack stack = start(dir)) {
      assertThat(DataDir.formatOf(dir)).isEqualTo(DataDir.FORMAT);
      assertThat(DynamoDbLocal.journalMode(dir.resolve("dynamodb"))).isEqualTo("wal");
      assertThat(dir.resolve(DataDir.CREDENTIALS)).exists();
      assertThat(stack.lastCompletedSweep()).isEmpty();
    }
  }

  @Test
  void aDirectoryThatIsNotCronmons_isRefused(@TempDir Path tmp) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("home"));
    Files.writeString(dir.resolve("notes.txt"), "mine");

    assertThatThrownBy(() -> start(dir)).isInstanceOf(DataDir.Refused.class).hasMessageContaining("is not a cronmon data directory");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsOnly("notes.txt", DataDir.LOCK);
    }
  }

  @Test
  void aSecondStack_onTheSameDirectory_isRefused_untilTheFirstStops(@TempDir Path tmp) {
    Path dir = tmp.resolve("data");
    try (LocalStack first = start(dir)) {
      assertThatThrownBy(() -> start(dir)).isInstanceOf(DataDir.Refused.class)
          .hasMessageContaining("in use by another cronmon local stack (process " + ProcessHandle.current().pid() + ")");
      assertThat(first.credentials()).isNotNull();
    }
    try (LocalStack second = start(dir)) {
      assertThat(second.credentials()).isNotNull();
    }
  }

  @Test
  void eachCompletedSweep_isRecorded_andOutlivesTheStack(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("data");
    try (LocalStack stack = start(dir)) {
      clock.set(Instant.parse("2026-12-06T10:31:00Z"));
      stack.sweep();
      clock.set(Instant.parse("2026-12-06T10:32:00Z"));
      stack.sweep();
      assertThat(stack.lastCompletedSweep()).contains(Instant.parse("2026-12-06T10:32:00Z"));
    }
    assertThat(Files.readString(dir.resolve(DataDir.LAST_SWEEP))).isEqualTo("2026-12-06T10:32:00Z\n");
    clock.set(Instant.parse("2026-12-06T14:00:00Z"));
    try (LocalStack restarted = start(dir)) {
      assertThat(restarted.lastCompletedSweep()).contains(Instant.parse("2026-12-06T10:32:00Z"));
    }
  }

  @Test
  void migrations_leadFromFormat1ToTheCurrentOne_oneStepEach() {
    for (int from = 1; from < DataDir.FORMAT; from++) assertThat(DataDir.MIGRATIONS).containsKey(from);
    assertThat(DataDir.MIGRATIONS.keySet()).allMatch(k -> k >= 1 && k < DataDir.FORMAT);
    assertThat(Map.copyOf(DataDir.MIGRATIONS)).hasSize(DataDir.FORMAT - 1);
  }
}
