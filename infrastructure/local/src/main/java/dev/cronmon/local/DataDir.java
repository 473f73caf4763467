package dev.cronmon.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import dev.cronmon.dynamodblocal.DynamoDbLocal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The local stack's data directory, held open (and locked against a second stack) while a stack runs on it.
 *
 * <pre>
 * cronmon-data.json   {"format": 2}: the layout this directory was written with ({@link #FORMAT})
 * credentials.json    the organization, project, DSN key and API token created on first start
 * dynamodb/           DynamoDB Local's SQLite database (write-ahead-log mode from format 2)
 * last-sweep          the time of the last sweep tick that completed, ISO-8601 (rewritten after each tick)
 * outbox/             alert email as .eml files, when no SMTP server is configured
 * diagnostics.log.0   what DynamoDB Local and SQLite log (java.util.logging), kept out of the stack's output
 * .lock               held by the running stack
 * </pre>
 *
 * <p>Format 1 is the layout before {@code cronmon-data.json} existed: credentials.json and dynamodb/ only. A jar opens
 * a directory of its own format or an older one, upgrading it first through {@link #MIGRATIONS}, and refuses a newer
 * one, which only a newer jar knows how to read.
 */
final class DataDir implements AutoCloseable {
  /** The layout this jar writes. Raise it, and add the step from the previous one to {@link #MIGRATIONS}, to change it. */
  static final int FORMAT = 2;
  static final String MARKER = "cronmon-data.json";
  static final String CREDENTIALS = "credentials.json";
  static final String DYNAMODB = "dynamodb";
  static final String LAST_SWEEP = "last-sweep";
  static final String OUTBOX = "outbox";
  static final String DIAGNOSTICS = "diagnostics.log";
  static final String LOCK = ".lock";

  /** One upgrade step, run on a directory no stack has open. */
  @FunctionalInterface
  interface Migration {
    void upgrade(Path dir) throws IOException;
  }

  /**
   * The migration hook: {@code MIGRATIONS.get(n)} turns format n into n + 1, and the marker then says n + 1, so an
   * interrupted upgrade resumes at the step it stopped in. A step may find its change already made (an import lays out
   * today's files before it marks them with the backup's format) and must then do nothing more.
   */
  static final Map<Integer, Migration> MIGRATIONS = Map.of(
      // 1 → 2: SQLite's write-ahead log, so that export copies the database while the stack writes without blocking it.
      1, dir -> {
        if (Files.isRegularFile(dir.resolve(DYNAMODB).resolve(DynamoDbLocal.DATABASE_FILE))) {
          DynamoDbLocal.useWriteAheadLog(dir.resolve(DYNAMODB));
        }
      });

  /** A directory that cannot be opened: not cronmon's, written by a newer jar, or in use. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDir(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens {@code dir} for a stack: creates it (today's format) if it is missing or empty, upgrades an older format,
   * and refuses a newer format, a directory that is not cronmon's, and one another stack holds.
   */
  static DataDir open(Path dir) {
    DataDir opened = lock(dir);
    try {
      int format = formatOf(dir);
      if (format == 0) layOut(dir);
      else migrate(dir, format);
      return opened;
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  /**
   * Locks an empty (or missing) directory for an import, which then fills it ({@link #layOut}, items, files) and marks
   * it with the backup's format.
   */
  static DataDir openEmpty(Path dir) {
    if (formatOf(dir) != 0) throw new Refused(dir + " is not empty: import only into a new or empty directory");
    return lock(dir);
  }

  Path path() {
    return dir;
  }

  Path dynamoDir() {
    return dir.resolve(DYNAMODB);
  }

  Path credentialsFile() {
    return dir.resolve(CREDENTIALS);
  }

  /** Records that the sweep tick of {@code tick} completed: written after every tick, replacing the previous. */
  void recordCompletedSweep(Instant tick) {
    writeAtomically(dir.resolve(LAST_SWEEP), tick.toString() + "\n");
  }

  /** The tick of the last sweep that completed here; empty before the first (and in a format-1 directory). */
  Optional<Instant> lastCompletedSweep() {
    return lastCompletedSweep(dir);
  }

  static Optional<Instant> lastCompletedSweep(Path dir) {
    Path file = dir.resolve(LAST_SWEEP);
    if (!Files.isRegularFile(file)) return Optional.empty();
    try {
      return Optional.of(Instant.parse(Files.readString(file, StandardCharsets.UTF_8).strip()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (DateTimeParseException e) {
      throw new Refused(file + " does not hold a time: " + e.getParsedString());
    }
  }

  /**
   * The format of {@code dir}: 0 when it is missing or empty, 1 for a directory of cronmon's from before the marker,
   * else the marker's. Refuses a non-empty directory that is not cronmon's.
   */
  static int formatOf(Path dir) {
    if (!Files.exists(dir)) return 0;
    if (!Files.isDirectory(dir)) throw new Refused(dir + " is not a directory");
    Path marker = dir.resolve(MARKER);
    if (Files.isRegularFile(marker)) {
      JsonNode format = readJson(marker).get("format");
      if (format == null || !format.canConvertToInt() || format.intValue() < 1) {
        throw new Refused(marker + " does not say which format the directory has");
      }
      return format.intValue();
    }
    if (Files.exists(dir.resolve(CREDENTIALS)) || Files.exists(dir.resolve(DYNAMODB))) return 1;
    try (Stream<Path> entries = Files.list(dir)) {
      // The lock and the diagnostics log are written before the directory is laid out (Main opens the log first).
      if (entries.map(p -> p.getFileName().toString()).anyMatch(name -> !name.equals(LOCK) && !name.startsWith(DIAGNOSTICS))) {
        throw new Refused(dir + " is not a cronmon data directory (it has no " + MARKER + ", " + CREDENTIALS + " or "
            + DYNAMODB + "/); give an empty or new directory");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return 0;
  }

  /** Refuses data of a format newer than this jar's: {@code where} says whose ("DIR holds", "the export has"). */
  static void refuseNewer(String where, int format) {
    if (format > FORMAT) {
      throw new Refused(where + " data format " + format + ", written by a newer cronmon; this jar reads formats up to "
          + FORMAT + ". Run the newer jar, or restore into a new directory a backup that this jar's version exported.");
    }
  }

  /** Upgrades {@code dir} from {@code format} to {@link #FORMAT}, one step at a time; refuses a newer format. */
  static void migrate(Path dir, int format) {
    refuseNewer(dir + " holds", format);
    for (int from = format; from < FORMAT; from++) {
      Migration step = MIGRATIONS.get(from);
      if (step == null) throw new IllegalStateException("no migration from data format " + from);
      try {
        step.upgrade(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("upgrading " + dir + " from format " + from + " failed", e);
      }
      mark(dir, from + 1);
    }
  }

  /** Today's layout in an empty directory: the database in write-ahead-log mode, then the marker. */
  static void layOut(Path dir) {
    DynamoDbLocal.useWriteAheadLog(dir.resolve(DYNAMODB));
    mark(dir, FORMAT);
  }

  static void mark(Path dir, int format) {
    writeAtomically(dir.resolve(MARKER), Json.write(Map.of("format", format)) + "\n");
  }

  @Override
  public void close() {
    try {
      if (lock.isValid()) lock.release();
      lockChannel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DataDir lock(Path dir) {
    try {
      Files.createDirectories(dir);
      FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this JVM already
      }
      if (lock == null) {
        String holder = new String(Files.readAllBytes(dir.resolve(LOCK)), StandardCharsets.UTF_8).strip();
        channel.close();
        throw new Refused(dir + " is in use by another cronmon local stack" + (holder.isEmpty() ? "" : " (process " + holder + ")"));
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      return new DataDir(dir, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open data directory " + dir, e);
    }
  }

  private static JsonNode readJson(Path file) {
    try {
      return Json.parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new Refused(file + " is not valid JSON: " + e.getMessage());
    }
  }

  /** Written beside and moved over the old file, so a crash leaves the old content or the new, never half. */
  private static void writeAtomically(Path file, String content) {
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    try {
      Files.writeString(partial, content, StandardCharsets.UTF_8);
      try {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
