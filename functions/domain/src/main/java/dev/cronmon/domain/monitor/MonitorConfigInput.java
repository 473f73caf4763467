package dev.cronmon.domain.monitor;

import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.schedule.Schedule;
import dev.cronmon.domain.schedule.ScheduleParser;
import dev.cronmon.domain.schedule.ScheduleResult;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The keys of a monitor config as a client sent them, any of them absent: a check-in's {@code monitor_config} or a
 * monitor body's {@code config}, read from JSON by {@code monitor.codec.MonitorConfigJson}, which calls the setters below
 * with the values it found (in the order their errors are reported). Each setter applies the key's rule and keeps the
 * value or an error; {@link #applyTo} merges the values over an existing config (or the defaults) and validates: the
 * single home of every config rule.
 */
public final class MonitorConfigInput {
  private static final Set<String> REGION_ZONES = ZoneId.getAvailableZoneIds();

  private Schedule schedule;
  private ZoneId timezone;
  private Integer checkinMargin;
  private Integer maxRuntime;
  private Integer failureIssueThreshold;
  private Integer recoveryThreshold;
  private Owner owner;
  /** Seconds; 0 removes it (no minimum). */
  private Integer minRuntime;
  private final FieldErrors errors = new FieldErrors();

  /** No key given. */
  public MonitorConfigInput() {}

  /** A key whose JSON shape is wrong (not an object, an interval that is no array): the message is the field's error. */
  public MonitorConfigInput refuse(String field, String message) {
    errors.add(field, message);
    return this;
  }

  /** A crontab schedule; {@code expression} null when the value given is not text. */
  public MonitorConfigInput crontab(String expression) {
    return schedule(ScheduleParser.crontab(expression));
  }

  /** An interval schedule: {@code value} a number, the text given, or null; {@code unit} null when not text. */
  public MonitorConfigInput interval(Object value, String unit) {
    return schedule(ScheduleParser.interval(value, unit));
  }

  /** A schedule type that is neither crontab nor interval, or none with a schedule that needs one. */
  public MonitorConfigInput unknownScheduleType() {
    errors.add("schedule_type", "Missing or invalid schedule type");
    return this;
  }

  /** Minutes; empty when the value given is no integer. Sentry treats 0 as "not set" (the default); SDKs do send 0. */
  public MonitorConfigInput checkinMargin(OptionalLong minutes) {
    Integer margin = bounded("checkin_margin", minutes, 0, MonitorConfig.MAX_MINUTES);
    checkinMargin = margin != null && margin == 0 ? Integer.valueOf(MonitorConfig.DEFAULT_CHECKIN_MARGIN) : margin;
    return this;
  }

  /** Minutes; empty when the value given is no integer. */
  public MonitorConfigInput maxRuntime(OptionalLong minutes) {
    maxRuntime = bounded("max_runtime", minutes, 1, MonitorConfig.MAX_MINUTES);
    return this;
  }

  /** Consecutive failures; empty when the value given is no integer. */
  public MonitorConfigInput failureIssueThreshold(OptionalLong count) {
    failureIssueThreshold = bounded("failure_issue_threshold", count, 1, MonitorConfig.MAX_THRESHOLD);
    return this;
  }

  /** Consecutive successes; empty when the value given is no integer. */
  public MonitorConfigInput recoveryThreshold(OptionalLong count) {
    recoveryThreshold = bounded("recovery_threshold", count, 1, MonitorConfig.MAX_THRESHOLD);
    return this;
  }

  /**
   * Seconds (cronmon's extension, docs/semantics.md rule C10); 0 removes a minimum that was set; empty when the value
   * given is no integer.
   */
  public MonitorConfigInput minRuntime(OptionalLong seconds) {
    minRuntime = bounded("min_runtime", seconds, 0, MonitorConfig.MAX_MIN_RUNTIME_SECONDS);
    return this;
  }

  /** An IANA zone name; offsets like "+02:00" are refused, as Sentry's list of choices refuses them. */
  public MonitorConfigInput timezone(String name) {
    timezone = zone(name);
    if (timezone == null) errors.add("timezone", "\"" + name + "\" is not a valid choice.");
    return this;
  }

  public FieldErrors errors() {
    return errors;
  }

  public boolean hasSchedule() {
    return schedule != null;
  }

  /**
   * The SDK form's {@code owner} (Sentry's {@code monitor_config.owner}, rule O1), when it gave a valid one; absent or
   * null leaves the monitor's owner as it is. The API form has no owner in its config (the monitor body has one).
   */
  public java.util.Optional<Owner> owner() {
    return java.util.Optional.ofNullable(owner);
  }

  /** A check-in config's {@code owner} (rule O1); {@code raw} null when the value given is not text. */
  public MonitorConfigInput owner(String raw) {
    if (raw == null) {
      errors.add("owner", "Not a valid string.");
      return this;
    }
    Owner.Parsed parsed = Owner.parse(raw);
    if (parsed.owner() == null) errors.add("owner", parsed.problem());
    owner = parsed.owner();
    return this;
  }

  /**
   * The merged config: the keys given over {@code base} (or over the defaults when base is null, in which
   * case a schedule is required). Validation errors, if any, are added to {@code out}; the result is then null.
   */
  public MonitorConfig applyTo(MonitorConfig base, FieldErrors out) {
    out.addAll("", errors);
    if (base == null && schedule == null && errors.asMap().get("schedule") == null) {
      out.add("schedule", "Missing or invalid schedule type");
    }
    if (!out.isEmpty()) return null;
    return new MonitorConfig(
        schedule != null ? schedule : base.schedule(),
        timezone != null ? timezone : base != null ? base.timezone() : ZoneId.of("UTC"),
        checkinMargin != null ? checkinMargin : base != null ? base.checkinMargin() : MonitorConfig.DEFAULT_CHECKIN_MARGIN,
        maxRuntime != null ? maxRuntime : base != null ? base.maxRuntime() : MonitorConfig.DEFAULT_MAX_RUNTIME,
        failureIssueThreshold != null ? failureIssueThreshold
            : base != null ? base.failureIssueThreshold() : MonitorConfig.DEFAULT_THRESHOLD,
        recoveryThreshold != null ? recoveryThreshold
            : base != null ? base.recoveryThreshold() : MonitorConfig.DEFAULT_THRESHOLD,
        minRuntime != null ? (minRuntime == 0 ? null : minRuntime) : base != null ? base.minRuntime() : null);
  }

  private MonitorConfigInput schedule(ScheduleResult result) {
    if (result.isValid()) {
      schedule = result.schedule();
    } else {
      errors.add("schedule", result.error());
    }
    return this;
  }

  private Integer bounded(String field, OptionalLong value, int min, int max) {
    if (value.isEmpty()) {
      errors.add(field, "A valid integer is required.");
      return null;
    }
    long number = value.getAsLong();
    if (number < min) {
      errors.add(field, "Ensure this value is greater than or equal to " + Math.max(min, 1) + ".");
      return null;
    }
    if (number > max) {
      errors.add(field, "Ensure this value is less than or equal to " + max + ".");
      return null;
    }
    return (int) number;
  }

  /** The IANA region zone {@code name} names (the only zones a monitor or a maintenance window takes), or null. */
  public static ZoneId zone(String name) {
    if (name == null || !REGION_ZONES.contains(name)) return null;
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
