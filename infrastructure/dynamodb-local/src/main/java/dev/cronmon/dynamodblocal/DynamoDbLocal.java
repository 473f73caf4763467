package dev.cronmon.dynamodblocal;

import com.almworks.sqlite4java.SQLiteBackup;
import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteException;
import com.almworks.sqlite4java.SQLiteStatement;
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.shared.access.sqlite.SQLiteLibraryLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local (the official AWS artifact) running inside this JVM as an HTTP server on 127.0.0.1, on a free port.
 * The store of the tests and of the local stack.
 *
 * <p>{@link #inMemory()} keeps everything in memory and forgets it on {@link #close()}; {@link #persistent(Path)}
 * keeps one SQLite file ({@value #DATABASE_FILE}) in the directory and finds it again on the next start.
 * Both run with {@code -sharedDb}: every client sees the same tables whatever credentials or region it uses.
 * {@link #useWriteAheadLog(Path)} and {@link #copyDatabase(Path, Path)} work on that file with SQLite itself: a
 * database in write-ahead-log mode can be copied, consistently, while an instance (in this or another process) writes.
 *
 * <p>DynamoDB Local prints its configuration on standard output when it starts; here those lines go to the
 * {@code java.util.logging} logger of this class at level CONFIG instead (below the default console level), so a
 * program embedding it decides where they go.
 *
 * <p>The sqlite4java native library needs no {@code java.library.path} or {@code sqlite4java.library.path}: DynamoDB
 * Local 2.x carries the natives of Linux, macOS and Windows (x86_64, aarch64, x86) in its jar and extracts the one it
 * needs to a temporary file on first use.
 *
 * <p>Cost: the first instance in a JVM starts in about 1.5–2 s (class loading, log4j, native extraction) and its
 * first request takes about 0.9 s more (SDK client and server warm-up); further instances start in 10–30 ms.
 *
 * <p>Two details of DynamoDB Local are corrected here through reflection on its internals (each falls back to
 * DynamoDB Local's own behaviour if a future version changes them): Jetty would listen on every interface, and
 * {@code stop()} leaves a sleeping non-daemon job thread that keeps the JVM alive for minutes.
 */
public final class DynamoDbLocal implements AutoCloseable {
  /** The SQLite file of a persistent instance ({@code -sharedDb} names it so). */
  public static final String DATABASE_FILE = "shared-local-instance.db";
  private static final String LOOPBACK = "127.0.0.1";
  private static final int START_ATTEMPTS = 3;
  /** How long a copy waits for a writer's commit to finish before reading (SQLite's busy timeout). */
  private static final int BUSY_TIMEOUT_MILLIS = 30_000;
  private static final Logger LOG = Logger.getLogger(DynamoDbLocal.class.getName());
  /**
   * sqlite4java logs every connection it opens and closes at INFO; held here because java.util.logging keeps only
   * weak references to loggers, and a collected logger would forget its level.
   */
  private static final Logger SQLITE_LOG = Logger.getLogger("com.almworks.sqlite4java");

  static {
    SQLITE_LOG.setLevel(Level.WARNING);
  }

  private final DynamoDBProxyServer server;
  private final URI endpoint;
  private final DynamoDbClient client;
  private final Path dbPath;
  private boolean closed;
  /** How long {@link #close()} lets a background job under way finish before interrupting it. */
  private static final long JOB_FINISH_SECONDS = 5;

  private DynamoDbLocal(DynamoDBProxyServer server, int port, Path dbPath) {
    this.server = server;
    this.endpoint = URI.create("http://" + LOOPBACK + ":" + port);
    this.dbPath = dbPath;
    this.client = newClient(endpoint);
  }

  /** A fresh, empty, in-memory instance. */
  public static DynamoDbLocal inMemory() {
    return start(null);
  }

  /** An instance whose data lives in {@code dir} (created if needed) and survives restarts. */
  public static DynamoDbLocal persistent(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create DynamoDB Local directory " + dir, e);
    }
    return start(dir.toAbsolutePath());
  }

  /** {@code http://127.0.0.1:<port>}: for clients built elsewhere (any region, any credentials). */
  public URI endpoint() {
    return endpoint;
  }

  public int port() {
    return endpoint.getPort();
  }

  /** The directory of a persistent instance; null in memory. */
  public Path dbPath() {
    return dbPath;
  }

  /** A client of this instance (url-connection HTTP client, us-east-1, dummy static credentials); closed with it. */
  public DynamoDbClient client() {
    return client;
  }

  /**
   * A new client of this instance, for callers that want their own (they close it); {@code interceptors} see every
   * request and response (tests and benchmarks count or record them).
   */
  public static DynamoDbClient newClient(URI endpoint, ExecutionInterceptor... interceptors) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors)))
        .build();
  }

  /**
   * Puts the SQLite database of a persistent instance's directory in write-ahead-log mode, creating an empty one if
   * there is none yet (DynamoDB Local fills it on first start). The mode is kept in the file, so every later instance
   * uses it: then a reader (a {@link #copyDatabase copy}) never blocks DynamoDB Local's writes, which in SQLite's
   * default rollback-journal mode would fail with "database is locked" while the copy reads. Needs the database to
   * itself: call it before {@link #persistent(Path)} starts on {@code dir}.
   */
  public static void useWriteAheadLog(Path dir) {
    sqlite(dir.resolve(DATABASE_FILE), false, connection -> {
      String mode = single(connection, "PRAGMA journal_mode=WAL");
      if (!"wal".equalsIgnoreCase(mode)) {
        throw new IllegalStateException("SQLite kept " + dir.resolve(DATABASE_FILE) + " in journal mode " + mode + " (is it in use?)");
      }
      return null;
    });
  }

  /** SQLite's journal mode of the database in {@code dir} ({@code wal} or {@code delete}, in lower case). */
  public static String journalMode(Path dir) {
    return sqlite(dir.resolve(DATABASE_FILE), true, connection -> single(connection, "PRAGMA journal_mode").toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * Copies the database of {@code fromDir} to {@code toDir} (created if needed; its database must not exist) with
   * SQLite's online backup, in one step: the copy is the database as of one committed moment even while an instance
   * writes to it, from this process or another. The copy keeps the source's journal mode; start an instance on
   * {@code toDir} to read it.
   */
  public static void copyDatabase(Path fromDir, Path toDir) {
    Path source = fromDir.resolve(DATABASE_FILE);
    Path target = toDir.resolve(DATABASE_FILE);
    if (!Files.isRegularFile(source)) throw new IllegalArgumentException("no DynamoDB Local database in " + fromDir);
    if (Files.exists(target)) throw new IllegalArgumentException(target + " exists already");
    try {
      Files.createDirectories(toDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + toDir, e);
    }
    sqlite(source, true, connection -> {
      SQLiteBackup backup = connection.initializeBackup(target.toFile());
      try {
        // -1: every page in one step, under one read transaction, so the copy is one moment of the source.
        while (!backup.isFinished()) backup.backupStep(-1);
      } finally {
        backup.dispose();
      }
      return null;
    });
  }

  private interface SqliteWork<T> {
    T run(SQLiteConnection connection) throws SQLiteException;
  }

  private static <T> T sqlite(Path file, boolean readOnly, SqliteWork<T> work) {
    loadSqlite();
    SQLiteConnection connection = new SQLiteConnection(file.toFile());
    try {
      if (readOnly) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no database " + file);
        connection.openReadonly();
      } else {
        Files.createDirectories(file.getParent());
        connection.open(true);
      }
      connection.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
      return work.run(connection);
    } catch (SQLiteException e) {
      throw new IllegalStateException("SQLite failed on " + file + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      connection.dispose();
    }
  }

  private static String single(SQLiteConnection connection, String sql) throws SQLiteException {
    SQLiteStatement statement = connection.prepare(sql);
    try {
      return statement.step() ? statement.columnString(0) : null;
    } finally {
      statement.dispose();
    }
  }

  /** The sqlite4java native library DynamoDB Local carries in its jar (it extracts and loads it once per JVM). */
  private static void loadSqlite() {
    try {
      SQLiteLibraryLoader.initialize();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot load the SQLite native library of DynamoDB Local", e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    client.close();
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
    } finally {
      stopBackgroundJobs(server);
    }
  }

  /**
   * DynamoDB Local runs background jobs (stream shard rollover, TTL deletion, index creation) on a non-daemon thread
   * pool that {@code stop()} only shuts down gently: its sleeping scheduler would keep the JVM alive for minutes
   * after close. Stop exactly this instance's pools; nothing else in the JVM (another instance) is touched. Jobs not
   * started yet are dropped, a job under way may finish (a TTL deletion interrupted in the middle of its SQLite
   * transaction left the file locked for the next instance opened on it), and only then is the pool interrupted.
   */
  private static void stopBackgroundJobs(DynamoDBProxyServer proxy) {
    try {
      Object serverHandler = field(proxy, "serverHandler");
      Object requestHandler = field(serverHandler, "primaryHandler");
      Object databases = field(requestHandler, "dbRequestHandlers");
      if (!(databases instanceof Map<?, ?> map)) return;
      for (Object database : map.values()) {
        Object jobs = field(database, "jobs");
        if (jobs instanceof ScheduledThreadPoolExecutor scheduled) {
          scheduled.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
          scheduled.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        }
        if (jobs instanceof ExecutorService pool) {
          pool.shutdown();
          try {
            pool.awaitTermination(JOB_FINISH_SECONDS, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        if (jobs != null) jobs.getClass().getMethod("shutdownNow").invoke(jobs);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // A future DynamoDB Local may change its internals: then its threads end on their own, later.
    }
  }

  private static Object field(Object target, String name) throws ReflectiveOperationException {
    if (target == null) return null;
    for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      }
    }
    throw new NoSuchFieldException(name);
  }

  private static DynamoDbLocal start(Path dbPath) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      int port = freePort();
      List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-disableTelemetry"));
      // -sharedDb: one database whatever access key and region a client uses (DynamoDB Local keeps one per
      // key+region otherwise, and a client configured slightly differently would see an empty store).
      args.add("-sharedDb");
      if (dbPath == null) {
        args.add("-inMemory");
      } else {
        args.addAll(List.of("-dbPath", dbPath.toString()));
      }
      DynamoDBProxyServer server;
      try {
        server = createQuietly(args.toArray(String[]::new));
      } catch (Exception e) {
        throw new IllegalStateException("Cannot configure DynamoDB Local with " + args, e);
      }
      ServerConnector connector = connector(server);
      if (connector != null) {
        // Listen on loopback only, never on every interface (Jetty's default), and let the kernel pick the
        // port at bind time so no other process can take it between our choice and the bind.
        connector.setHost(LOOPBACK);
        connector.setPort(0);
      }
      try {
        server.start(); // reports bind failures on stderr and stops instead of throwing: check below
      } catch (Exception e) {
        last = new IllegalStateException("DynamoDB Local did not start", e);
        stopQuietly(server);
        continue;
      }
      int bound = connector != null ? connector.getLocalPort() : (listening(port) ? port : -1);
      if (bound > 0) return new DynamoDbLocal(server, bound, dbPath);
      last = new IllegalStateException("DynamoDB Local could not bind a port on " + LOOPBACK);
      stopQuietly(server);
    }
    throw last;
  }

  /**
   * {@code ServerRunner} prints DynamoDB Local's configuration on standard output (with a {@code Port:} that is not
   * the one it ends up on, see {@link #start}): this thread's output during the call goes to {@link #LOG} instead.
   * Other threads keep printing to standard output meanwhile.
   */
  private static synchronized DynamoDBProxyServer createQuietly(String[] args) throws Exception {
    PrintStream original = System.out;
    Thread self = Thread.currentThread();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        if (Thread.currentThread() == self) captured.write(b);
        else original.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        if (Thread.currentThread() == self) captured.write(b, off, len);
        else original.write(b, off, len);
      }

      @Override
      public void flush() {
        original.flush();
      }
    }, true, StandardCharsets.UTF_8));
    try {
      return ServerRunner.createServerFromCommandLineArgs(args);
    } finally {
      System.setOut(original);
      String printed = captured.toString(StandardCharsets.UTF_8).strip();
      if (!printed.isEmpty()) LOG.config(printed);
    }
  }

  /** The Jetty connector of the proxy server (it builds {@code new Server(port)}, which has exactly one). */
  private static ServerConnector connector(DynamoDBProxyServer proxy) {
    try {
      Server jetty = (Server) field(proxy, "server");
      for (Connector c : jetty.getConnectors()) {
        if (c instanceof ServerConnector sc) return sc;
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // A future DynamoDB Local may change its internals: fall back to the port passed on its command line.
    }
    return null;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on " + LOOPBACK, e);
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(LOOPBACK, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void stopQuietly(DynamoDBProxyServer server) {
    try {
      server.stop();
    } catch (Exception ignored) {
      // nothing was running
    }
  }
}
