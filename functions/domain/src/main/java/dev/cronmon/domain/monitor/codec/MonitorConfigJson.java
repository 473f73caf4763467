package dev.cronmon.domain.monitor.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.domain.monitor.MonitorConfigInput;
import java.util.OptionalLong;

/**
 * A monitor config as JSON → {@link MonitorConfigInput}, in either wire form: the SDK form of a check-in's
 * {@code monitor_config} ({@code schedule: {type, value, unit}}) or the API form of a monitor body's {@code config}
 * ({@code schedule_type} + {@code schedule: "0 * * * *" | [2, "hour"]}). Only the JSON is read here (which keys, which
 * JSON types); every config rule (ranges, defaults, time zones, schedules) is {@link MonitorConfigInput}'s. The HTTP
 * layer calls it, so that the domain's services take the typed input.
 */
public final class MonitorConfigJson {
  private MonitorConfigJson() {}

  /** A check-in's {@code monitor_config} (SDK form); null when absent or JSON null (the check-in has no config). */
  public static MonitorConfigInput fromSdk(JsonNode node) {
    if (!present(node)) return null;
    MonitorConfigInput in = new MonitorConfigInput();
    if (!requireObject(node, in)) return in;
    JsonNode schedule = node.get("schedule");
    if (present(schedule)) {
      if (!schedule.isObject()) {
        in.refuse("schedule", "Schedule is invalid");
      } else {
        readSchedule(in, text(schedule.get("type")), schedule.get("value"), schedule.get("unit"));
      }
    }
    readCommon(in, node);
    // Sentry's monitor_config.owner (docs/semantics.md rule O1); the API's owner is the monitor body's, not its config's.
    JsonNode owner = node.get("owner");
    if (present(owner)) in.owner(text(owner));
    return in;
  }

  /** A monitor body's {@code config} (API form); null when absent or JSON null (the body changes no config). */
  public static MonitorConfigInput fromApi(JsonNode node) {
    if (!present(node)) return null;
    MonitorConfigInput in = new MonitorConfigInput();
    if (!requireObject(node, in)) return in;
    JsonNode type = node.get("schedule_type");
    JsonNode schedule = node.get("schedule");
    if (present(schedule) || present(type)) {
      String typeName = present(type) ? text(type) : (schedule != null && schedule.isArray() ? "interval" : "crontab");
      if ("interval".equals(typeName) && schedule != null && schedule.isArray()) {
        readSchedule(in, "interval", schedule.get(0), schedule.get(1));
      } else if ("interval".equals(typeName)) {
        in.refuse("schedule", "Invalid interval, expected [value, unit]");
      } else {
        readSchedule(in, typeName, schedule, null);
      }
    }
    readCommon(in, node);
    return in;
  }

  private static void readSchedule(MonitorConfigInput in, String type, JsonNode value, JsonNode unit) {
    if ("crontab".equals(type)) {
      in.crontab(value != null && value.isTextual() ? value.textValue() : null);
    } else if ("interval".equals(type)) {
      Object number = value == null || value.isNull() ? null : value.isNumber() ? value.numberValue() : value.asText();
      in.interval(number, unit != null && unit.isTextual() ? unit.textValue() : null);
    } else {
      in.unknownScheduleType();
    }
  }

  /** The keys both forms share, in the order their errors are reported. */
  private static void readCommon(MonitorConfigInput in, JsonNode node) {
    JsonNode margin = node.get("checkin_margin");
    if (present(margin)) in.checkinMargin(integer(margin));
    JsonNode maxRuntime = node.get("max_runtime");
    if (present(maxRuntime)) in.maxRuntime(integer(maxRuntime));
    JsonNode failures = node.get("failure_issue_threshold");
    if (present(failures)) in.failureIssueThreshold(integer(failures));
    JsonNode recoveries = node.get("recovery_threshold");
    if (present(recoveries)) in.recoveryThreshold(integer(recoveries));
    JsonNode minRuntime = node.get("min_runtime");
    if (present(minRuntime)) in.minRuntime(integer(minRuntime));
    JsonNode tz = node.get("timezone");
    // The text form of any other JSON type ("5", "true", "") is no zone name: it is refused, and shown, as given.
    if (present(tz)) in.timezone(tz.asText());
  }

  /** An integral number, a number with no fraction, or decimal digits in a string; empty for anything else. */
  private static OptionalLong integer(JsonNode value) {
    if (value.isIntegralNumber() && value.canConvertToLong()) return OptionalLong.of(value.longValue());
    if (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue())) return OptionalLong.of((long) value.doubleValue());
    if (value.isTextual() && value.textValue().matches("-?[0-9]{1,10}")) return OptionalLong.of(Long.parseLong(value.textValue()));
    return OptionalLong.empty();
  }

  private static boolean requireObject(JsonNode node, MonitorConfigInput in) {
    if (node.isObject()) return true;
    in.refuse("monitor_config", "Expected an object.");
    return false;
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull() && !node.isMissingNode();
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : null;
  }
}
