package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import dev.cronmon.domain.time.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * --public-url and --trust-proxy over real HTTP: the DSNs the API answers with name the public URL, whatever Host and
 * X-Forwarded-* headers a client sends, unless the stack trusts the proxy in front of it.
 */
class PublicUrlTest {
  private static final URI PUBLIC = URI.create("https://cron.example.com");

  private static LocalStack start(URI publicUrl, boolean trustProxy) {
    return LocalStack.start(new LocalStack.Options(LocalStack.LOOPBACK, 0, publicUrl, trustProxy, null, null,
        MutableClock.at("2026-03-02T10:00:00Z"), Map.of()));
  }

  /** The DSN of the stack's default key, as the project keys route answers it to a request with {@code headers}. */
  private static String keyDsn(LocalStack stack, String... headers) {
    var c = stack.credentials();
    Http.Answer keys = Http.send(stack, "GET", "/api/0/projects/" + c.organization() + "/" + c.projectId() + "/keys/", c.token(), null, headers);
    assertThat(keys.status()).as(keys.body()).isEqualTo(200);
    return keys.json().get(0).get("dsn").get("public").asText();
  }

  @Test
  void publicUrl_namesTheDsn_inTheApiAndTheBanner_andForwardedHeadersFromClientsAreIgnored() {
    try (LocalStack stack = start(PUBLIC, false)) {
      var c = stack.credentials();
      String expected = "https://" + c.publicKey() + "@cron.example.com/" + c.projectId();

      assertThat(stack.dsn()).isEqualTo(expected);
      assertThat(keyDsn(stack)).isEqualTo(expected);
      assertThat(keyDsn(stack, "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "http")).isEqualTo(expected);
      String banner = Banner.text(stack, null, 1);
      assertThat(banner).contains("DSN:           " + expected)
          .contains("dashboard:     https://cron.example.com/ ")
          .contains("curl -s -X POST https://cron.example.com/api/0/organizations/local/monitors/my-job/checkins/")
          .contains("listening on:  127.0.0.1:" + stack.baseUri().getPort())
          .doesNotContain("http://127.0.0.1");
      Http.Answer created = Http.send(stack, "POST", "/api/0/projects/" + c.organization() + "/" + c.projectId() + "/keys/",
          c.token(), "{\"name\":\"second\"}", "X-Forwarded-Host", "evil.example");
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      assertThat(created.json().get("dsn").get("public").asText()).startsWith("https://").endsWith("@cron.example.com/" + c.projectId());
    }
  }

  @Test
  void hostHeaderFromAClient_isIgnored_withoutTrustProxy() throws IOException {
    try (LocalStack stack = start(PUBLIC, false)) {
      var c = stack.credentials();
      // HttpClient will not send a Host of our choosing: a raw request does.
      JsonNode keys = Json.parse(rawGet(stack, "/api/0/projects/local/" + c.projectId() + "/keys/", "evil.example:666", c.token())
          .getBytes(StandardCharsets.UTF_8));
      assertThat(keys.get(0).get("dsn").get("public").asText()).isEqualTo(stack.dsn()).contains("@cron.example.com/");
    }
  }

  @Test
  void trustProxy_takesForwardedHostAndProto_andFallsBackToThePublicUrl() {
    try (LocalStack stack = start(PUBLIC, true)) {
      var c = stack.credentials();

      assertThat(keyDsn(stack, "X-Forwarded-Host", "cron.internal.example", "X-Forwarded-Proto", "https, http"))
          .isEqualTo("https://" + c.publicKey() + "@cron.internal.example/" + c.projectId());
      assertThat(keyDsn(stack)).isEqualTo("https://" + c.publicKey() + "@cron.example.com/" + c.projectId());
    }
  }

  @Test
  void withoutPublicUrl_theDsnIsTheServersOwnAddress() {
    try (LocalStack stack = start(null, false)) {
      var c = stack.credentials();
      String expected = "http://" + c.publicKey() + "@127.0.0.1:" + stack.baseUri().getPort() + "/" + c.projectId();

      assertThat(stack.publicUrl()).isEqualTo(stack.baseUri());
      assertThat(stack.loopbackOnly()).isTrue();
      assertThat(stack.dsn()).isEqualTo(expected);
      assertThat(keyDsn(stack, "X-Forwarded-Proto", "https")).isEqualTo(expected);
    }
  }

  private static String rawGet(LocalStack stack, String path, String host, String token) throws IOException {
    try (Socket socket = new Socket(stack.baseUri().getHost(), stack.baseUri().getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 200");
      String body = response.substring(response.indexOf("\r\n\r\n") + 4);
      // the JDK server answers with a fixed length here; tolerate chunked framing all the same
      return body.startsWith("[") ? body : body.substring(body.indexOf('['), body.lastIndexOf(']') + 1);
    }
  }
}
