package dev.cronmon.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps method + path to a handler and errors to responses: an {@link ApiException} to its 4xx, anything unexpected
 * to a 500 that is logged. Paths match with or without the trailing slash Sentry's URLs carry.
 */
public final class Router {
  /** Bodies above this are refused before parsing (413); DESIGN.md "Hostile input is normal input". */
  public static final int MAX_BODY_BYTES = 1 << 20;

  @FunctionalInterface
  public interface Handler {
    ApiResponse handle(ApiRequest request, Map<String, String> params);
  }

  public record Route(String method, String template, Pattern pattern, List<String> names, Handler handler) {}

  private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z_]+)}");
  private final List<Route> routes = new ArrayList<>();
  private final int maxBodyBytes;

  public Router() {
    this(MAX_BODY_BYTES);
  }

  /** A router whose routes take bodies of at most {@code maxBodyBytes} (as received, before any decompression). */
  public Router(int maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
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
      boolean pathMatched = false;
      for (Route route : routes) {
        Matcher m = route.pattern().matcher(request.path());
        if (!m.matches()) continue;
        pathMatched = true;
        if (!route.method().equalsIgnoreCase(request.method())) continue;
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < route.names().size(); i++) {
          params.put(route.names().get(i), URLDecoder.decode(m.group(i + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return route.handler().handle(request, params);
      }
      throw pathMatched ? ApiException.detail(405, "Method \"" + request.method() + "\" not allowed.")
          : ApiException.detail(404, "The requested resource does not exist");
    } catch (ApiException e) {
      ApiResponse response = ApiResponse.json(e.status(), Json.write(e.body()));
      for (Map.Entry<String, String> h : e.headers().entrySet()) response = response.withHeader(h.getKey(), h.getValue());
      return response;
    } catch (IllegalArgumentException e) {
      // URLDecoder and friends reject malformed escapes: the client's fault.
      return ApiResponse.json(400, Json.write(Map.of("detail", "Malformed request: " + e.getMessage())));
    } catch (RuntimeException e) {
      Log.error("unhandled error", e, "method", request.method(), "path", request.path());
      return ApiResponse.json(500, Json.write(Map.of("detail", "Internal error")));
    }
  }
}
