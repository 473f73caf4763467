package dev.cronmon.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cronmon.common.Json;
import dev.cronmon.common.Log;
import dev.cronmon.domain.hearing.Deafness;
import dev.cronmon.domain.service.Bootstrap;
import dev.cronmon.dynamodb.TableSchema;
import dev.cronmon.dynamodblocal.DynamoDbLocal;
import dev.cronmon.lambda.Services;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.joda.time.DateTime;

/**
 * The functions of template.yaml in one JVM: DynamoDB Local as the store, and an HTTP server (on loopback unless told
 * otherwise) that turns each request into the API Gateway (payload 2.0) event of the function the template routes it
 * to. Like API Gateway, it tells the functions where the client reached cronmon through the {@code Host} and
 * {@code X-Forwarded-Proto} headers of the event: the public URL's, or a trusted reverse proxy's.
 */
public final class LocalStack implements AutoCloseable {
  /** API Gateway's own payload limit; the functions apply their smaller limits themselves. */
  private static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
  private static final String ORGANIZATION = "local";
  private static final ObjectMapper MAPPER = Json.MAPPER;

  /**
   * How to start: {@code host} is the address to listen on; {@code port} 0 picks a free port; {@code publicUrl} is
   * where jobs and browsers reach cronmon (null: this server's own address); {@code trustProxy} takes
   * {@code X-Forwarded-Host}/{@code -Proto} from requests (a reverse proxy's), which are dropped otherwise;
   * {@code dataDir} null means in memory; {@code environment} adds local-only variables to every function (e.g.
   * ALLOW_PRIVATE_ALERT_TARGETS, SMTP_HOST).
   */
  public record Options(String host, int port, URI publicUrl, boolean trustProxy, Path dataDir, Path template, Clock clock,
                        Map<String, String> environment) {
    public Options(int port, Path dataDir, Path template, Clock clock, Map<String, String> environment) {
      this(LOOPBACK, port, null, false, dataDir, template, clock, environment);
    }

    public Options(int port, Path dataDir, Path template, Clock clock) {
      this(port, dataDir, template, clock, Map.of());
    }
  }

  static final String LOOPBACK = "127.0.0.1";

  /** The SNS topic incident events reach the alerts function through (template.yaml's logical id). */
  static final String INCIDENT_TOPIC = "IncidentTopic";

  private record Route(String method, Pattern path, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler, String routeKey) {}

  private final DataDir dataDir;
  private final DynamoDbLocal dynamo;
  private final HttpServer server;
  private final URI publicUrl;
  private final boolean trustProxy;
  /** The address as given: a wildcard 0.0.0.0 is reported by the socket as IPv6's {@code ::}. */
  private final String host;
  private final ExecutorService executor;
  private final Services services;
  private final Bootstrap.Credentials credentials;
  private final List<Route> routes = new ArrayList<>();
  private final LocalEventBus bus;
  private final Clock clock;
  /** Functions with a Schedule event in the template (the sweeper), run by {@link #sweep()} and the scheduler. */
  private final List<RequestHandler<ScheduledEvent, ?>> scheduled = new ArrayList<>();
  private ScheduledExecutorService scheduler;
  private final Map<String, String> localEnvironment = new HashMap<>();
  private final LocalTopic incidentTopic = new LocalTopic(INCIDENT_TOPIC);

