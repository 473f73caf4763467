package dev.cronmon.lambda;

import dev.cronmon.api.ApiRequest;
import dev.cronmon.api.ApiResponse;
import dev.cronmon.common.Log;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots an initialised function, run its hot path once (router, JSON, auth with a
 * DynamoDB read; a sweep; an incident event's delivery) so the classes are loaded and the TLS/HTTP client is warm in
 * the snapshot. Each priming is built so that it reads and never writes, publishes or sends: an HTTP request carries a
 * token that cannot exist, the sweeper sweeps at a time before anything was due, the alerts function delivers an event
 * no alert rule can match.
 *
 * @param <T> what one run answers (logged, and asserted by the tests)
 */
public final class Priming<T> implements Resource {
  private static final String NO_SUCH_TOKEN = "Bearer cronmon_priming_request_never_a_real_token";

  private final String what;
  private final Supplier<T> work;
  private final Function<T, Object> summary;

  private Priming(String what, Supplier<T> work, Function<T, Object> summary) {
    this.what = what;
    this.work = work;
    this.summary = summary;
  }

  /** Priming of {@code api} with a harmless {@code method path} request. */
  public static Priming<ApiResponse> of(Function<ApiRequest, ApiResponse> api, String method, String path) {
    ApiRequest request = new ApiRequest(method, path,
        Map.of("authorization", NO_SUCH_TOKEN, "content-type", "application/json"), Map.of(),
        "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
    return new Priming<>(path, () -> api.apply(request), ApiResponse::status);
  }

  /** Priming with {@code work}, which must have no side effects; {@code what} names it in the log. */
  public static <T> Priming<T> of(String what, Supplier<T> work) {
    return new Priming<>(what, work, result -> result);
  }

  /** Runs before each SnapStart checkpoint (org.crac keeps only a weak reference: the handler holds this). */
  public Priming<T> register() {
    Core.getGlobalContext().register(this);
    return this;
  }

  /** Runs the priming now; failures are logged and swallowed (null): priming must never break a deployment. */
  public T prime() {
    try {
      T result = work.get();
      Log.info("primed", "what", what, "result", String.valueOf(summary.apply(result)));
      return result;
    } catch (RuntimeException e) {
      Log.warn("priming failed", "what", what, "error", e.toString());
      return null;
    }
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    prime();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to refresh: clients re-establish connections on first use.
  }
}
