package dev.cronmon.domain.maintenance.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.domain.maintenance.MaintenanceWindow;
import dev.cronmon.domain.monitor.FieldErrors;
import dev.cronmon.domain.monitor.MonitorConfigInput;
import dev.cronmon.domain.monitor.Owner;
import dev.cronmon.domain.monitor.Slug;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.schedule.ScheduleParser;
import dev.cronmon.domain.schedule.ScheduleResult;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A maintenance window's body as JSON → its name, timing and target, or field errors (docs/semantics.md rule M1).
 * Everything a window can be wrong about is decided here, so that a nonsense window never reaches the store:
 * <pre>
 * {"name": "…",
 *  "start": "2026-03-29T01:00:00Z", "end": "…" | "duration": minutes        (one-off)
 *  "schedule": "0 2 * * SUN", "timezone": "Europe/Berlin", "duration": minutes   (recurring)
 *  "monitors": ["slug", …] | "project": "slug or id" | "owner": "team:ops"}
 * </pre>
 * A project target holds the project as the client named it; the caller resolves it to the project's id.
 */
public final class MaintenanceWindowJson {
  static final long MAX_MINUTES = MaintenanceWindow.MAX_DURATION.toMinutes();

  private MaintenanceWindowJson() {}

  /** What a body says; the parts are null where {@code errors} holds why. */
  public record Parsed(String name, MaintenanceWindow.Timing timing, MaintenanceWindow.Target target, FieldErrors errors) {
    public boolean valid() {
      return errors.isEmpty();
    }
  }

  public static Parsed parse(JsonNode body) {
    FieldErrors errors = new FieldErrors();
    if (body == null || !body.isObject()) {
      errors.add("non_field_errors", "Expected a JSON object.");
      return new Parsed(null, null, null, errors);
    }
    String name = name(body.get("name"), errors);
    MaintenanceWindow.Timing timing = present(body.get("schedule")) ? recurring(body, errors) : oneOff(body, errors);
    MaintenanceWindow.Target target = target(body, errors);
    return errors.isEmpty() ? new Parsed(name, timing, target, errors) : new Parsed(null, null, null, errors);
  }

  private static String name(JsonNode node, FieldErrors errors) {
    if (!present(node)) {
      errors.add("name", "This field is required.");
      return null;
    }
    String name = node.isTextual() ? node.textValue().strip() : null;
    if (name == null || name.isEmpty()) errors.add("name", "Expected a non-empty string.");
    else if (name.length() > MaintenanceWindow.MAX_NAME_LENGTH) {
      errors.add("name", "Ensure this field has no more than " + MaintenanceWindow.MAX_NAME_LENGTH + " characters.");
    } else if (name.chars().anyMatch(Character::isISOControl)) errors.add("name", "Control characters are not allowed.");
    else return name;
    return null;
  }

  private static MaintenanceWindow.Timing oneOff(JsonNode body, FieldErrors errors) {
    if (present(body.get("timezone"))) errors.add("timezone", "Only a recurring window (with a schedule) has a timezone.");
    Instant start = instant(body.get("start"), "start", errors);
    JsonNode endNode = body.get("end");
    JsonNode durationNode = body.get("duration");
    if (present(endNode) && present(durationNode)) {
      errors.add("end", "Give an end or a duration, not both.");
      return null;
    }
    if (!present(endNode) && !present(durationNode)) {
      errors.add("end", "Give an end or a duration.");
      return null;
    }
    Instant end;
    if (present(endNode)) {
      end = instant(endNode, "end", errors);
      if (start == null || end == null) return null;
      if (!end.isAfter(start)) {
        errors.add("end", "Ensure the end is after the start.");
        return null;
      }
      if (Duration.between(start, end).compareTo(MaintenanceWindow.MAX_DURATION) > 0) {
        errors.add("end", "Ensure the window lasts at most " + MaintenanceWindow.MAX_DURATION.toDays() + " days.");
        return null;
      }
    } else {
      Duration duration = duration(durationNode, errors);
      if (start == null || duration == null) return null;
      end = start.plus(duration);
    }
    return new MaintenanceWindow.OneOff(start, end);
  }

