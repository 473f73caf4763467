package dev.cronmon.moto;

import dev.cronmon.dynamodb.TestDynamoDb;
import dev.cronmon.testing.Executables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Every test of this module runs under this extension (JUnit's extension auto-detection, switched on in the pom):
 *
 * <ul>
 *   <li>without {@code moto_server} on the PATH, each test class is disabled with the reason, which Surefire reports
 *       as skipped;</li>
 *   <li>with it, one server is started on a free loopback port for the whole test JVM (stopped when the run ends;
 *       a fresh server has no tables, as {@link TestDynamoDb} needs), the store and sweeper tests of cronmon-dynamodb
 *       are pointed at it, their clients sending one request at a time, and tests here receive its endpoint as a
 *       {@link Moto} parameter;</li>
 *   <li>the tests that cannot apply to moto ({@link #NOT_ON_MOTO}) are skipped with the reason; docs/testing.md has
 *       the evidence for each.</li>
 * </ul>
 */
public final class MotoExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {
  static final String EXECUTABLE = "moto_server";
  static final String NOT_FOUND = EXECUTABLE + " not found on the PATH: the moto tests need it (pip install 'moto[server]')";
  private static final String OUTAGE_AT_SCALE = "hundreds to thousands of monitors marked by the sweeper, each mark a "
      + "TransactWriteItems that moto copies the table for (as SweeperScaleTest); the outage detector's reads and items "
      + "run on moto in OutageDetectionTest's 20-monitor case and BrokenMonitorTest";
  /** Test classes, or class#method, that cannot apply to moto 5.2.1, with why. */
  static final Map<String, String> NOT_ON_MOTO = Map.of(
      "dev.cronmon.dynamodb.SweeperScaleTest",
      "10,000 monitors: moto copies every table a TransactWriteItems names, for each of its items, before it writes "
          + "(30,000 items here: 5 to 37 s a call on 2 cores), so the sweep alone takes 9 minutes; its 49 of 50 on "
          + "moto is LostResponseTest's case (docs/testing.md)",
      "dev.cronmon.dynamodb.AdministrationCostTest",
      "it measures DynamoDB's capacity units; moto reports a fixed number per call whatever the item sizes (and none "
          + "for TransactWriteItems)",
      "dev.cronmon.dynamodb.ScrapeCostTest",
      "it measures DynamoDB's capacity units of a 1,000-monitor scrape; moto reports a fixed number per call, and its "
          + "1,000 monitor transactions copy the growing table each time (minutes on 2 cores)",
      "dev.cronmon.dynamodb.JobOutputCostTest",
      "it measures DynamoDB's capacity units of output items by their size; moto reports a fixed number per call "
          + "whatever the item sizes",
      "dev.cronmon.dynamodb.LostResponseTest#sweep_whoseTransactionIsRetriedAfterItCommitted_marksTheSlotOnce_andCountsIt",
      "moto ignores TransactWriteItems' ClientRequestToken: the SDK's retry of a committed transaction fails its "
          + "conditions instead of being answered as the commit it was",
      "dev.cronmon.dynamodb.OutageDetectionTest#thousandMonitorsFallingSilentAtOnceForTenMinutes_areUnknown_noneMissed_andAlertNoOne",
      OUTAGE_AT_SCALE,
      "dev.cronmon.dynamodb.OutageDetectionTest#oneMonitorFallingSilentAmongAThousandThatCheckIn_isMissed_andOpensAnIncident",
      OUTAGE_AT_SCALE,
      "dev.cronmon.dynamodb.OutageDetectionTest#aBurstRefusedUpstream_oneMinuteOfCheckInsNeverArriving_isUnknown",
      OUTAGE_AT_SCALE,
      "dev.cronmon.dynamodb.OutageDetectionTest#aTopOfHourBurstThrottledUpstream_thousandHourlyJobs_theRefusedOnesAreUnknown_noneMissed",
      OUTAGE_AT_SCALE);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoExtension.class);

  /** moto's server for tests of this module: its endpoint, where every AWS client of the test points. */
  public record Moto(URI endpoint) {}

  /** Looked up once per run. */
  private static Path executable;
  private static boolean searched;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    // Decided for each test class (so nothing of a skipped class runs, not even its @BeforeAll) and each method.
    if (executable() == null) return ConditionEvaluationResult.disabled(NOT_FOUND);
    String name = context.getRequiredTestClass().getName()
        + context.getTestMethod().map(m -> "#" + m.getName()).orElse("");
    String reason = NOT_ON_MOTO.get(name);
    return reason == null
        ? ConditionEvaluationResult.enabled(EXECUTABLE + " found")
        : ConditionEvaluationResult.disabled("not on moto: " + reason);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (executable() == null) return;
    System.setProperty(TestDynamoDb.ENDPOINT_PROPERTY, server(context).endpoint().toString());
    // moto's server runs concurrent requests without isolating them: a failing transaction's rollback can undo another
    // request's commit (docs/testing.md). Racing tests still interleave, one request at a time.
    System.setProperty(TestDynamoDb.ONE_REQUEST_AT_A_TIME_PROPERTY, "true");
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Moto.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return new Moto(server(context).endpoint());
  }

  private static synchronized Path executable() {
    if (!searched) {
      searched = true;
      executable = Executables.onPath(EXECUTABLE).orElse(null);
      // Surefire's console shows counts only; the reason is in each skipped test of the XML report, and here once.
      System.err.println(executable == null ? "moto tests skipped: " + NOT_FOUND : "moto tests run against " + executable);
    }
    return executable;
  }

  /** The run's one server: kept in the root store, which stops it when the run ends. */
  private static RunningMoto server(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(RunningMoto.class, key -> RunningMoto.start(executable()), RunningMoto.class);
  }

  private record RunningMoto(Process process, URI endpoint) implements ExtensionContext.Store.CloseableResource {
    static RunningMoto start(Path executable) {
      // The port is free when asked; should another process take it before moto binds, moto exits and we try again.
      IllegalStateException failure = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        int port = freePort();
        Path log = Path.of("target", "moto-server-" + port + ".log");
        try {
          Files.createDirectories(log.getParent());
          Process process = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
              .redirectErrorStream(true).redirectOutput(log.toFile()).start();
          URI endpoint = URI.create("http://127.0.0.1:" + port);
          if (awaitReady(process, endpoint)) return new RunningMoto(process, endpoint);
          stop(process);
          failure = new IllegalStateException(executable + " did not answer on port " + port + "; its output is in " + log.toAbsolutePath());
        } catch (IOException e) {
          throw new UncheckedIOException("cannot start " + executable, e);
        }
      }
      throw failure;
    }

    /** Polls moto's own API until it answers, the process ends, or {@link #START_TIMEOUT} passes. */
    private static boolean awaitReady(Process process, URI endpoint) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpRequest ping = HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).timeout(Duration.ofSeconds(5)).build();
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (process.isAlive() && System.nanoTime() < deadline) {
        try {
          if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return true;
        } catch (IOException e) {
          // not listening yet
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
        try {
          process.waitFor(200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return false;
    }

    private static int freePort() {
      try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException("no free port", e);
      }
    }

    private static void stop(Process process) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }

    @Override
    public void close() {
      stop(process);
    }
  }
}