  private LocalStack(Options options, DataDir dataDir) throws IOException {
    this.dataDir = dataDir;
    localEnvironment.putAll(localAlertDefaults(options.dataDir()));
    localEnvironment.putAll(options.environment());
    dynamo = dataDir == null ? DynamoDbLocal.inMemory() : DynamoDbLocal.persistent(dataDir.dynamoDir());
    Template template = options.template() != null ? Template.load(options.template()) : bundledTemplate();
    String tableName = tableName(template);
    if (!TableSchema.exists(dynamo.client(), tableName)) TableSchema.createTable(dynamo.client(), tableName);
    clock = options.clock();
    bus = new LocalEventBus(template, options.clock());

    for (Template.Function function : template.functions()) {
      if (function.routes().isEmpty()) continue;
      Services services = Services.from(environment(template, function)::get, options.clock());
      RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = instantiate(function.handlerClass(), services);
      for (Template.HttpRoute r : function.routes()) {
        routes.add(new Route(r.method(), routePattern(r.path()), handler, r.method() + " " + r.path()));
      }
    }
    for (Template.Function function : template.functions()) {
      if (function.schedules().isEmpty()) continue;
      scheduled.add(instantiateScheduled(function.handlerClass(), Services.from(environment(template, function)::get, options.clock())));
    }
    for (String functionId : LocalTopic.subscribedFunctions(template, INCIDENT_TOPIC)) {
      Template.Function function = template.function(functionId);
      incidentTopic.subscribe(instantiateSubscriber(function.handlerClass(), Services.from(environment(template, function)::get, options.clock())));
    }
    // What the bus's rule delivers to the topic reaches the functions the template subscribes to it (the alerts function).
    bus.subscribe(sns -> sns.getRecords().forEach(record -> incidentTopic.publishMessage(record.getSNS().getMessage())));
    services = Services.from(environment(template, template.functions().get(0))::get, options.clock());
    credentials = loadOrBootstrap(dataDir, services, options.clock());
    // Before the first request or tick: check-ins arriving now mark the slots of the downtime unknown (rule U4).
    if (dataDir != null) dataDir.lastCompletedSweep().ifPresent(this::recordDowntime);

    trustProxy = options.trustProxy();
    host = options.host();
    executor = Executors.newFixedThreadPool(serverThreads(Runtime.getRuntime().availableProcessors()));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(options.host()), options.port()), 128);
    server.createContext("/", this::serve);
    server.setExecutor(executor);
    server.start();
    publicUrl = options.publicUrl() != null ? options.publicUrl() : URI.create("http://" + urlHost(publicHost()) + ":" + port());
  }

  /**
   * Threads answering requests. A check-in spends most of its time waiting on its DynamoDB Local round trips (loopback
   * HTTP, then DynamoDB Local's one SQLite thread), not on a CPU, so the pool is sized for waiting: with 2 × cores
   * threads (4 on a 2-core machine) a top-of-hour burst of 1,000 check-ins from 100 clients queued in the server for
   * seconds while the CPUs idled between round trips (docs/benchmarks.md, "Burst on the local stack").
   */
  static int serverThreads(int cores) {
    return Math.max(32, 4 * cores);
  }

  /**
   * Starts a stack; with a data directory, opens it first ({@link DataDir#open}: created, upgraded, or refused with a
   * {@link DataDir.Refused} that says why).
   */
  public static LocalStack start(Options options) {
    DataDir dataDir = options.dataDir() == null ? null : DataDir.open(options.dataDir());
    try {
      return new LocalStack(options, dataDir);
    } catch (IOException e) {
      if (dataDir != null) dataDir.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      if (dataDir != null) dataDir.close();
      throw e;
    }
  }

  /** Where this machine reaches the server: loopback when it listens on every interface. */
  public URI baseUri() {
    InetAddress bound = server.getAddress().getAddress();
    return URI.create("http://" + (bound.isAnyLocalAddress() ? LOOPBACK : urlHost(bound.getHostAddress())) + ":" + port());
  }

  /** Where jobs and browsers reach cronmon (--public-url, else this server's address): DSNs and links use it. */
  public URI publicUrl() {
    return publicUrl;
  }

  /** The address and port the server listens on, e.g. {@code 0.0.0.0:8787}. */
  public String listeningOn() {
    return urlHost(host) + ":" + port();
  }

  /** Whether the server listens on loopback only (else it should sit behind a reverse proxy with TLS). */
  public boolean loopbackOnly() {
    return server.getAddress().getAddress().isLoopbackAddress();
  }

  private int port() {
    return server.getAddress().getPort();
  }

  /** The name of this machine when listening on every interface (the address alone says nothing to a job elsewhere). */
  private String publicHost() {
    InetAddress bound = server.getAddress().getAddress();
    if (!bound.isAnyLocalAddress()) return bound.getHostAddress();
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return LOOPBACK;
    }
  }

  private static String urlHost(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  public Bootstrap.Credentials credentials() {
    return credentials;
  }

  /** The DSN a Sentry SDK is configured with to send check-ins here (at the public URL). */
  public String dsn() {
    return publicUrl.getScheme() + "://" + credentials.publicKey() + "@" + publicUrl.getRawAuthority() + "/" + credentials.projectId();
  }

  /**
   * The tick of the last sweep that completed on this stack's data directory (in this run or an earlier one); empty
   * in memory and before the first. After downtime, the slots between it and the first tick of the new run passed
   * while nothing swept.
   */
  public Optional<Instant> lastCompletedSweep() {
    return dataDir == null ? Optional.empty() : dataDir.lastCompletedSweep();
  }

  /**
   * Records that this stack could not hear check-ins from {@code lastCompletedTick} (the last sweep tick that completed
   * before it stopped, as its data directory recorded it) until now (docs/semantics.md rule U4): the slots and runs whose
   * wait overlaps that time are marked `unknown` by the sweeper and by late check-ins, so a machine rebooted for two
   * hours pages no one for them. Done at start, before the server takes requests.
   */
  private void recordDowntime(Instant lastCompletedTick) {
    Instant now = clock.instant();
    if (!now.isAfter(lastCompletedTick)) return;
    services.hearingLog().recordDeaf(new Deafness.Period(lastCompletedTick, now), "local stack down");
    Log.info("local stack was down: slots and runs awaited meanwhile will be unknown", "since", lastCompletedTick.toString(),
        "until", now.toString());
  }

  /** Whether channels may use http and loopback/private addresses (started with --allow-loopback-alerts). */
  public boolean allowsLoopbackAlerts() {
    return "true".equalsIgnoreCase(localEnvironment.get("ALLOW_PRIVATE_ALERT_TARGETS"));
  }

  /** The in-process topic: publishing an incident event runs the alerts function on it. */
  public LocalTopic incidentTopic() {
    return incidentTopic;
  }

  public DynamoDbLocal dynamo() {
    return dynamo;
  }

  /** The stack's store and clock, for tooling and tests that set up data the API cannot (a second organization). */
  public Services services() {
    return services;
  }

  /**
   * One tick of every scheduled function (the sweeper) with the stack's clock, as EventBridge's {@code rate(1 minute)}
   * would invoke it. Tests call it after moving their clock; {@link #startScheduler()} calls it every minute.
   */
  public void sweep() {
    Instant tick = clock.instant();
    ScheduledEvent event = new ScheduledEvent()
        .withId(UUID.randomUUID().toString())
        .withVersion("0")
        .withDetailType("Scheduled Event")
        .withSource("aws.events")
        .withAccount(LocalEventBus.ACCOUNT)
        .withRegion(LocalEventBus.REGION)
        .withTime(new DateTime(tick.toEpochMilli()))
        .withResources(List.of())
        .withDetail(Map.of());
    for (RequestHandler<ScheduledEvent, ?> handler : scheduled) handler.handleRequest(event, null);
    if (dataDir != null) dataDir.recordCompletedSweep(tick);
  }

  /** Runs {@link #sweep()} at every wall-clock minute boundary, in the background (the stack started by Main). */
  public synchronized void startScheduler() {
    if (scheduler != null) return;
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "local-scheduler");
      t.setDaemon(true);
      return t;
    });
    scheduleNextTick();
  }

  private void scheduleNextTick() {
    long now = System.currentTimeMillis();
    long delay = 60_000 - now % 60_000;
    scheduler.schedule(() -> {
      try {
        sweep();
      } catch (RuntimeException e) {
        Log.error("scheduled sweep failed", e);
      }
      scheduleNextTick();
    }, delay, TimeUnit.MILLISECONDS);
  }

  /**
   * Receives each message the template's SNS topics get, as the {@link SNSEvent} a subscribed Lambda function would:
   * incident events, wrapped as EventBridge delivers them to the topic.
   */
  public void subscribe(Consumer<SNSEvent> subscriber) {
    bus.subscribe(subscriber);
  }

  @Override
  public void close() {
    ScheduledExecutorService ticking;
    synchronized (this) {
      ticking = scheduler;
    }
    if (ticking != null) {
      // A sweep under way finishes (its writes and log lines come before "stopped"); an interrupted one would leave a
      // half-counted tick and an error line behind.
      ticking.shutdown();
      try {
        if (!ticking.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) ticking.shutdownNow();
      } catch (InterruptedException e) {
        ticking.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    server.stop(0);
    executor.shutdownNow();
    bus.close();
    dynamo.close();
    if (dataDir != null) dataDir.close();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_REQUEST_BYTES + 1);
      }
      if (body.length > MAX_REQUEST_BYTES) {
        respond(exchange, 413, Map.of("Content-Type", "application/json"), "{\"message\":\"Request Entity Too Large\"}");
        return;
      }
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String path = exchange.getRequestURI().getRawPath();
      Route route = routes.stream().filter(r -> r.method().equals(method) && r.path().matcher(path).matches()).findFirst().orElse(null);
      if (route == null) {
        respond(exchange, 404, Map.of("Content-Type", "application/json"), "{\"message\":\"Not Found\"}");
        return;
      }
      APIGatewayV2HTTPResponse response = route.handler().handleRequest(event(exchange, route, method, path, body), null);
      String responseBody = response.getBody() == null ? "" : response.getBody();
      if (response.getIsBase64Encoded()) responseBody = new String(Base64.getDecoder().decode(responseBody), StandardCharsets.UTF_8);
      respond(exchange, response.getStatusCode(), response.getHeaders() == null ? Map.of() : response.getHeaders(), responseBody);
    } catch (RuntimeException e) {
      Log.error("local stack failed to serve a request", e);
      respond(exchange, 500, Map.of("Content-Type", "application/json"), "{\"message\":\"Internal Server Error\"}");
    }
  }

  private APIGatewayV2HTTPEvent event(HttpExchange exchange, Route route, String method, String path, byte[] body) {
    Map<String, String> headers = headers(exchange);
    // API Gateway base64-encodes bodies it cannot pass as text; doing it always keeps binary (gzip) bodies intact.
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey(route.routeKey())
        .withRawPath(path)
        .withRawQueryString(exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery())
        .withHeaders(headers)
        .withBody(Base64.getEncoder().encodeToString(body))
        .withIsBase64Encoded(true)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method)
                .withPath(path)
                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                .build())
            .build())
        .build();
  }

  /**
   * The request's headers as API Gateway passes them, with {@code Host} and {@code X-Forwarded-Proto} saying where the
   * client reached cronmon: the public URL's, or with --trust-proxy the proxy's {@code X-Forwarded-Host}/{@code -Proto}
   * where it sends them. Without --trust-proxy, forwarding headers from clients are dropped: anyone could send them.
   */
  private Map<String, String> headers(HttpExchange exchange) {
    Map<String, String> headers = new HashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
    String forwardedHost = trustProxy ? first(headers.get("x-forwarded-host")) : null;
    String forwardedProto = trustProxy ? first(headers.get("x-forwarded-proto")) : null;
    if (!trustProxy) headers.keySet().removeIf(name -> name.startsWith("x-forwarded-") || name.equals("forwarded"));
    headers.put("host", forwardedHost != null ? forwardedHost : publicUrl.getRawAuthority());
    headers.put("x-forwarded-proto", forwardedProto != null ? forwardedProto : publicUrl.getScheme());
    return headers;
  }

  /** The first of a comma-separated header's values (the hop nearest the client), or null. */
  private static String first(String value) {
    if (value == null) return null;
    String first = value.split(",", 2)[0].strip();
    return first.isEmpty() ? null : first;
  }

  private static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** API Gateway route paths: `{name}` is one segment, `{name+}` the rest; the trailing slash is optional here. */
  static Pattern routePattern(String path) {
    String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    StringBuilder regex = new StringBuilder("^");
    for (String part : base.split("(?=\\{)|(?<=})")) {
      if (part.startsWith("{") && part.endsWith("+}")) regex.append(".+");
      else if (part.startsWith("{")) regex.append("[^/]+");
      else regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.append("/?$").toString());
  }

  /** A function's environment variables from the template, with references resolved to the local resources. */
  private Map<String, String> environment(Template template, Template.Function function) {
    Map<String, String> env = new HashMap<>();
    function.environment().forEach((name, value) -> env.put(name, resolve(template, value)));
    env.put("DYNAMODB_ENDPOINT", dynamo.endpoint().toString());
    env.put("EVENTBRIDGE_ENDPOINT", bus.endpoint().toString());
    env.put("AWS_REGION", "us-east-1");
    env.putAll(localEnvironment);
    return env;
  }

  private static String resolve(Template template, Object value) {
    if (value instanceof Map<?, ?> m && m.containsKey("Ref")) {
      String ref = String.valueOf(m.get("Ref"));
      Map<String, Object> parameter = Template.map(Template.map(template.root().get("Parameters")).get(ref));
      if (!parameter.isEmpty()) return String.valueOf(parameter.get("Default"));
      Map<String, Object> resource = Template.map(Template.map(template.root().get("Resources")).get(ref));
      if (!resource.isEmpty()) return ref; // the local stack names each resource after its logical id
      throw new IllegalStateException("template reference to unknown " + ref);
    }
    if (value instanceof Map<?, ?>) return null; // other intrinsics (ARNs, URLs) have no local meaning
    return String.valueOf(value);
  }

  private static String tableName(Template template) {
    return Template.map(template.root().get("Resources")).entrySet().stream()
        .filter(e -> "AWS::DynamoDB::Table".equals(Template.map(e.getValue()).get("Type")))
        .map(Map.Entry::getKey).findFirst()
        .orElseThrow(() -> new IllegalStateException("template.yaml defines no DynamoDB table"));
  }

  @SuppressWarnings("unchecked")
  private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> instantiate(String className, Services services) {
    try {
      return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
          Class.forName(className).getConstructor(Services.class).newInstance(services);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("template.yaml names handler " + className + " which cannot be built from Services", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static RequestHandler<ScheduledEvent, ?> instantiateScheduled(String className, Services services) {
    try {
      return (RequestHandler<ScheduledEvent, ?>) Class.forName(className).getConstructor(Services.class).newInstance(services);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("template.yaml names handler " + className + " which cannot be built from Services", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static RequestHandler<SNSEvent, ?> instantiateSubscriber(String className, Services services) {
    try {
      return (RequestHandler<SNSEvent, ?>) Class.forName(className).getConstructor(Services.class).newInstance(services);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("template.yaml names handler " + className + " which cannot be built from Services", e);
    }
  }

  /** Email has no SES here: .eml files in the data directory (or a temporary one) unless SMTP is configured. */
  private static Map<String, String> localAlertDefaults(Path dataDir) throws IOException {
    Path outbox = dataDir == null ? Files.createTempDirectory("cronmon-outbox") : dataDir.resolve(DataDir.OUTBOX);
    return Map.of("EMAIL_TRANSPORT", "outbox", "EMAIL_OUTBOX_DIR", outbox.toAbsolutePath().toString());
  }

  private static Template bundledTemplate() {
    try (InputStream in = LocalStack.class.getResourceAsStream("/template.yaml")) {
      if (in == null) throw new IllegalStateException("template.yaml is not bundled in this jar; pass --template");
      return Template.parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Bootstrap.Credentials loadOrBootstrap(DataDir dataDir, Services services, Clock clock) throws IOException {
    Path file = dataDir == null ? null : dataDir.credentialsFile();
    if (file != null && Files.exists(file)) return MAPPER.readValue(file.toFile(), Bootstrap.Credentials.class);
    Bootstrap.Credentials created = Bootstrap.createOrganization(services.store(), clock, ORGANIZATION, "Local");
    if (file != null) MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), created);
    return created;
  }
}
