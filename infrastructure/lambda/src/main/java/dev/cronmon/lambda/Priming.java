package dev.cronmon.lambda;

import dev.cronmon.api.ApiRequest;
import dev.cronmon.api.ApiResponse;
import dev.cronmon.api.Log;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots an initialised function, run one request through the whole path
 * (router, JSON, auth with a DynamoDB read) so the classes are loaded and the TLS/HTTP client is warm in the snapshot.
 * The request carries a token that cannot exist, so it reads and never writes.
 */
public final class Priming implements Resource {
  private static final String NO_SUCH_TOKEN = "Bearer cronmon_priming_request_never_a_real_token";

  private final Function<ApiRequest, ApiResponse> api;
  private final ApiRequest request;

  private Priming(Function<ApiRequest, ApiResponse> api, ApiRequest request) {
    this.api = api;
    this.request = request;
  }

  /** Priming of {@code api} with a harmless {@code method path} request. */
  public static Priming of(Function<ApiRequest, ApiResponse> api, String method, String path) {
    return new Priming(api, new ApiRequest(method, path,
        Map.of("authorization", NO_SUCH_TOKEN, "content-type", "application/json"), Map.of(),
        "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8)));
  }

  /** Runs before each SnapStart checkpoint (org.crac keeps only a weak reference: the handler holds this). */
  public Priming register() {
    Core.getGlobalContext().register(this);
    return this;
  }

  /** Runs the priming request now; failures are logged and swallowed: priming must never break a deployment. */
  public ApiResponse prime() {
    try {
      ApiResponse response = api.apply(request);
      Log.info("primed", "path", request.path(), "status", response.status());
      return response;
    } catch (RuntimeException e) {
      Log.warn("priming failed", "error", e.toString());
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
