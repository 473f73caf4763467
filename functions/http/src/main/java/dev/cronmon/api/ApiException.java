package dev.cronmon.api;

import dev.cronmon.domain.monitor.FieldErrors;
import java.util.Map;

/** A client error with the status and JSON body to answer; the router turns it into the response. */
public final class ApiException extends RuntimeException {
  private final int status;
  private final Object body;
  private final Map<String, String> headers;

  private ApiException(int status, Object body, Map<String, String> headers) {
    super(String.valueOf(body), null, false, false);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }

  public static ApiException detail(int status, String detail) {
    return new ApiException(status, Map.of("detail", detail), Map.of());
  }

  public static ApiException detail(int status, String detail, Map<String, String> headers) {
    return new ApiException(status, Map.of("detail", detail), headers);
  }

  public static ApiException fields(FieldErrors errors) {
    return new ApiException(400, errors.asMap(), Map.of());
  }

  public static ApiException notFound(String what) {
    return detail(404, what + " not found");
  }

  /** The same refusal with more response headers (added to, or replacing, its own). */
  public ApiException withHeaders(Map<String, String> more) {
    Map<String, String> all = new java.util.LinkedHashMap<>(headers);
    all.putAll(more);
    return new ApiException(status, body, Map.copyOf(all));
  }

  public int status() {
    return status;
  }

  public Object body() {
    return body;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
