package dev.cronmon.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronmon.api.ApiRequest;
import dev.cronmon.api.ApiResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** API Gateway HTTP API (payload 2.0) events to and from the API's requests and responses. */
public final class HttpEvents {
  private HttpEvents() {}

  public static ApiRequest toRequest(APIGatewayV2HTTPEvent event) {
    Map<String, String> headers = new HashMap<>();
    if (event.getHeaders() != null) event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
        ? event.getRequestContext().getHttp().getMethod() : "GET";
    byte[] body = event.getBody() == null ? new byte[0]
        : event.getIsBase64Encoded() ? decodeBase64(event.getBody()) : event.getBody().getBytes(StandardCharsets.UTF_8);
    return new ApiRequest(method, event.getRawPath() == null ? "/" : event.getRawPath(), headers, query(event.getRawQueryString()), body);
  }

  public static APIGatewayV2HTTPResponse toResponse(ApiResponse response) {
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(response.status())
        .withHeaders(response.headers())
        .withBody(response.body())
        .withIsBase64Encoded(false)
        .build();
  }

  /** The first value of each parameter, as Sentry reads them; malformed escapes are kept literally. */
  public static Map<String, String> query(String raw) {
    Map<String, String> query = new HashMap<>();
    if (raw == null || raw.isEmpty()) return query;
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      query.putIfAbsent(key, value);
    }
    return query;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static byte[] decodeBase64(String body) {
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      return body.getBytes(StandardCharsets.UTF_8);
    }
  }
}
