package dev.cronmon.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Log;
import dev.cronmon.domain.metrics.Metrics;
import dev.cronmon.domain.monitor.codec.MonitorConfigJson;
import dev.cronmon.domain.service.CheckInCommand;
import dev.cronmon.domain.service.CheckInResult;
import dev.cronmon.domain.service.CheckInService;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.checkin.JobOutput;
import dev.cronmon.domain.checkin.RunReport;
import dev.cronmon.domain.monitor.EnvironmentName;
import dev.cronmon.domain.monitor.FieldErrors;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.service.MonitorService;
import dev.cronmon.domain.store.CheckInRead;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.store.Credential;
import dev.cronmon.domain.store.MonitorRead;
import dev.cronmon.domain.monitor.Slug;
import dev.cronmon.domain.processing.Problem;
import dev.cronmon.domain.processing.ProcessingErrorType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What every check-in path shares once its wire format is parsed: validate, normalise the slug, upsert the monitor
 * (docs/semantics.md), run the state machine, and turn refusals into 4xx {@link ApiException}s. Nothing is written before all
 * input is validated.
 */
public final class CheckInIntake {
  /**
   * How long a closing check-in waits for its monitor to appear: the JavaScript SDK sends envelopes concurrently, so
   * the `ok` of a short first run can arrive while its `in_progress` is still creating the monitor from its config.
   * Sentry serialises the two in its consumer; we re-read instead (only for an explicit id on an unknown monitor).
   */
  private static final int MONITOR_WAIT_ATTEMPTS = 20;
  private static final long MONITOR_WAIT_MILLIS = 100;
  /** Durations above this are nonsense (over 10 years), not a job. */
  private static final long MAX_DURATION_MS = 10L * 366 * 24 * 3600 * 1000;

  private final CronStore store;
  private final MonitorService monitors;
  private final CheckInService checkIns;
  private final Metrics metrics;

  public CheckInIntake(CronStore store, MonitorService monitors, CheckInService checkIns) {
    this(store, monitors, checkIns, Metrics.NONE);
  }

  /** {@code metrics} counts the check-ins taken; refusals are counted where they are answered or dropped. */
  public CheckInIntake(CronStore store, MonitorService monitors, CheckInService checkIns, Metrics metrics) {
    this.store = store;
    this.monitors = monitors;
    this.checkIns = checkIns;
    this.metrics = metrics;
  }

  /**
   * One check-in after wire parsing; {@code id} null = the newest open run, else a new check-in. {@code projectBound}:
   * the credential is a DSN key, which may check in only to monitors of its own project ({@code projectId}); a token
   * may check in to any monitor of its organization, and new monitors go to {@code projectId}. A supplier, because for a
   * token that is the organization's default project, a lookup only a check-in creating a monitor needs.
   */
  public record Submission(String organization, Supplier<String> projectId, String monitorSlug, String status, UUID id,
                           String environment, Long durationMs, JsonNode monitorConfig, String traceId, boolean projectBound,
                           RunReport report) {
    public Submission(String organization, Supplier<String> projectId, String monitorSlug, String status, UUID id,
                      String environment, Long durationMs, JsonNode monitorConfig, String traceId, boolean projectBound) {
      this(organization, projectId, monitorSlug, status, id, environment, durationMs, monitorConfig, traceId, projectBound, RunReport.NONE);
    }
  }

  /** The accepted check-in and any problem with a `monitor_config` that was not applied. */
  public record Accepted(UUID id, String monitorSlug, CheckInResult.Outcome outcome, FieldErrors configErrors) {}

  public Accepted submit(Submission s) {
    return submit(s, null);
  }

  /**
   * What a check-in reads before it decides, in one round trip ({@link CronStore#checkInRead}): {@code credential} (null:
   * none presented, nothing is read), and the monitor {@code rawSlug} of {@code organization} (null: the DSN key's) with
   * the environment and check-in id as the request names them, unless they are invalid (the submission then refuses
   * them).
   */
  public CheckInRead readAhead(Credential credential, String organization, String rawSlug, String rawEnvironment, UUID id) {
    if (credential == null) return null;
    String slug = rawSlug == null ? null : Slug.normalize(rawSlug);
    if (slug != null && Slug.problem(slug).isPresent()) slug = null;
    String environment = EnvironmentName.orDefault(rawEnvironment);
    if (EnvironmentName.problem(environment).isPresent()) environment = null;
    return store.checkInRead(credential, organization, slug, environment, id);
  }

