package dev.cronmon.api.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.monitor.EnvironmentName;
import dev.cronmon.domain.monitor.FieldErrors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * An alert rule body, {@code {"channels": [id, …], "environments": {"staging": [id, …]}, "remind_every_minutes": 60}},
 * validated into an
 * {@link AlertRule}; whether the ids name channels of the organization is AlertAdmin's check (it needs the store).
 */
public final class AlertRuleInput {
  public static final int MAX_CHANNELS = 20;
  public static final int MAX_ENVIRONMENTS = 50;
  private static final int MAX_ID_LENGTH = 64;
  public static final String REMIND_EVERY = "remind_every_minutes";

  private AlertRuleInput() {}

  /** The rule (version 0: the caller sets it), or null with errors. */
  public static AlertRule parse(JsonNode body, FieldErrors errors) {
    int before = errors.asMap().size();
    List<String> channels = ids(body.get("channels"), "channels", errors);
    Map<String, List<String>> environments = new LinkedHashMap<>();
    JsonNode envs = body.get("environments");
    if (envs != null && !envs.isNull()) {
      if (!envs.isObject()) {
        errors.add("environments", "Expected an object of environment name to channel ids.");
      } else if (envs.size() > MAX_ENVIRONMENTS) {
        errors.add("environments", "At most " + MAX_ENVIRONMENTS + " environments.");
      } else {
        for (Iterator<Map.Entry<String, JsonNode>> it = envs.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          var problem = EnvironmentName.problem(e.getKey());
          if (problem.isPresent()) {
            errors.add("environments", problem.get());
            continue;
          }
          List<String> ids = ids(e.getValue(), "environments." + e.getKey(), errors);
          if (ids != null) environments.put(e.getKey(), ids);
        }
      }
    }
    if (channels == null && errors.asMap().size() == before && (envs == null || envs.isNull())) {
      errors.add("channels", "This field is required.");
    }
    Duration remindEvery = remindEvery(body.get(REMIND_EVERY), errors);
    if (errors.asMap().size() != before) return null;
    return new AlertRule(channels == null ? List.of() : channels, environments, remindEvery, 0);
  }

  /** Rule R1: whole minutes, from {@link AlertRule#MIN_REMINDER} to {@link AlertRule#MAX_REMINDER}; absent or null: none. */
  private static Duration remindEvery(JsonNode node, FieldErrors errors) {
    if (node == null || node.isNull()) return null;
    long min = AlertRule.MIN_REMINDER.toMinutes();
    long max = AlertRule.MAX_REMINDER.toMinutes();
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
      errors.add(REMIND_EVERY, "Expected a whole number of minutes from " + min + " to " + max + ", or null for no reminders.");
      return null;
    }
    return Duration.ofMinutes(node.longValue());
  }

  private static List<String> ids(JsonNode node, String field, FieldErrors errors) {
    if (node == null || node.isNull()) return null;
    if (!node.isArray()) {
      errors.add(field, "Expected a list of channel ids.");
      return null;
    }
    if (node.size() > MAX_CHANNELS) {
      errors.add(field, "At most " + MAX_CHANNELS + " channels.");
      return null;
    }
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    for (JsonNode id : node) {
      if (!id.isTextual() || id.textValue().isEmpty() || id.textValue().length() > MAX_ID_LENGTH) {
        errors.add(field, "Expected a list of channel ids.");
        return null;
      }
      ids.add(id.textValue());
    }
    return new ArrayList<>(ids);
  }
}
