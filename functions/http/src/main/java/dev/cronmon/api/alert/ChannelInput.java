package dev.cronmon.api.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.domain.alert.ChannelConfig;
import dev.cronmon.domain.alert.ChannelType;
import dev.cronmon.domain.alert.UrlPolicy;
import dev.cronmon.domain.monitor.FieldErrors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A channel body as a client sent it ({@code {"name", "type", "config": {…}}}), validated into a name and a
 * {@link ChannelConfig}; the single home of the channel rules. Problems are field errors ({@code config.url}, …),
 * never exceptions, whatever the JSON.
 */
public final class ChannelInput {
  public static final int MAX_NAME_LENGTH = 128;
  public static final int MAX_EMAIL_RECIPIENTS = 10;
  private static final int MAX_EMAIL_LENGTH = 254;
  /** PagerDuty integration keys are 32 characters; a little slack for other Events API v2 key formats. */
  private static final Pattern ROUTING_KEY = Pattern.compile("[A-Za-z0-9_-]{20,64}");
  /** Deliberately plain ASCII (RFC 5322 atoms): nothing that could smuggle a second address or a header line. */
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");

  private ChannelInput() {}

  /** The {@code name} field: required when {@code required}, else null when absent. */
  public static String name(JsonNode body, boolean required, FieldErrors errors) {
    JsonNode v = body.get("name");
    if (v == null || v.isNull()) {
      if (required) errors.add("name", "This field is required.");
      return null;
    }
    if (!v.isTextual() || v.textValue().isBlank()) {
      errors.add("name", "This field must be a non-empty string.");
      return null;
    }
    String name = v.textValue().strip();
    if (name.length() > MAX_NAME_LENGTH) {
      errors.add("name", "Ensure this field has no more than " + MAX_NAME_LENGTH + " characters.");
      return null;
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      errors.add("name", "Name must not contain control characters.");
      return null;
    }
    return name;
  }

  /** The {@code type} field of a new channel. */
  public static ChannelType type(JsonNode body, FieldErrors errors) {
    JsonNode v = body.get("type");
    if (v == null || v.isNull()) {
      errors.add("type", "This field is required.");
      return null;
    }
    ChannelType type = v.isTextual() ? ChannelType.fromWire(v.textValue().toLowerCase(Locale.ROOT)).orElse(null) : null;
    if (type == null) errors.add("type", "Must be one of slack, pagerduty, webhook, email.");
    return type;
  }

  /** The {@code config} object of a channel of {@code type}; null (with errors) when it is not valid. */
  public static ChannelConfig config(ChannelType type, JsonNode config, UrlPolicy urls, FieldErrors errors) {
    if (config == null || config.isNull()) {
      errors.add("config", "This field is required.");
      return null;
    }
    if (!config.isObject()) {
      errors.add("config", "Expected an object.");
      return null;
    }
    int before = errors.asMap().size();
    ChannelConfig parsed = switch (type) {
      case SLACK -> {
        String url = url(config, urls, errors);
        yield url == null ? null : new ChannelConfig.Slack(url);
      }
      case WEBHOOK -> {
        String url = url(config, urls, errors);
        yield url == null ? null : new ChannelConfig.Webhook(url);
      }
      case PAGERDUTY -> {
        String key = text(config, "routing_key", errors);
        if (key != null && !ROUTING_KEY.matcher(key).matches()) {
          errors.add("config.routing_key", "Enter the 32-character integration key of a PagerDuty Events API v2 integration.");
          key = null;
        }
        yield key == null ? null : new ChannelConfig.PagerDuty(key);
      }
      case EMAIL -> {
        List<String> to = recipients(config.get("to"), errors);
        JsonNode toOwner = config.get("toOwner");
        if (toOwner != null && !toOwner.isNull() && !toOwner.isBoolean()) errors.add("config.toOwner", "Must be true or false.");
        yield to == null ? null : new ChannelConfig.Email(to, toOwner != null && toOwner.isBoolean() && toOwner.booleanValue());
      }
    };
    return errors.asMap().size() == before ? parsed : null;
  }

  private static String url(JsonNode config, UrlPolicy urls, FieldErrors errors) {
    String url = text(config, "url", errors);
    if (url == null) return null;
    var problem = urls.problem(url);
    problem.ifPresent(p -> errors.add("config.url", p));
    return problem.isPresent() ? null : url;
  }

  private static String text(JsonNode config, String field, FieldErrors errors) {
    JsonNode v = config.get(field);
    if (v == null || v.isNull() || (v.isTextual() && v.textValue().isBlank())) {
      errors.add("config." + field, "This field is required.");
      return null;
    }
    if (!v.isTextual()) {
      errors.add("config." + field, "Expected a string.");
      return null;
    }
    return v.textValue().strip();
  }

  /** One address or a list of 1..10, each a plain address; duplicates dropped. */
  private static List<String> recipients(JsonNode to, FieldErrors errors) {
    List<JsonNode> values = new ArrayList<>();
    if (to != null && to.isTextual()) values.add(to);
    else if (to != null && to.isArray()) to.forEach(values::add);
    else if (to != null && !to.isNull()) {
      errors.add("config.to", "Expected an email address or a list of them.");
      return null;
    }
    if (values.isEmpty()) {
      errors.add("config.to", "This field is required.");
      return null;
    }
    if (values.size() > MAX_EMAIL_RECIPIENTS) {
      errors.add("config.to", "At most " + MAX_EMAIL_RECIPIENTS + " recipients.");
      return null;
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode v : values) {
      String address = v.isTextual() ? v.textValue().strip() : null;
      if (address == null || address.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(address).matches()) {
        errors.add("config.to", "Enter valid email addresses.");
        return null;
      }
      out.add(address);
    }
    return List.copyOf(out);
  }
}