  /** As above; {@code readAhead}: what {@link #readAhead} read with the request's credential (null: nothing). */
  public Accepted submit(Submission s, CheckInRead readAhead) {
    MonitorRead read = readAhead == null ? null : readAhead.monitor();
    FieldErrors errors = new FieldErrors();
    FieldErrors invalid = new FieldErrors();
    List<Problem> problems = new ArrayList<>();
    String slug = Slug.normalize(s.monitorSlug());
    Slug.problem(slug).ifPresent(p -> invalid.add("monitor_slug", p));
    CheckInStatus status = CheckInStatus.fromClient(s.status()).orElse(null);
    if (status == null) invalid.add("status", s.status() == null ? "This field is required." : "\"" + Requests.truncate(s.status()) + "\" is not a valid choice.");
    errors.addAll("", invalid);
    if (!invalid.isEmpty()) problems.add(Problem.withFieldErrors(ProcessingErrorType.CHECKIN_VALIDATION_FAILED, invalid.message(""), invalid.asMap()));
    String environment = EnvironmentName.orDefault(s.environment());
    EnvironmentName.problem(environment).ifPresent(p -> {
      errors.add("environment", p);
      problems.add(Problem.withReason(ProcessingErrorType.MONITOR_INVALID_ENVIRONMENT, "environment: " + p));
    });
    if (s.durationMs() != null && (s.durationMs() < 0 || s.durationMs() > MAX_DURATION_MS)) {
      String message = "Ensure this value is between 0 and " + MAX_DURATION_MS + " ms.";
      errors.add("duration", message);
      problems.add(Problem.of(ProcessingErrorType.CHECKIN_INVALID_DURATION, "duration: " + message, "duration", s.durationMs() + " ms"));
    }
    if (!errors.isEmpty()) throw ApiException.fields(errors).dropping(null, problems);

    // A check-in that will be refused (disabled monitor, rate limit, caps, finished run) must not apply its
    // monitor_config either: ask before the upsert writes.
    AtomicReference<CheckInResult> refused = new AtomicReference<>();
    AtomicReference<Monitor> refusedFor = new AtomicReference<>();
    AtomicReference<Monitor> foreign = new AtomicReference<>();
    MonitorService.Upsert upsert = upsert(s, slug, environment, status, refused, refusedFor, foreign, read);
    boolean closesARunOfAMonitorInTheMaking = s.id() != null && status.isTerminal() && s.monitorConfig() == null;
    for (int wait = 0; closesARunOfAMonitorInTheMaking && unknownMonitor(upsert) && wait < MONITOR_WAIT_ATTEMPTS; wait++) {
      pause();
      upsert = upsert(s, slug, environment, status, refused, refusedFor, foreign, null);
    }
    if (foreign.get() != null) throw foreign(slug);
    if (refused.get() != null) {
      // A monitor the check-in would have created (version 1) does not exist: its error goes to the project's list.
      Monitor existing = refusedFor.get().version() > 1 ? refusedFor.get() : null;
      throw refusal(refused.get(), slug, environment, s.id(), status).dropping(existing, problem(refused.get(), refusedFor.get()));
    }
    if (upsert.limitExceeded() != null) {
      throw ApiException.detail(403, upsert.limitExceeded()).dropping(null, Problem.withReason(ProcessingErrorType.MONITOR_LIMIT_EXCEEDED, upsert.limitExceeded()));
    }
    if (upsert.rejected()) {
      if (unknownMonitor(upsert)) {
        throw ApiException.detail(404, "Monitor \"" + slug + "\" not found").dropping(null, Problem.of(ProcessingErrorType.MONITOR_NOT_FOUND,
            "Monitor \"" + slug + "\" does not exist and the check-in has no monitor_config to create it"));
      }
      FieldErrors configErrors = upsert.configErrors();
      throw ApiException.fields(new FieldErrors().addAll("monitor_config.", configErrors)).dropping(null, configProblems(configErrors));
    }
    if (otherProject(s, upsert.monitor())) throw foreign(slug);
    if (!upsert.configErrors().isEmpty()) {
      Log.warn("monitor_config not applied", "monitor", slug, "environment", environment, "errors", upsert.configErrors().asMap());
    }
    CheckInResult result = checkIns.checkIn(new CheckInCommand(upsert.monitor(), environment, status, s.id(), s.durationMs(), s.traceId(), s.report()), upsert.read());
    if (!result.accepted()) throw refusal(result, slug, environment, s.id(), status).dropping(upsert.monitor(), problem(result, upsert.monitor()));
    Log.info("check-in", "monitor", slug, "environment", environment, "checkInId", result.id().toString(),
        "status", status.wire(), "outcome", result.outcome().name());
    metrics.checkInAccepted();
    return new Accepted(result.id(), slug, result.outcome(), upsert.configErrors());
  }

