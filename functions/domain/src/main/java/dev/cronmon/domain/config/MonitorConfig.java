package dev.cronmon.domain.config;

import dev.cronmon.domain.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.ZoneId;

/**
 * A monitor's validated configuration. Instances only come out of {@code monitor.MonitorConfigInput}, so they are always
 * valid. {@code minRuntime} (seconds, null: none) is cronmon's extension to Sentry's config (docs/semantics.md rule C10).
 */
public record MonitorConfig(
    Schedule schedule,
    ZoneId timezone,
    int checkinMargin,
    int maxRuntime,
    int failureIssueThreshold,
    int recoveryThreshold,
    Integer minRuntime) {

  public static final int DEFAULT_CHECKIN_MARGIN = 1;
  public static final int DEFAULT_MAX_RUNTIME = 30;
  public static final int DEFAULT_THRESHOLD = 1;
  public static final int MAX_MINUTES = 40_320;
  public static final int MAX_THRESHOLD = 720;
  /** The longest min_runtime: max_runtime's bound, in seconds. */
  public static final int MAX_MIN_RUNTIME_SECONDS = MAX_MINUTES * 60;

  public MonitorConfig(Schedule schedule, ZoneId timezone, int checkinMargin, int maxRuntime, int failureIssueThreshold,
                       int recoveryThreshold) {
    this(schedule, timezone, checkinMargin, maxRuntime, failureIssueThreshold, recoveryThreshold, null);
  }

  /** The same config with {@code seconds} as its min_runtime (null: none). */
  public MonitorConfig withMinRuntime(Integer seconds) {
    return new MonitorConfig(schedule, timezone, checkinMargin, maxRuntime, failureIssueThreshold, recoveryThreshold, seconds);
  }

  public Duration margin() {
    return Duration.ofMinutes(checkinMargin);
  }

  public Duration runtimeLimit() {
    return Duration.ofMinutes(maxRuntime);
  }

  /** When a run that started at {@code started} times out: Sentry truncates the start to the minute, then adds max_runtime. */
  public Instant timeoutFor(Instant started) {
    return started.truncatedTo(ChronoUnit.MINUTES).plus(runtimeLimit());
  }
}
