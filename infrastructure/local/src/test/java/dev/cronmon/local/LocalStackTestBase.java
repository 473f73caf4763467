package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import dev.cronmon.domain.time.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import dev.cronmon.domain.processing.ProcessingErrorType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Local integration layer: needs only a JVM. Starts the local stack (DynamoDB Local in memory, the handlers of
 * template.yaml, an HTTP server on a free loopback port) once per class, with a clock the tests move.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LocalStackTestBase {
  protected final MutableClock clock = MutableClock.at("2026-03-02T10:00:00Z");
  protected LocalStack stack;
  protected String token;
  protected String org;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void startStack() {
    stack = LocalStack.start(new LocalStack.Options(0, null, null, clock, stackEnvironment()));
    token = stack.credentials().token();
    org = stack.credentials().organization();
  }

  /** Local-only variables for the functions (e.g. ALLOW_PRIVATE_ALERT_TARGETS); none by default. */
  protected Map<String, String> stackEnvironment() {
    return Map.of();
  }

  @AfterAll
  void stopStack() {
    stack.close();
  }

  protected record Response(int status, Map<String, List<String>> headers, String body) {
    JsonNode json() {
      return Json.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  protected Response send(String method, String path, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.baseUri() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return send(b.build());
  }

  protected Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An API call as the stack's bootstrap admin. */
  protected Response api(String method, String path, String body) {
    return send(method, path, body, "Authorization", "Bearer " + token, "Content-Type", "application/json");
  }

  protected String orgPath(String rest) {
    return "/api/0/organizations/" + org + rest;
  }

  /** {@code field} of every element of the JSON array a GET of {@code path} answers (as the bootstrap admin). */
  protected List<String> eachOf(String path, String field) {
    Response r = api("GET", path, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<String> out = new java.util.ArrayList<>();
    r.json().forEach(e -> out.add(e.get(field).asText()));
    return out;
  }

  /** Every item of the table, to assert that a refused request wrote nothing. */
  /** A function's services on the stack's table, with {@code extra} environment variables. */
  protected dev.cronmon.lambda.Services services(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of("TABLE_NAME", "CronmonTable", "AWS_REGION", "us-east-1",
        "DYNAMODB_ENDPOINT", stack.dynamo().endpoint().toString()));
    env.putAll(extra);
    return dev.cronmon.lambda.Services.from(env::get, clock);
  }

  protected List<Map<String, AttributeValue>> tableItems() {
    return stack.dynamo().client().scanPaginator(ScanRequest.builder().tableName("CronmonTable").consistentRead(true).build())
        .items().stream().toList();
  }

  /** The items that differ from {@code before} are a processing error and its list's counter; the error is listed with {@code type}. */
  protected JsonNode assertOnlyAProcessingErrorWritten(List<Map<String, AttributeValue>> before, ProcessingErrorType type) {
    Map<String, Map<String, AttributeValue>> was = byKey(before);
    Map<String, Map<String, AttributeValue>> now = byKey(tableItems());
    Set<String> keys = new HashSet<>(was.keySet());
    keys.addAll(now.keySet());
    List<Map<String, AttributeValue>> changed = keys.stream().filter(k -> !Objects.equals(was.get(k), now.get(k)))
        .map(k -> now.getOrDefault(k, was.get(k))).toList();
    assertThat(changed).as("written for a refused check-in").extracting(i -> i.get("kind").s())
        .containsExactlyInAnyOrder("processing-error", "processing-error-counter");
    Map<String, AttributeValue> error = changed.stream().filter(i -> i.get("kind").s().equals("processing-error")).findFirst().orElseThrow();
    String id = error.get("id").s().replace("-", "");
    String pk = error.get("PK").s();
    String listPath = pk.startsWith("PROJECT#") ? "/api/0/projects/" + org + "/" + pk.substring("PROJECT#".length()) + "/processing-errors/"
        : orgPath("/monitors/" + slugOfMonitorId(pk.substring("MON#".length())) + "/processing-errors/");
    Response listed = api("GET", listPath, null);
    assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    for (JsonNode e : listed.json()) {
      if (!e.get("id").asText().equals(id)) continue;
      assertThat(e.get("errors").get(0).get("type").asInt()).as(e.toString()).isEqualTo(type.code());
      assertThat(e.get("errors").get(0).get("name").asText()).isEqualTo(type.name());
      assertThat(e.get("checkin").get("ts").asText()).isEqualTo(clock.instant().toString());
      return e;
    }
    throw new AssertionError("processing error " + id + " not listed in " + listed.body());
  }

  private String slugOfMonitorId(String monitorId) {
    return stack.services().store().monitorsById(List.of(monitorId)).get(monitorId).slug();
  }

  private static Map<String, Map<String, AttributeValue>> byKey(List<Map<String, AttributeValue>> items) {
    Map<String, Map<String, AttributeValue>> out = new HashMap<>();
    for (Map<String, AttributeValue> i : items) out.put(i.get("PK").s() + "|" + i.get("SK").s(), i);
    return out;
  }
}
