package dev.cronmon.benchmarks;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import dev.cronmon.domain.checkin.CheckInLimits;
import dev.cronmon.domain.service.Sweeper;
import dev.cronmon.domain.service.Bootstrap;
import dev.cronmon.domain.time.MutableClock;
import dev.cronmon.dynamodb.CapacityMeter;
import dev.cronmon.dynamodb.DynamoClients;
import dev.cronmon.dynamodb.DynamoCronStore;
import dev.cronmon.dynamodb.TableSchema;
import dev.cronmon.dynamodblocal.DynamoDbLocal;
import dev.cronmon.ingest.IngestHandler;
import dev.cronmon.lambda.Services;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The benchmark command (docs/benchmarks.md): one run prints check-in throughput vs raw PutItem, capacity units per
 * check-in, sweeps at 1k/10k/100k monitors, cold starts of each function's -lambda.jar, and the cost per
 * monitor-month. Everything runs against one in-process DynamoDB Local.
 *
 * <p>Arguments: {@code [repository root]} (where functions/*&#47;target/*-lambda.jar are; default "."). System
 * properties: {@code sizes} (sweep sizes, default 1000,10000,100000), {@code checkins} (per throughput run, default
 * 4000), {@code threads} (default 4), {@code coldRuns} (default 5), {@code log} (where the handlers' log lines go).
 */
public final class Benchmarks {
  static final String HOURLY_CONFIG =
      "\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"},\"checkin_margin\":1}";
  static final int DUE_SHARDS = DynamoCronStore.DEFAULT_DUE_SHARDS;

  /** The report; System.out itself is sent to a file, since the handlers log a JSON line per check-in there. */
  static java.io.PrintStream out = System.out;

  private final DynamoDbLocal db;
  private final Path root;
  private int tables;

  private Benchmarks(DynamoDbLocal db, Path root) {
    this.db = db;
    this.root = root;
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    int[] sizes = Arrays.stream(System.getProperty("sizes", "1000,10000,100000").split(","))
        .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    int checkIns = Integer.getInteger("checkins", 4000);
    int threads = Integer.getInteger("threads", 4);
    Path log = Path.of(System.getProperty("log", "benchmarks/target/benchmarks-log.jsonl")).toAbsolutePath();
    Files.createDirectories(log.getParent());
    System.setOut(new java.io.PrintStream(new java.io.BufferedOutputStream(Files.newOutputStream(log)), false, StandardCharsets.UTF_8));
    out.println("cronmon benchmarks, " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", "
        + Runtime.getRuntime().availableProcessors() + " cpus, java " + System.getProperty("java.version"));
    // The JDK's HTTP client keeps 5 idle connections per host by default; the parallel sweep has more in flight.
    if (System.getProperty("http.maxConnections") == null) System.setProperty("http.maxConnections", "64");
    List<String> parts = Arrays.asList(System.getProperty("parts", "throughput,units,sweep,scale,cold,burst").split(","));
    try (DynamoDbLocal db = DynamoDbLocal.inMemory()) {
      Benchmarks b = new Benchmarks(db, root);
      if (parts.contains("throughput")) b.throughput(checkIns, threads, Integer.getInteger("latencyMs", 8));
      Units units = parts.contains("units") ? b.units(50, Integer.getInteger("latencyMs", 8)) : null;
      if (parts.contains("sweep")) for (int size : sizes) b.sweep(size);
      if (parts.contains("scale")) {
        b.sweepAtScale(Integer.getInteger("scaleDue", 10_000), Integer.getInteger("serialDue", 500),
            Integer.getInteger("workers", 16), Integer.getInteger("latencyMs", 8));
      }
      if (parts.contains("cold")) b.coldStarts();
      // The burst on the local stack (its own DynamoDB Local on a data directory).
      if (parts.contains("burst")) LocalBurst.run(Integer.getInteger("burst", 1000), Integer.getInteger("burstClients", 100), out);
      if (units != null) Cost.print(units);
    } catch (Exception | Error e) {
      out.flush();
      e.printStackTrace(System.err);
      System.exit(1); // the SDK's and DynamoDB Local's threads would keep a failed run alive
    }
    out.println("\n(the handlers' log lines are in " + log + ")");
    out.flush();
    System.exit(0);
  }

  /** One table with its store, meter and item counter; handlers built from it as the local stack builds them. */
  final class Stack {
    final String table = "bench-" + (++tables);
    final ItemsRead itemsRead = new ItemsRead();
    final WriteUnits writeUnits = new WriteUnits();
    final DynamoDbClient client;
    final CapacityMeter meter = new CapacityMeter();
    final DynamoCronStore store;
    final Services services;

    final RoundTrips roundTrips = new RoundTrips();

    Stack(Clock clock) {
      this(clock, 0);
    }

    /** {@code latencyMs}: a {@link Latency} before every request of the stack's client (0: none). */
    Stack(Clock clock, int latencyMs) {
      Map<String, String> vars = Map.of(DynamoClients.ENDPOINT, db.endpoint().toString(), Services.TABLE_NAME, table,
          CheckInLimits.RATE_LIMIT_VARIABLE, "1000000", "EVENT_BUS_NAME", "bench");
      client = latencyMs > 0
          ? DynamoDbLocal.newClient(db.endpoint(), roundTrips, new Latency(latencyMs), meter, itemsRead, writeUnits)
          : DynamoDbLocal.newClient(db.endpoint(), roundTrips, meter, itemsRead, writeUnits);
      TableSchema.createTable(client, table);
      store = new DynamoCronStore(client, table, DUE_SHARDS);
      services = new Services(store, client, clock, (Function<String, String>) vars::get);
    }
  }

  // ---- throughput -------------------------------------------------------------------------------------------------

  private void throughput(int count, int threads, int latencyMs) throws Exception {
    throughputOn(count, threads, 0);
    if (latencyMs > 0) throughputOn(count / 4, threads, latencyMs);
  }

  /** Handler against raw PutItem on one client; {@code latencyMs} before every request of both (0: none). */
  private void throughputOn(int count, int threads, int latencyMs) throws Exception {
    Stack stack = new Stack(Services.systemClock(), latencyMs);
    var credentials = Bootstrap.createOrganization(stack.store, Services.systemClock(), "bench", "Bench");
    IngestHandler handler = new IngestHandler(stack.services);
    int monitors = 100;
    for (int m = 0; m < monitors; m++) checkIn(handler, credentials.token(), "job-" + m, "{\"status\":\"ok\"," + HOURLY_CONFIG + "}");
    Map<String, AttributeValue> sample = stack.client.query(QueryRequest.builder().tableName(stack.table)
        .indexName(TableSchema.HISTORY_INDEX).keyConditionExpression("historyPk = :pk").limit(1)
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("MON#" + stack.store.monitor("bench", "job-0")
            .orElseThrow().id()))).build()).items().get(0);
    Map<String, AttributeValue> checkInItem = stack.client.getItem(r -> r.tableName(stack.table)
        .key(Map.of("PK", sample.get("PK"), "SK", sample.get("SK"))).consistentRead(true)).item();

    // warm both paths (JIT, connections) before measuring
    run(threads, count / 4, i -> checkIn(handler, credentials.token(), "job-" + (i % monitors), "{\"status\":\"ok\"}"));
    run(threads, count / 4, i -> rawPut(stack, checkInItem));
    double ingestRate = run(threads, count, i -> checkIn(handler, credentials.token(), "job-" + (i % monitors), "{\"status\":\"ok\"}"));
    double putRate = run(threads, count, i -> rawPut(stack, checkInItem));
    out.printf("%n## Throughput (%d threads, %d requests each, %d monitors%s)%n", threads, count, monitors,
        latencyMs > 0 ? ", " + latencyMs + " ms before every DynamoDB request" : "");
    out.printf("ingest handler (heartbeat ok): %.0f check-ins/s%n", ingestRate);
    out.printf("raw PutItem (a %d-attribute check-in item, attribute_not_exists): %.0f puts/s%n", checkInItem.size(), putRate);
    out.printf("ratio: %.2f (target >= 0.4)%n", ingestRate / putRate);
  }

  private static void rawPut(Stack stack, Map<String, AttributeValue> template) {
    Map<String, AttributeValue> item = new HashMap<>(template);
    item.put("PK", AttributeValue.fromS("CHECKIN#" + UUID.randomUUID()));
    stack.client.putItem(r -> r.tableName(stack.table).item(item).conditionExpression("attribute_not_exists(PK)"));
  }

  /** Runs {@code count} calls on {@code threads} threads; returns calls per second. */
  private static double run(int threads, int count, java.util.function.IntConsumer call) throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) call.accept(i);
      }));
    }
    try {
      for (Future<?> f : futures) f.get();
    } finally {
      pool.shutdownNow(); // a failed call must not leave threads that keep the JVM alive
    }
    long nanos = System.nanoTime() - start;
    return count / (nanos / 1e9);
  }

  static JsonNode checkIn(IngestHandler handler, String token, String slug, String body) {
    return send(handler, "POST", "/api/0/organizations/bench/monitors/" + slug + "/checkins/", token, body);
  }

  static JsonNode send(IngestHandler handler, String method, String path, String token, String body) {
    APIGatewayV2HTTPEvent event = ColdStart.http(method, path, token, body);
    APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
    if (response.getStatusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + path + " -> " + response.getStatusCode() + " " + response.getBody());
    }
    try {
      return Json.MAPPER.readTree(response.getBody());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- capacity units ---------------------------------------------------------------------------------------------

  record Units(double heartbeatWrite, double heartbeatRead, double pairWrite, double pairRead) {}

  /** {@code latencyMs} before every request: it does not change the units, and makes concurrent requests overlap for sure. */
  private Units units(int monitors, int latencyMs) {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:05Z"));
    Stack stack = new Stack(clock, latencyMs);
    var credentials = Bootstrap.createOrganization(stack.store, clock, "bench", "Bench");
    IngestHandler handler = new IngestHandler(stack.services);
    for (int m = 0; m < monitors; m++) {
      checkIn(handler, credentials.token(), "hb-" + m, "{\"status\":\"ok\"," + HOURLY_CONFIG + "}");
      checkIn(handler, credentials.token(), "pair-" + m, "{\"status\":\"ok\"," + HOURLY_CONFIG + "}");
    }
    out.printf("%n## Capacity units (ReturnConsumedCapacity via CapacityMeter, mean of %d monitors, steady state)%n", monitors);
    // steady state: the monitors and environments exist. A repeat inside the 10:00 slot does not move the deadline;
    // the next slot's check-in does (the hourly job's real case, the one the cost below uses).
    clock.set(Instant.parse("2026-01-05T10:00:35Z"));
    Measured repeat = measure(stack, monitors, m -> checkIn(handler, credentials.token(), "hb-" + m, "{\"status\":\"ok\"}"));
    clock.set(Instant.parse("2026-01-05T11:00:05Z"));
    Measured heartbeat = measure(stack, monitors, m -> checkIn(handler, credentials.token(), "hb-" + m, "{\"status\":\"ok\"}"));
    String[] runs = new String[monitors];
    Measured started = measure(stack, monitors, m -> runs[m] = checkIn(handler, credentials.token(), "pair-" + m,
        "{\"status\":\"in_progress\"}").get("id").asText());
    clock.set(Instant.parse("2026-01-05T11:04:05Z"));
    Measured finished = measure(stack, monitors, m -> send(handler, "PUT",
        "/api/0/organizations/bench/monitors/pair-" + m + "/checkins/" + runs[m] + "/", credentials.token(),
        "{\"status\":\"ok\",\"duration\":240000}"));
    Measured pair = started.plus(finished);
    repeat.print("heartbeat check-in, again in the same slot", "");
    heartbeat.print("heartbeat check-in, next slot", " (target <= 3 WCU, <= 2 serial round trips)");
    started.print("  in_progress (next slot)", "");
    finished.print("  ok closing it by id", "");
    pair.print("in_progress + ok pair", " (target <= 6 WCU)");
    return new Units(heartbeat.write(), heartbeat.read(), pair.write(), pair.read());
  }

  /** Mean units, requests and serial round trips per monitor of one check-in each. */
  record Measured(double write, double read, double requests, double roundTrips, long failedConditionalWrites) {
    Measured plus(Measured other) {
      return new Measured(write + other.write, read + other.read, requests + other.requests, roundTrips + other.roundTrips,
          failedConditionalWrites + other.failedConditionalWrites);
    }

    void print(String what, String target) {
      out.printf("%s: %.2f WCU, %.2f RCU, %.1f requests in %.1f serial round trips, %d failed conditional writes%s%n", what,
          write, read, requests, roundTrips, failedConditionalWrites, target);
    }
  }

  private static Measured measure(Stack stack, int monitors, java.util.function.IntConsumer checkIn) {
    stack.meter.reset();
    long roundTrips = 0;
    for (int m = 0; m < monitors; m++) {
      stack.roundTrips.reset();
      checkIn.accept(m);
      roundTrips += stack.roundTrips.serial();
    }
    return new Measured(stack.meter.writeUnits() / monitors, stack.meter.readUnits() / monitors,
        stack.meter.requests() / (double) monitors, roundTrips / (double) monitors, stack.meter.failedConditionalWrites());
  }

  // ---- sweep ------------------------------------------------------------------------------------------------------

  private void sweep(int monitors) throws Exception {
    Instant start = Instant.parse("2026-01-05T10:00:00Z");
    MutableClock clock = new MutableClock(start);
    Stack stack = new Stack(clock);
    var credentials = Bootstrap.createOrganization(stack.store, clock, "bench", "Bench");
    IngestHandler handler = new IngestHandler(stack.services);
    int due = Math.max(1, monitors / 100);
    long seedStart = System.nanoTime();
    // The due 1%: real monitors through the ingest handler (monitor, ref, environment, check-in), deadline 11:01.
    for (int m = 0; m < due; m++) checkIn(handler, credentials.token(), "due-" + m, "{\"status\":\"ok\"," + HOURLY_CONFIG + "}");
    // The other 99%: copies of a real environment item under new monitor ids, deadline a day later, written with
    // BatchWriteItem (the sweep's reads touch only the due index, so the copies need no monitor items).
    String prototypeId = stack.store.monitor("bench", "due-0").orElseThrow().id();
    Map<String, AttributeValue> prototype = stack.client.getItem(r -> r.tableName(stack.table).consistentRead(true)
        .key(Map.of("PK", AttributeValue.fromS("MON#" + prototypeId), "SK", AttributeValue.fromS("ENV#production")))).item();
    String later = DateTimeFormatter.ISO_INSTANT.format(start.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS));
    String laterMillis = later.endsWith("Z") && later.length() == 20 ? later.replace("Z", ".000Z") : later;
    writeCopies(stack, monitors - due, id -> {
      Map<String, AttributeValue> item = new HashMap<>(prototype);
      item.put("PK", AttributeValue.fromS("MON#" + id));
      item.put("monitorId", AttributeValue.fromS(id));
      item.put("nextCheckInLatest", AttributeValue.fromS(later));
      item.put(TableSchema.DUE_SHARD, AttributeValue.fromS("DUE#" + stack.store.dueShard(id, "production")));
      item.put(TableSchema.DUE_AT, AttributeValue.fromS(laterMillis));
      return List.of(item);
    });
    double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

    clock.set(Instant.parse("2026-01-05T11:05:00Z")); // past 11:01, the due monitors' deadline
    Sweeper sweeper = new Sweeper(stack.store, events -> events.stream().map(e -> e.id()).collect(Collectors.toSet()), clock);
    stack.meter.reset();
    stack.itemsRead.reset();
    stack.writeUnits.reset();
    long sweepStart = System.nanoTime();
    Sweeper.Result result = sweeper.sweep(Sweeper.Budget.of(Integer.MAX_VALUE));
    double sweepMs = (System.nanoTime() - sweepStart) / 1e6;
    long read = stack.itemsRead.total();
    if (sweepHeader) {
      out.printf("%n## Sweep (%d due shards, 1%% due, one sweep after their deadline)%n", DUE_SHARDS);
      sweepHeader = false;
    }
    out.printf("%,d monitors, %,d due: seeded in %.1f s; sweep %.0f ms, %d missed marked, complete %s; "
            + "items read %,d (%.2f per due environment, target <= 1.5), %.1f RCU, %.1f WCU, %d requests; items by request: %s; "
            + "WCU by request: %s%n",
        monitors, due, seedSeconds, sweepMs, result.missed(), result.complete(), read, read / (double) due,
        stack.meter.readUnits(), stack.meter.writeUnits(), stack.meter.requests(), stack.itemsRead.breakdown(),
        stack.writeUnits.breakdown());
  }

  private boolean sweepHeader = true;

  // ---- sweep at scale, under a modelled network latency ------------------------------------------------------------

  /**
   * {@code due + serialDue} environments past their deadline, each with its monitor: one real monitor made by a check-in
   * through the ingest handler at 10:00 (hourly, margin 1: deadline 11:01), and copies of its environment and
   * {@code monitor-ref} items under new monitor ids (BatchWriteItem, on a client without latency). Then, at 11:05, on a
   * client that adds {@code latencyMs} before every request: a serial sweep of {@code serialDue} of them (the rate one
   * worker reaches), and a sweep of the rest with {@code workers} threads, which must mark them within 60 s.
   */
  private void sweepAtScale(int due, int serialDue, int workers, int latencyMs) throws Exception {
    Instant start = Instant.parse("2026-01-05T10:00:00Z");
    MutableClock clock = new MutableClock(start);
    Stack stack = new Stack(clock);
    var credentials = Bootstrap.createOrganization(stack.store, clock, "bench", "Bench");
    IngestHandler handler = new IngestHandler(stack.services);
    checkIn(handler, credentials.token(), "due-0", "{\"status\":\"ok\"," + HOURLY_CONFIG + "}");
    String prototypeId = stack.store.monitor("bench", "due-0").orElseThrow().id();
    Map<String, AttributeValue> env = stack.client.getItem(r -> r.tableName(stack.table).consistentRead(true)
        .key(Map.of("PK", AttributeValue.fromS("MON#" + prototypeId), "SK", AttributeValue.fromS("ENV#production")))).item();
    Map<String, AttributeValue> ref = stack.client.getItem(r -> r.tableName(stack.table).consistentRead(true)
        .key(Map.of("PK", AttributeValue.fromS("MON#" + prototypeId), "SK", AttributeValue.fromS("MONITOR")))).item();
    long seedStart = System.nanoTime();
    writeCopies(stack, due + serialDue - 1, id -> {
      Map<String, AttributeValue> e = new HashMap<>(env);
      e.put("PK", AttributeValue.fromS("MON#" + id));
      e.put("monitorId", AttributeValue.fromS(id));
      e.put(TableSchema.DUE_SHARD, AttributeValue.fromS("DUE#" + stack.store.dueShard(id, "production")));
      Map<String, AttributeValue> r = new HashMap<>(ref);
      r.put("PK", AttributeValue.fromS("MON#" + id));
      r.put("monitorId", AttributeValue.fromS(id));
      r.put("id", AttributeValue.fromS(id));
      r.put("slug", AttributeValue.fromS("copy-" + id));
      return List.of(e, r);
    });
    double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

    clock.set(Instant.parse("2026-01-05T11:05:00Z"));
    DynamoDbClient slow = DynamoDbLocal.newClient(db.endpoint(), new Latency(latencyMs), stack.meter, stack.itemsRead);
    DynamoCronStore store = new DynamoCronStore(slow, stack.table, DUE_SHARDS);
    dev.cronmon.domain.service.EventPublisher accepts = events -> events.stream().map(e -> e.id()).collect(Collectors.toSet());
    out.printf("%n## Sweep at scale (%d ms added before every DynamoDB request; %d due shards; %,d environments due, "
        + "each with its monitor; seeded in %.1f s)%n", latencyMs, DUE_SHARDS, due + serialDue, seedSeconds);

    Sweeper serial = new Sweeper(store, accepts, clock);
    long t0 = System.nanoTime();
    Sweeper.Result first = serial.sweep(Sweeper.Budget.of(serialDue));
    double serialSeconds = (System.nanoTime() - t0) / 1e9;
    double serialRate = first.missed() / serialSeconds;
    out.printf("serial (1 worker): %,d missed marked in %.1f s = %.1f due environments/s = %,.0f per minute%n",
        first.missed(), serialSeconds, serialRate, serialRate * 60);

    Sweeper parallel = new Sweeper(store, accepts, clock, dev.cronmon.domain.hearing.Hearing.ALWAYS,
        dev.cronmon.domain.lifecycle.BrokenPolicy.DEFAULT, Sweeper.Scope.parallel(workers));
    stack.meter.reset();
    stack.itemsRead.reset();
    long t1 = System.nanoTime();
    Sweeper.Result rest = parallel.sweep(Sweeper.Budget.of(Integer.MAX_VALUE));
    double parallelSeconds = (System.nanoTime() - t1) / 1e9;
    double rate = rest.missed() / parallelSeconds;
    long left = store.due(clock.instant(), 1000).size();
    out.printf("parallel (%d workers over %d shards): %,d missed marked in %.1f s = %.0f due environments/s = %,.0f per minute "
            + "(%.1f× serial); within one 60 s tick: %s; still due after it: %d; items read %.2f per due environment, "
            + "%.2f requests per due environment%n",
        workers, DUE_SHARDS, rest.missed(), parallelSeconds, rate, rate * 60, rate / serialRate,
        rest.missed() == due && parallelSeconds <= 60 ? "yes" : "NO", left, stack.itemsRead.total() / (double) rest.missed(),
        stack.meter.requests() / (double) rest.missed());
    out.printf("modelled on AWS (where DynamoDB's work is not on the sweeper's CPU, a worker waits only for its round trips): "
            + "per shard (one worker) %,.0f due environments per minute as measured here with the %d ms; all %d shards at once "
            + "(%d workers, the most that help: a worker takes whole shards) %,.0f per minute%n",
        serialRate * 60, latencyMs, DUE_SHARDS, DUE_SHARDS, serialRate * 60 * DUE_SHARDS);
    slow.close();
  }


  /** {@code count} new monitor ids, the items {@code copies} makes of each written with BatchWriteItem from 2 threads. */
  private static void writeCopies(Stack stack, int count, Function<String, List<Map<String, AttributeValue>>> copies) throws Exception {
    List<WriteRequest> batch = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<?>> writes = new ArrayList<>();
    for (int m = 0; m < count; m++) {
      for (Map<String, AttributeValue> item : copies.apply(UUID.randomUUID().toString())) {
        batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
      }
      if (batch.size() >= 24 || m == count - 1) {
        List<WriteRequest> requests = batch;
        batch = new ArrayList<>();
        writes.add(pool.submit(() -> batchWrite(stack, requests)));
      }
    }
    try {
      for (Future<?> w : writes) w.get();
    } finally {
      pool.shutdownNow();
    }
  }

  private static void batchWrite(Stack stack, List<WriteRequest> requests) {
    Map<String, List<WriteRequest>> pending = Map.of(stack.table, requests);
    while (!pending.isEmpty()) {
      Map<String, List<WriteRequest>> now = pending;
      BatchWriteItemResponse response = stack.client.batchWriteItem(r -> r.requestItems(now));
      pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
    }
  }

  // ---- cold starts ------------------------------------------------------------------------------------------------

  private void coldStarts() throws Exception {
    Stack stack = new Stack(Services.systemClock());
    var credentials = Bootstrap.createOrganization(stack.store, Services.systemClock(), "bench", "Bench");
    IngestHandler handler = new IngestHandler(stack.services);
    checkIn(handler, credentials.token(), "cold", "{\"status\":\"ok\"," + HOURLY_CONFIG + "}");
    Path self = coldStartJar();
    Map<String, String> env = Map.of(DynamoClients.ENDPOINT, db.endpoint().toString(), Services.TABLE_NAME, stack.table,
        "AWS_REGION", "us-east-1", "EVENT_BUS_NAME", "bench", "EVENTBRIDGE_ENDPOINT", "http://127.0.0.1:9");
    int runs = Integer.getInteger("coldRuns", 5);
    Path archives = Files.createTempDirectory("cronmon-cds");
    out.printf("%n## Cold start (fresh JVM per run, JVM start to first handled event, median of %d)%n", runs);
    String checkins = "/api/0/organizations/bench/monitors/cold/checkins/";
    String list = "/api/0/organizations/bench/monitors/";
    String[][] functions = {{"bare", ""}, {"ingest", checkins}, {"manage", list}, {"sweeper", ""}, {"alerts", ""}};
    for (ColdStartFlags flags : ColdStartFlags.values()) {
      String java = flags.java();
      if (java == null) {
        out.printf("%s: skipped, no JDK 25 found (set -Djdk25=<its home>)%n", flags.title);
        continue;
      }
      out.printf("%s (%s):%n", flags.title, flags.options.isEmpty() ? "no JVM options" : String.join(" ", flags.options));
      List<String> bareCommand = null;
      for (String[] f : functions) {
        Path jar = f[0].equals("bare") ? null : root.resolve("functions/" + f[0] + "/target/cronmon-" + f[0] + "-0.1.0-SNAPSHOT-lambda.jar");
        if (jar != null && !Files.exists(jar)) {
          out.printf("  %s: %s missing (run mvn package first)%n", f[0], jar);
          continue;
        }
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(flags.options);
        Path archive = archives.resolve(flags.name() + "-" + f[0]);
        if (flags.training != null) {
          // One training run records what the function loaded; the measured runs start from that record.
          List<String> training = new ArrayList<>(command);
          training.add(flags.training + "=" + archive);
          training.addAll(childArguments(f, jar, self, credentials.token()));
          String output = childOutput(training, env);
          if (!Files.exists(archive) || Files.size(archive) == 0) {
            out.printf("  %s: the training run wrote no archive; measured without one. Its output:%n%s%n", f[0], output);
          } else {
            command.add(flags.use + "=" + archive);
          }
        }
        command.addAll(childArguments(f, jar, self, credentials.token()));
        // Classes loaded before the first event, counted once (they do not vary from run to run), as deployed only.
        String classes = flags == ColdStartFlags.AS_DEPLOYED ? ", " + classesLoaded(command, env) + " classes loaded" : "";
        if (jar == null) {
          bareCommand = command;
          out.printf("  bare JVM (empty main): %.0f ms%s%n", median(runs, () -> child(command, env)), classes);
          continue;
        }
        // The machine is shared: each run of the function is followed by a bare run, and the ratio is to those.
        double[] ms = new double[runs];
        double[] bare = new double[runs];
        for (int i = 0; i < runs; i++) {
          ms[i] = child(command, env);
          bare[i] = child(bareCommand, env);
        }
        double function = median(ms);
        double alongside = median(bare);
        out.printf("  %s: %.0f ms, %.1fx bare (%.0f ms, run alternately with it)%s%s; %s %.1f MB%n", f[0], function,
            function / alongside, alongside, classes,
            f[0].equals("ingest") && flags == ColdStartFlags.AS_DEPLOYED ? " (issue 17: <= 6x)" : "",
            jar.getFileName(), Files.size(jar) / 1e6);
      }
    }
  }

  /** The JVM and options a cold start is measured with; {@code training}/{@code use}: a class archive made by one run. */
  enum ColdStartFlags {
    PLAIN("plain JVM", List.of(), null, null, false),
    // template.yaml's JAVA_TOOL_OPTIONS: the C1 compiler only, as AWS advises for short-lived Lambda JVMs
    AS_DEPLOYED("as deployed", List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"), null, null, false),
    APPCDS("as deployed + an AppCDS archive of the classes one run loaded", AS_DEPLOYED.options,
        "-XX:ArchiveClassesAtExit", "-XX:SharedArchiveFile", false),
    // What the JVM alone can do today (JEP 483/514: classes loaded and linked ahead of time); Lambda's java21 can't.
    JDK25_AOT("JDK 25 + an AOT cache of one run", AS_DEPLOYED.options, "-XX:AOTCacheOutput", "-XX:AOTCache", true);

    final String title;
    final List<String> options;
    final String training;
    final String use;
    final boolean jdk25;

    ColdStartFlags(String title, List<String> options, String training, String use, boolean jdk25) {
      this.title = title;
      this.options = options;
      this.training = training;
      this.use = use;
      this.jdk25 = jdk25;
    }

    /** The java launcher: this JVM's, or a JDK 25's ({@code -Djdk25}, else the first /usr/lib/jvm/*25*); null if none. */
    String java() {
      if (!jdk25) return Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String home = System.getProperty("jdk25");
      if (home == null) {
        try (var homes = Files.list(Path.of("/usr/lib/jvm"))) {
          home = homes.filter(p -> p.getFileName().toString().contains("25")).map(Path::toString).sorted().findFirst().orElse(null);
        } catch (IOException e) {
          home = null;
        }
      }
      Path java = home == null ? null : Path.of(home, "bin", "java");
      return java != null && Files.isExecutable(java) ? java.toString() : null;
    }
  }

  /**
   * A jar holding only {@link ColdStart}, the child's main class: the child's class path is then the function's jar and
   * this one, as on Lambda, and only jars (class archives refuse directories and this jar's manifest class path).
   */
  private static Path coldStartJar() throws IOException {
    Path jar = Files.createTempFile("cronmon-coldstart", ".jar");
    String entry = ColdStart.class.getName().replace('.', '/') + ".class";
    try (var in = ColdStart.class.getClassLoader().getResourceAsStream(entry);
         var zip = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
      zip.putNextEntry(new java.util.jar.JarEntry(entry));
      in.transferTo(zip);
      zip.closeEntry();
    }
    return jar;
  }

  private static List<String> childArguments(String[] function, Path jar, Path self, String token) {
    String classPath = jar == null ? self.toString() : jar + File.pathSeparator + self;
    List<String> arguments = new ArrayList<>(List.of("-cp", classPath, ColdStart.class.getName(), function[0]));
    if (!function[1].isEmpty()) arguments.addAll(List.of(function[1], token));
    return arguments;
  }

  /** How many classes the child loads before it exits (-Xlog:class+load, one line a class). */
  private static long classesLoaded(List<String> command, Map<String, String> env) throws Exception {
    Path log = Files.createTempFile("cronmon-classes", ".txt");
    try {
      List<String> logged = new ArrayList<>(command);
      logged.add(1, "-Xlog:class+load=info:file=" + log);
      child(logged, env);
      try (var lines = Files.lines(log)) {
        return lines.filter(l -> l.contains("[class,load]")).count();
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }

  interface Timed {
    double run() throws Exception;
  }

  private static double median(int runs, Timed timed) throws Exception {
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) ms[i] = timed.run();
    return median(ms);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** Runs a child to its end; returns everything it printed. */
  private static String childOutput(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return output;
  }

  /** Milliseconds from starting the process to its "handled" line; fails when the child reports anything else. */
  private static double child(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    long start = System.nanoTime();
    Process process = builder.start();
    StringBuilder output = new StringBuilder();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("handled ")) {
          double ms = (System.nanoTime() - start) / 1e6;
          if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("cold-start child did not exit: " + command);
          }
          if (line.contains("status 5") || line.contains("status 4")) throw new IllegalStateException(line + "\n" + output);
          return ms;
        }
        output.append(line).append('\n');
      }
    }
    throw new IllegalStateException("cold-start child failed: " + command + "\n" + output);
  }
}
