package dev.cronmon.dynamodblocal;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * keeps one SQLite file ({@code shared-local-instance.db}) in the directory and finds it again on the next start.
 * Both run with {@code -sharedDb}: every client sees the same tables whatever credentials or region it uses.
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
  private static final String LOOPBACK = "127.0.0.1";
  private static final int START_ATTEMPTS = 3;

  private final DynamoDBProxyServer server;
  private final URI endpoint;
  private final DynamoDbClient client;
  private final Path dbPath;
  private boolean closed;

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
   * after close. Interrupt exactly this instance's pools; nothing else in the JVM (another instance) is touched.
   */
  private static void stopBackgroundJobs(DynamoDBProxyServer proxy) {
    try {
      Object serverHandler = field(proxy, "serverHandler");
      Object requestHandler = field(serverHandler, "primaryHandler");
      Object databases = field(requestHandler, "dbRequestHandlers");
      if (!(databases instanceof Map<?, ?> map)) return;
      for (Object database : map.values()) {
        Object jobs = field(database, "jobs");
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
        server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
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
