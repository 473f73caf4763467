package dev.cronmon.api;

import dev.cronmon.common.Json;
import dev.cronmon.common.Log;
import dev.cronmon.domain.error.ConflictException;
import dev.cronmon.domain.error.NotFoundException;
import dev.cronmon.domain.error.ValidationException;
import dev.cronmon.domain.store.ConcurrentUpdateException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps method + path to a handler, and errors to responses, each kind explicitly: an {@link ApiException} to its 4xx,
 * the domain's {@link ValidationException} to 400 with its field errors, {@link NotFoundException} to 404,
 * {@link ConflictException} and {@link ConcurrentUpdateException} to 409. Anything else is a bug, never the client's
 * fault: a 500 whose body and log line carry the same error id. Paths match with or without the trailing slash Sentry's
 * URLs carry. As API Gateway routes by method and path, a known path with another method is a 404 like an unknown path.
 * A {@code HEAD} route's answer loses its body here (its handler is the GET one).
 */
public final class Router {
  /** Bodies above this are refused before parsing (413): hostile input is normal input. */
  public static final int MAX_BODY_BYTES = 1 << 20;

  @FunctionalInterface
  public interface Handler {
    ApiResponse handle(ApiRequest request, Map<String, String> params);
  }

  public record Route(String method, String template, Pattern pattern, List<String> names, Handler handler) {}

  /** The answer to a path no route serves with the request's method; API Gateway's own 404 says {"message": "Not Found"}. */
  static final String NOT_FOUND = "The requested resource does not exist";
  private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z_]+)}");
  private final List<Route> routes = new ArrayList<>();
  private final int maxBodyBytes;
  private Consumer<ApiException> refusals = e -> {};

  public Router() {
    this(MAX_BODY_BYTES);
  }

  /** A router whose routes take bodies of at most {@code maxBodyBytes} (as received, before any decompression). */
  public Router(int maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Hears every {@link ApiException} a route answers with (the ingest API counts them as refused check-ins). */
  public Router onRefusal(Consumer<ApiException> listener) {
    this.refusals = listener;
    return this;
  }

  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  public Router add(String method, String template, Handler handler) {
    List<String> names = new ArrayList<>();
    Matcher m = PARAM.matcher(template);
    StringBuilder regex = new StringBuilder("^");
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
      names.add(m.group(1));
      last = m.end();
    }
    String rest = template.substring(last);
    if (rest.endsWith("/")) rest = rest.substring(0, rest.length() - 1);
    regex.append(Pattern.quote(rest)).append("/?$");
    routes.add(new Route(method, template, Pattern.compile(regex.toString()), names, handler));
    return this;
  }

  public List<Route> routes() {
    return List.copyOf(routes);
  }

  public ApiResponse handle(ApiRequest request) {
    try {
      if (request.body() != null && request.body().length > maxBodyBytes) {
        throw ApiException.detail(413, "Request body too large (max " + maxBodyBytes + " bytes)");
      }
      for (Route route : routes) {
        if (!route.method().equalsIgnoreCase(request.method())) continue;
        Matcher m = route.pattern().matcher(request.path());
        if (!m.matches()) continue;
        ApiResponse response = route.handler().handle(request, params(route, m));
        return "HEAD".equalsIgnoreCase(request.method()) ? new ApiResponse(response.status(), response.headers(), "") : response;
      }
      throw ApiException.detail(404, NOT_FOUND);
    } catch (ApiException e) {
      refusals.accept(e);
      ApiResponse response = ApiResponse.json(e.status(), Json.write(e.body()));
      for (Map.Entry<String, String> h : e.headers().entrySet()) response = response.withHeader(h.getKey(), h.getValue());
      return response;
    } catch (ValidationException e) {
      return ApiResponse.json(400, Json.write(e.fieldErrors().isEmpty() ? Map.of("detail", e.getMessage()) : e.fieldErrors()));
    } catch (NotFoundException e) {
      return ApiResponse.json(404, Json.write(Map.of("detail", e.getMessage())));
    } catch (ConflictException | ConcurrentUpdateException e) {
      return ApiResponse.json(409, Json.write(Map.of("detail", e.getMessage())));
    } catch (RuntimeException e) {
      String errorId = UUID.randomUUID().toString();
      Log.error("unhandled error", e, "errorId", errorId, "method", request.method(), "path", request.path());
      return ApiResponse.json(500, Json.write(Map.of("detail", "Internal error", "errorId", errorId)));
    }
  }

  /** The path's parameters, URL-decoded; a malformed escape ({@code %zz}) is the client's error. */
  private static Map<String, String> params(Route route, Matcher m) {
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < route.names().size(); i++) {
      String raw = m.group(i + 1);
      try {
        params.put(route.names().get(i), URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException badEscape) {
        throw ApiException.detail(400, "Malformed request: " + badEscape.getMessage());
      }
    }
    return params;
  }
}
