package dev.cronmon.api;

import dev.cronmon.domain.monitor.FieldErrors;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.processing.Problem;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A client error with the status and JSON body to answer; the router turns it into the response. A refused check-in
 * also says why as processing-error {@link #problems()} (and its {@link #monitor()} when it has one), which the
 * Sentry endpoints record instead of answering the error (docs/semantics.md rule E1).
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final Object body;
  private final Map<String, String> headers;
  private final List<Problem> problems;
  private final Monitor monitor;

  private ApiException(int status, Object body, Map<String, String> headers) {
    this(status, body, headers, List.of(), null);
  }

  private ApiException(int status, Object body, Map<String, String> headers, List<Problem> problems, Monitor monitor) {
    super(String.valueOf(body), null, false, false);
    this.status = status;
    this.body = body;
    this.headers = headers;
    this.problems = List.copyOf(problems);
    this.monitor = monitor;
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
    return new ApiException(status, body, Map.copyOf(all), problems, monitor);
  }

  /** The same refusal of a check-in, saying why as processing errors; {@code monitor} null when it names none that exists. */
  public ApiException dropping(Monitor monitor, List<Problem> why) {
    return new ApiException(status, body, headers, why, monitor);
  }

  public ApiException dropping(Monitor monitor, Problem why) {
    return dropping(monitor, List.of(why));
  }

  /** Why a refused check-in was refused, as processing errors; empty for any other error. */
  public List<Problem> problems() {
    return problems;
  }

  /** The existing monitor a refused check-in was for, or null. */
  public Monitor monitor() {
    return monitor;
  }

  /**
   * The reason the operator metrics count a refused check-in under (docs/operations.md, "Metrics"): the processing-error
   * type of its first problem when it has one, else what the request was refused for, by status.
   */
  public String refusalReason() {
    if (!problems.isEmpty()) return problems.get(0).type().name().toLowerCase(Locale.ROOT);
    return switch (status) {
      case 400 -> "invalid_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 413 -> "too_large";
      case 429 -> "rate_limited";
      default -> "http_" + status;
    };
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
