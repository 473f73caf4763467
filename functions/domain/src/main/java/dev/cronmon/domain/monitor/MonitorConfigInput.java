package dev.cronmon.domain.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.domain.schedule.Schedule;
import dev.cronmon.domain.schedule.ScheduleParser;
import dev.cronmon.domain.schedule.ScheduleResult;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Set;

/**
 * The keys of a monitor config as a client sent them (any may be absent), in either wire form:
 * the SDK form of a check-in's `monitor_config` ({@code schedule: {type, value, unit}}) or the API form of
 * a monitor body ({@code schedule_type} + {@code schedule: "0 * * * *" | [2, "hour"]}).
 * {@link #applyTo} merges them over an existing config (or the defaults) and validates; the single home of
 * every config rule of DESIGN.md.
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
  private final FieldErrors errors = new FieldErrors();

  private MonitorConfigInput() {}

  /** A check-in's `monitor_config` (SDK form). */
  public static MonitorConfigInput fromSdk(JsonNode node) {
    MonitorConfigInput in = new MonitorConfigInput();
    if (!requireObject(node, in)) return in;
    JsonNode schedule = node.get("schedule");
    if (present(schedule)) {
      if (!schedule.isObject()) {
        in.errors.add("schedule", "Schedule is invalid");
      } else {
        in.readSchedule(text(schedule.get("type")), schedule.get("value"), schedule.get("unit"));
      }
    }
    in.readCommon(node);
    in.readOwner(node.get("owner"));
    return in;
  }

  /** A monitor body's `config` (API form). */
  public static MonitorConfigInput fromApi(JsonNode node) {
    MonitorConfigInput in = new MonitorConfigInput();
    if (!requireObject(node, in)) return in;
    JsonNode type = node.get("schedule_type");
    JsonNode schedule = node.get("schedule");
    if (present(schedule) || present(type)) {
      String typeName = present(type) ? text(type) : (schedule != null && schedule.isArray() ? "interval" : "crontab");
      if ("interval".equals(typeName) && schedule != null && schedule.isArray()) {
        in.readSchedule("interval", schedule.get(0), schedule.get(1));
      } else if ("interval".equals(typeName)) {
        in.errors.add("schedule", "Invalid interval, expected [value, unit]");
      } else {
        in.readSchedule(typeName, schedule, null);
      }
    }
    in.readCommon(node);
    return in;
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

  private void readOwner(JsonNode value) {
    if (!present(value)) return;
    if (!value.isTextual()) {
      errors.add("owner", "Not a valid string.");
      return;
    }
    Owner.Parsed parsed = Owner.parse(value.textValue());
    if (parsed.owner() == null) errors.add("owner", parsed.problem());
    owner = parsed.owner();
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
            : base != null ? base.recoveryThreshold() : MonitorConfig.DEFAULT_THRESHOLD);
  }

  private void readSchedule(String type, JsonNode value, JsonNode unit) {
    ScheduleResult result;
    if ("crontab".equals(type)) {
      result = ScheduleParser.crontab(value != null && value.isTextual() ? value.textValue() : null);
    } else if ("interval".equals(type)) {
      Object number = value == null || value.isNull() ? null : value.isNumber() ? value.numberValue() : value.asText();
      result = ScheduleParser.interval(number, unit != null && unit.isTextual() ? unit.textValue() : null);
    } else {
      errors.add("schedule_type", "Missing or invalid schedule type");
      return;
    }
    if (result.isValid()) {
      schedule = result.schedule();
    } else {
      errors.add("schedule", result.error());
    }
  }

  private void readCommon(JsonNode node) {
    // Sentry treats a margin of 0 as "not set" (the default, 1 minute); SDKs do send 0.
    Integer margin = intField(node, "checkin_margin", 0, MonitorConfig.MAX_MINUTES);
    checkinMargin = margin != null && margin == 0 ? Integer.valueOf(MonitorConfig.DEFAULT_CHECKIN_MARGIN) : margin;
    maxRuntime = intField(node, "max_runtime", 1, MonitorConfig.MAX_MINUTES);
    failureIssueThreshold = intField(node, "failure_issue_threshold", 1, MonitorConfig.MAX_THRESHOLD);
    recoveryThreshold = intField(node, "recovery_threshold", 1, MonitorConfig.MAX_THRESHOLD);
    JsonNode tz = node.get("timezone");
    if (present(tz)) {
      timezone = zone(tz);
      if (timezone == null) errors.add("timezone", "\"" + tz.asText() + "\" is not a valid choice.");
    }
  }

  private Integer intField(JsonNode node, String field, int min, int max) {
    JsonNode value = node.get(field);
    if (!present(value)) return null;
    long number;
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      number = value.longValue();
    } else if (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue())) {
      number = (long) value.doubleValue();
    } else if (value.isTextual() && value.textValue().matches("-?[0-9]{1,10}")) {
      number = Long.parseLong(value.textValue());
    } else {
      errors.add(field, "A valid integer is required.");
      return null;
    }
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

  /** IANA names only: offsets like "+02:00" are refused, as Sentry's list of choices refuses them. */
  private static ZoneId zone(JsonNode tz) {
    if (!tz.isTextual() || !REGION_ZONES.contains(tz.textValue())) return null;
    try {
      return ZoneId.of(tz.textValue());
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static boolean requireObject(JsonNode node, MonitorConfigInput in) {
    if (node != null && node.isObject()) return true;
    if (present(node)) in.errors.add("monitor_config", "Expected an object.");
    return false;
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull() && !node.isMissingNode();
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : null;
  }
}
