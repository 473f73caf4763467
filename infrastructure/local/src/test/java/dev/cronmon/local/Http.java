package dev.cronmon.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Requests to a stack started by the test itself (not {@link LocalStackTestBase}'s), over real HTTP. */
final class Http {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  record Answer(int status, String body) {
    JsonNode json() {
      return Json.parse(body.getBytes(StandardCharsets.UTF_8));
    }
  }

  private Http() {}

  /** {@code headers} are name, value pairs; the token, when not null, goes in as a bearer token. */
  static Answer send(LocalStack stack, String method, String path, String token, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.baseUri() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) b.header("Authorization", "Bearer " + token);
    if (body != null) b.header("Content-Type", "application/json");
    for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Answer get(LocalStack stack, String path, String token) {
    return send(stack, "GET", path, token, null);
  }
}
