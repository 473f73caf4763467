package dev.cronmon.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import dev.cronmon.domain.time.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
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

  /** Every item of the table, to assert that a refused request wrote nothing. */
  protected List<Map<String, AttributeValue>> tableItems() {
    return stack.dynamo().client().scanPaginator(ScanRequest.builder().tableName("CronmonTable").consistentRead(true).build())
        .items().stream().toList();
  }
}
