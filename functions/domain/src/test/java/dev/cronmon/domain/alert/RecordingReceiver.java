package dev.cronmon.domain.alert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for a third-party receiver (Slack, PagerDuty, a customer's webhook): an HTTP server on loopback that
 * records every request and answers from a script (then 200 by default). Shared with other modules as a test-jar.
 */
public final class RecordingReceiver implements AutoCloseable {
  public record Request(String method, String path, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  public record Answer(int status, String body, Map<String, String> headers) {
    public static Answer of(int status) {
      return new Answer(status, "", Map.of());
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
  private volatile Answer fallback = new Answer(200, "ok", Map.of());

  public RecordingReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      try (exchange; InputStream in = exchange.getRequestBody()) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
            new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        Answer answer = script.poll();
        if (answer == null) answer = fallback;
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        }
      }
    });
    server.start();
  }

  /** The next requests get these answers, in order; after them, the fallback. */
  public RecordingReceiver answer(Answer... answers) {
    script.addAll(List.of(answers));
    return this;
  }

  public RecordingReceiver answerAlways(Answer answer) {
    fallback = answer;
    return this;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public List<Request> requests() {
    return new ArrayList<>(requests);
  }

  public void reset() {
    requests.clear();
    script.clear();
    fallback = new Answer(200, "ok", Map.of());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
