package dev.cronmon.benchmarks;

import dev.cronmon.local.LocalStack;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The top-of-hour burst on the local stack, as a user runs it: a stack on a data directory (DynamoDB Local on SQLite),
 * {@code monitors} hourly monitors that exist, then each checks in once through the cron endpoint
 * ({@code GET /api/<project>/cron/<slug>/<key>/?status=ok}, what a crontab's curl sends), all at the same moment from
 * {@code clients} concurrent clients, each with its own HTTP client and connections. Reports throughput, p50 and p99 of
 * the answers' latency, and whether every check-in was recorded (the monitor's environment holds it as its last
 * check-in).
 */
final class LocalBurst {
  private static final String HOURLY = "{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"},\"checkin_margin\":5}";

  record Result(int monitors, int clients, int accepted, int recorded, double seconds, double perSecond, double p50Ms,
                double p99Ms, double maxMs) {}

  private LocalBurst() {}

  static Result run(int monitors, int clients, PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("cronmon-burst");
    try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, dir.resolve("data"), null, Clock.systemUTC(), Map.of()))) {
      String base = stack.baseUri().toString();
      String project = stack.credentials().projectId();
      String key = stack.credentials().publicKey();
      String org = stack.credentials().organization();
      String token = stack.credentials().token();
      // The monitors exist (created by a first check-in with their config), as they would before 11:00.
      inParallel(clients, monitors, (client, i) -> {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/0/organizations/" + org + "/monitors/burst-" + i
            + "/checkins/")).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"ok\",\"monitor_config\":" + HOURLY + "}")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException("setting up burst-" + i + ": " + r.statusCode() + " " + r.body());
        return 0L;
      });
      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger accepted = new AtomicInteger();
      long start = System.nanoTime();
      inParallel(clients, monitors, (client, i) -> {
        long t0 = System.nanoTime();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/" + project + "/cron/burst-" + i + "/"
            + key + "/?status=ok")).GET().build(), HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - t0;
        latencies.add(took);
        if (r.statusCode() == 202 && r.body().contains("\"id\"")) accepted.incrementAndGet();
        return took;
      });
      double seconds = (System.nanoTime() - start) / 1e9;
      int recorded = 0;
      for (int i = 0; i < monitors; i++) {
        var monitor = stack.services().store().monitor(org, "burst-" + i).orElseThrow();
        var env = stack.services().store().environment(monitor.id(), "production").orElseThrow();
        if (env.lastCheckIn() != null && env.lastCheckIn().toEpochMilli() >= System.currentTimeMillis() - (long) (seconds * 1000) - 60_000
            && stack.services().store().checkIns(monitor.id(), "production", null, 3).items().size() == 2) recorded++;
      }
      List<Long> sorted = new ArrayList<>(latencies);
      sorted.sort(Comparator.naturalOrder());
      Result result = new Result(monitors, clients, accepted.get(), recorded, seconds, monitors / seconds,
          percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
      out.printf("burst on the local stack (data directory, cron endpoint): %,d monitors x 1 check-in from %d clients: "
              + "%,d accepted, %,d recorded, %.2f s, %.0f check-ins/s, p50 %.0f ms, p99 %.0f ms, max %.0f ms, %d cpus%n",
          result.monitors(), result.clients(), result.accepted(), result.recorded(), result.seconds(), result.perSecond(),
          result.p50Ms(), result.p99Ms(), result.maxMs(), Runtime.getRuntime().availableProcessors());
      return result;
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static double percentile(List<Long> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
  }

  @FunctionalInterface
  private interface Call {
    long send(HttpClient client, int index) throws Exception;
  }

  /** {@code count} calls spread over {@code clients} threads, each with its own HTTP client, released at once. */
  private static void inParallel(int clients, int count, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int first = c;
        done.add(pool.submit(() -> {
          HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
          go.await();
          for (int i = first; i < count; i += clients) call.send(client, i);
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) f.get();
    } finally {
      pool.shutdownNow();
    }
  }

  /** {@code java -cp cronmon-benchmarks.jar dev.cronmon.benchmarks.LocalBurst [monitors] [clients]}: this part alone. */
  public static void main(String[] args) throws Exception {
    int monitors = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    PrintStream report = System.out;
    System.setOut(new PrintStream(new java.io.BufferedOutputStream(Files.newOutputStream(Path.of(
        System.getProperty("log", "benchmarks/target/benchmarks-log.jsonl")))), false));
    try {
      run(monitors, clients, report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      System.out.flush();
    }
    System.exit(0);
  }
}