  /** A DSN key checking in to a monitor of another project: to that project, no monitor of this slug exists. */
  private static ApiException foreign(String slug) {
    String message = "Monitor \"" + slug + "\" belongs to another project than this DSN key";
    return ApiException.detail(403, message).dropping(null, Problem.of(ProcessingErrorType.MONITOR_NOT_FOUND, message));
  }

  /** A config that could not create the monitor: an invalid owner is its own type (rule O1), the rest invalid config. */
  private static List<Problem> configProblems(FieldErrors configErrors) {
    List<Problem> out = new ArrayList<>();
    Map<String, List<String>> rest = new LinkedHashMap<>(configErrors.asMap());
    List<String> owner = rest.remove("owner");
    if (owner != null) out.add(Problem.withReason(ProcessingErrorType.MONITOR_INVALID_OWNER, String.join("; ", owner)));
    if (!rest.isEmpty() || out.isEmpty()) {
      FieldErrors others = new FieldErrors();
      rest.forEach((field, messages) -> messages.forEach(m -> others.add(field, m)));
      out.add(Problem.withFieldErrors(ProcessingErrorType.MONITOR_INVALID_CONFIG, others.message("monitor_config."), others.asMap()));
    }
    return out;
  }

  /** Sentry's type for a check-in the state machine refused (rule E1). */
  static Problem problem(CheckInResult result, Monitor monitor) {
    return switch (result.outcome()) {
      case RATE_LIMITED -> Problem.of(ProcessingErrorType.MONITOR_ENVIRONMENT_RATELIMITED, result.message());
      case ALREADY_FINISHED -> Problem.of(ProcessingErrorType.CHECKIN_FINISHED, result.message());
      case MONITOR_DISABLED -> Problem.of(ProcessingErrorType.MONITOR_DISABLED, result.message());
      case ENVIRONMENT_LIMIT -> Problem.withReason(ProcessingErrorType.MONITOR_ENVIRONMENT_LIMIT_EXCEEDED, result.message());
      case TOO_MANY_OPEN_RUNS -> Problem.withFieldErrors(ProcessingErrorType.CHECKIN_VALIDATION_FAILED, result.message(),
          Map.of("status", List.of(result.message())));
      case ID_CONFLICT -> result.existing() != null && result.existing().monitorId().equals(monitor.id())
          ? Problem.of(ProcessingErrorType.CHECKIN_ENVIRONMENT_MISMATCH, "Check-in " + result.id() + " belongs to environment \""
              + result.existing().environment() + "\"", "existingEnvironment", result.existing().environment())
          : Problem.of(ProcessingErrorType.CHECKIN_GUID_PROJECT_MISMATCH, "Check-in " + result.id() + " belongs to another monitor",
              "guid", result.id().toString().replace("-", ""));
      default -> Problem.withFieldErrors(ProcessingErrorType.CHECKIN_VALIDATION_FAILED, String.valueOf(result.message()),
          Map.of("status", List.of(String.valueOf(result.message()))));
    };
  }

