package dev.cronmon.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.domain.checkin.CheckInCommand;
import dev.cronmon.domain.checkin.CheckInResult;
import dev.cronmon.domain.checkin.CheckInService;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.monitor.EnvironmentName;
import dev.cronmon.domain.monitor.FieldErrors;
import dev.cronmon.domain.monitor.MonitorService;
import dev.cronmon.domain.monitor.Slug;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What every check-in path shares once its wire format is parsed: validate, normalise the slug, upsert the monitor
 * (rule 7), run the state machine, and turn refusals into 4xx {@link ApiException}s. Nothing is written before all
 * input is validated.
 */
public final class CheckInIntake {
  /** Durations above this are nonsense (over 10 years), not a job. */
  private static final long MAX_DURATION_MS = 10L * 366 * 24 * 3600 * 1000;

  private final MonitorService monitors;
  private final CheckInService checkIns;

  public CheckInIntake(MonitorService monitors, CheckInService checkIns) {
    this.monitors = monitors;
    this.checkIns = checkIns;
  }

  /** One check-in after wire parsing; {@code id} null = the newest open run, else a new check-in. */
  public record Submission(String organization, String projectId, String monitorSlug, String status, UUID id,
                           String environment, Long durationMs, JsonNode monitorConfig, String traceId) {}

  /** The accepted check-in and any problem with a `monitor_config` that was not applied. */
  public record Accepted(UUID id, String monitorSlug, CheckInResult.Outcome outcome, FieldErrors configErrors) {}

  public Accepted submit(Submission s) {
    FieldErrors errors = new FieldErrors();
    String slug = Slug.normalize(s.monitorSlug());
    Slug.problem(slug).ifPresent(p -> errors.add("monitor_slug", p));
    CheckInStatus status = CheckInStatus.fromClient(s.status()).orElse(null);
    if (status == null) errors.add("status", s.status() == null ? "This field is required." : "\"" + Requests.truncate(s.status()) + "\" is not a valid choice.");
    String environment = EnvironmentName.orDefault(s.environment());
    EnvironmentName.problem(environment).ifPresent(p -> errors.add("environment", p));
    if (s.durationMs() != null && (s.durationMs() < 0 || s.durationMs() > MAX_DURATION_MS)) {
      errors.add("duration", "Ensure this value is between 0 and " + MAX_DURATION_MS + " ms.");
    }
    if (!errors.isEmpty()) throw ApiException.fields(errors);

    // A check-in that will be refused must not apply its monitor_config either: ask before the upsert writes.
    AtomicReference<CheckInResult> refused = new AtomicReference<>();
    MonitorService.Upsert upsert = monitors.upsertFromCheckIn(s.organization(), s.projectId(), slug, s.monitorConfig(), prospective -> {
      checkIns.refusal(new CheckInCommand(prospective, environment, status, s.id(), s.durationMs(), s.traceId())).ifPresent(refused::set);
      return refused.get() == null;
    });
    if (refused.get() != null) throw refusal(refused.get());
    if (upsert.limitExceeded() != null) throw ApiException.detail(403, upsert.limitExceeded());
    if (upsert.rejected()) {
      if (upsert.configErrors().asMap().containsKey("monitor_slug")) throw ApiException.detail(404, "Monitor \"" + slug + "\" not found");
      throw ApiException.fields(new FieldErrors().addAll("monitor_config.", upsert.configErrors()));
    }
    if (!upsert.configErrors().isEmpty()) {
      Log.warn("monitor_config not applied", "monitor", slug, "errors", upsert.configErrors().asMap());
    }
    CheckInResult result = checkIns.checkIn(new CheckInCommand(upsert.monitor(), environment, status, s.id(), s.durationMs(), s.traceId()));
    if (!result.accepted()) throw refusal(result);
    Log.info("check-in", "monitor", slug, "environment", environment, "checkInId", result.id().toString(),
        "status", status.wire(), "outcome", result.outcome().name());
    return new Accepted(result.id(), slug, result.outcome(), upsert.configErrors());
  }

  private static ApiException refusal(CheckInResult result) {
    int code = switch (result.outcome()) {
      case ALREADY_FINISHED -> 409;
      case ENVIRONMENT_LIMIT -> 403;
      default -> 400;
    };
    return ApiException.detail(code, result.message());
  }
}