  private static MaintenanceWindow.Timing recurring(JsonNode body, FieldErrors errors) {
    if (present(body.get("start"))) errors.add("start", "A recurring window starts at its schedule's slots; give no start.");
    if (present(body.get("end"))) errors.add("end", "A recurring window lasts its duration; give no end.");
    JsonNode scheduleNode = body.get("schedule");
    CrontabSchedule schedule = null;
    if (!scheduleNode.isTextual()) errors.add("schedule", "Expected a crontab string.");
    else {
      ScheduleResult parsed = ScheduleParser.crontab(scheduleNode.textValue());
      if (parsed.error() != null) errors.add("schedule", parsed.error());
      else schedule = (CrontabSchedule) parsed.schedule();
    }
    JsonNode zoneNode = body.get("timezone");
    ZoneId zone = ZoneId.of("UTC");
    if (present(zoneNode)) {
      zone = zoneNode.isTextual() ? MonitorConfigInput.zone(zoneNode.textValue()) : null;
      if (zone == null) errors.add("timezone", "\"" + (zoneNode.isTextual() ? zoneNode.textValue() : zoneNode.toString()) + "\" is not a valid choice.");
    }
    JsonNode durationNode = body.get("duration");
    Duration duration = null;
    if (!present(durationNode)) errors.add("duration", "This field is required.");
    else duration = duration(durationNode, errors);
    if (schedule == null || zone == null || duration == null) return null;
    return new MaintenanceWindow.Recurring(schedule, zone, duration);
  }

  private static MaintenanceWindow.Target target(JsonNode body, FieldErrors errors) {
    List<String> given = new ArrayList<>();
    for (String key : List.of("monitors", "project", "owner")) if (present(body.get(key))) given.add(key);
    if (given.isEmpty()) {
      errors.add("monitors", "Give the monitors, the project or the owner the window applies to.");
      return null;
    }
    if (given.size() > 1) {
      errors.add(given.get(1), "Give only one of monitors, project and owner.");
      return null;
    }
    JsonNode node = body.get(given.get(0));
    switch (given.get(0)) {
      case "monitors" -> {
        if (!node.isArray() || node.isEmpty()) {
          errors.add("monitors", "Expected a non-empty list of monitor slugs.");
          return null;
        }
        if (node.size() > MaintenanceWindow.MAX_MONITORS) {
          errors.add("monitors", "Ensure this list has no more than " + MaintenanceWindow.MAX_MONITORS + " monitors.");
          return null;
        }
        Set<String> slugs = new LinkedHashSet<>();
        for (JsonNode slug : node) {
          if (!slug.isTextual() || !Slug.isValid(slug.textValue())) {
            errors.add("monitors", "\"" + (slug.isTextual() ? slug.textValue() : slug.toString()) + "\" is not a monitor slug.");
            return null;
          }
          slugs.add(slug.textValue());
        }
        return new MaintenanceWindow.Monitors(List.copyOf(slugs));
      }
      case "project" -> {
        String project = node.isTextual() ? node.textValue().strip() : node.isIntegralNumber() ? node.asText() : "";
        if (project.isEmpty()) {
          errors.add("project", "Expected a project slug or id.");
          return null;
        }
        return new MaintenanceWindow.Project(project);
      }
      default -> {
        Owner.Parsed owner = Owner.parse(node.isTextual() ? node.textValue() : null);
        if (owner.problem() != null) {
          errors.add("owner", node.isTextual() ? owner.problem() : "Expected \"user:<id>\", \"team:<id>\" or an email address.");
          return null;
        }
        return new MaintenanceWindow.OwnedBy(owner.owner());
      }
    }
  }

  private static Instant instant(JsonNode node, String field, FieldErrors errors) {
    if (!present(node)) {
      errors.add(field, "This field is required.");
      return null;
    }
    if (node.isTextual()) {
      try {
        // An offset is required: a bare local time would be read in the server's zone, which no one chose.
        Instant t = OffsetDateTime.parse(node.textValue()).toInstant();
        if (t.getEpochSecond() > 0 && t.getEpochSecond() < 253_402_300_799L) return t; // 1970 … 9999
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    errors.add(field, "Expected a date and time with an offset, as 2026-03-29T01:00:00Z.");
    return null;
  }

  private static Duration duration(JsonNode node, FieldErrors errors) {
    java.math.BigDecimal minutes = node.isNumber() && Double.isFinite(node.asDouble()) ? node.decimalValue() : null;
    if (minutes == null || minutes.stripTrailingZeros().scale() > 0) {
      errors.add("duration", "Expected a whole number of minutes.");
      return null;
    }
    if (minutes.compareTo(java.math.BigDecimal.ONE) < 0) {
      errors.add("duration", "Ensure this value is greater than or equal to 1.");
      return null;
    }
    if (minutes.compareTo(java.math.BigDecimal.valueOf(MAX_MINUTES)) > 0) {
      errors.add("duration", "Ensure this value is less than or equal to " + MAX_MINUTES + ".");
      return null;
    }
    return Duration.ofMinutes(minutes.longValueExact());
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull();
  }
}