  /**
   * The monitor {@code slug} of the organization, created from {@code monitorConfig} (in project {@code projectId}) if it
   * does not exist: for a note that auto-provisions its monitor (healthchecks' {@code /log?create=1}).
   */
  public Monitor createMonitor(String organization, String projectId, String slug, JsonNode monitorConfig) {
    String normalized = Slug.normalize(slug);
    Slug.problem(normalized).ifPresent(p -> {
      throw ApiException.fields(new FieldErrors().add("monitor_slug", p));
    });
    MonitorService.Upsert upsert = monitors.upsertFromCheckIn(organization, projectId, normalized, MonitorConfigJson.fromSdk(monitorConfig));
    if (upsert.limitExceeded() != null) throw ApiException.detail(403, upsert.limitExceeded());
    if (upsert.rejected()) throw ApiException.fields(new FieldErrors().addAll("monitor_config.", upsert.configErrors()));
    return upsert.monitor();
  }

  /**
   * A note in the monitor's history (healthchecks' {@code /log}, docs/semantics.md rule C14), with its output; refused
   * like a check-in for a disabled monitor or past the rate limit.
   */
  public Accepted note(Monitor monitor, String environmentName, JobOutput output) {
    String environment = EnvironmentName.orDefault(environmentName);
    EnvironmentName.problem(environment).ifPresent(p -> {
      throw ApiException.fields(new FieldErrors().add("environment", p));
    });
    CheckInResult result = checkIns.note(monitor, environment, output);
    if (!result.accepted()) throw refusal(result, monitor.slug(), environment, null, CheckInStatus.LOG);
    Log.info("check-in", "monitor", monitor.slug(), "environment", environment, "checkInId", result.id().toString(),
        "status", CheckInStatus.LOG.wire(), "outcome", result.outcome().name());
    metrics.checkInAccepted();
    return new Accepted(result.id(), monitor.slug(), result.outcome(), new FieldErrors());
  }

  private ApiException refusal(CheckInResult result, String slug, String environment, UUID id, CheckInStatus status) {
    Log.info("check-in refused", "monitor", slug, "environment", environment, "checkInId", id == null ? null : id.toString(),
        "status", status.wire(), "outcome", result.outcome().name());
    return switch (result.outcome()) {
      case RATE_LIMITED -> ApiException.detail(429, result.message(),
          Map.of("Retry-After", Long.toString(checkIns.secondsUntilRateLimitResets())));
      case ALREADY_FINISHED, TOO_MANY_OPEN_RUNS -> ApiException.detail(409, result.message());
      case ENVIRONMENT_LIMIT -> ApiException.detail(403, result.message());
      default -> ApiException.detail(400, result.message());
    };
  }

  private MonitorService.Upsert upsert(Submission s, String slug, String environment, CheckInStatus status,
                                       AtomicReference<CheckInResult> refused, AtomicReference<Monitor> refusedFor,
                                       AtomicReference<Monitor> foreign, MonitorRead readAhead) {
    refused.set(null);
    foreign.set(null);
    return monitors.upsertFromCheckIn(s.organization(), s.projectId(), slug, environment, MonitorConfigJson.fromSdk(s.monitorConfig()), prospective -> {
      if (otherProject(s, prospective)) {
        foreign.set(prospective);
        return false;
      }
      checkIns.refusal(new CheckInCommand(prospective, environment, status, s.id(), s.durationMs(), s.traceId(), s.report())).ifPresent(refused::set);
      if (refused.get() != null) refusedFor.set(prospective);
      return refused.get() == null;
    }, readAhead);
  }

  private static boolean unknownMonitor(MonitorService.Upsert upsert) {
    return upsert.rejected() && upsert.configErrors().asMap().containsKey("monitor_slug");
  }

  private static void pause() {
    try {
      Thread.sleep(MONITOR_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a monitor to be created", e);
    }
  }

  private static boolean otherProject(Submission s, Monitor monitor) {
    return s.projectBound() && !monitor.projectId().equals(s.projectId().get());
  }
}
