package dev.cronmon.domain.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cronmon.common.Json;
import dev.cronmon.domain.checkin.CheckInStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The wire form of an {@link IncidentEvent} on the event bus (docs/events.md): EventBridge {@code source},
 * {@code detail-type}, and the {@code detail} JSON, written by the publisher and read back by consumers (alerts).
 */
public final class IncidentEventDetail {
  public static final String SOURCE = "cronmon";
  public static final String OPENED = "Monitor Incident Opened";
  public static final String RESOLVED = "Monitor Incident Resolved";

  private IncidentEventDetail() {}

  public static String detailType(IncidentEvent.Type type) {
    return type == IncidentEvent.Type.OPENED ? OPENED : RESOLVED;
  }

  public static String toJson(IncidentEvent e) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("eventId", e.id());
    root.put("type", e.type().name().toLowerCase(Locale.ROOT));
    root.put("organization", e.organization());
    ObjectNode monitor = root.putObject("monitor");
    monitor.put("id", e.monitorId());
    monitor.put("slug", e.monitorSlug());
    monitor.put("name", e.monitorName());
    root.put("environment", e.environment());
    ObjectNode incident = root.putObject("incident");
    incident.put("id", e.incidentId());
    incident.put("started", text(e.incidentStarted()));
    ArrayNode failures = incident.putArray("failures");
    for (Failure f : e.failures()) {
      ObjectNode n = failures.addObject();
      n.put("checkInId", f.checkInId() == null ? null : f.checkInId().toString());
      n.put("status", f.status().wire());
      n.put("time", text(f.time()));
    }
    root.put("reason", e.reason());
    root.put("lastOk", text(e.lastOk()));
    root.put("time", text(e.time()));
    return Json.write(root);
  }

  /** Reads a detail back; IllegalArgumentException for anything that is not one (consumers log and drop it). */
  public static IncidentEvent fromJson(String json) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json == null ? "" : json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("incident event detail is not JSON", e);
    }
    if (root == null || !root.isObject()) throw new IllegalArgumentException("incident event detail is not a JSON object");
    try {
      IncidentEvent.Type type = switch (required(root, "type")) {
        case "opened" -> IncidentEvent.Type.OPENED;
        case "resolved" -> IncidentEvent.Type.RESOLVED;
        default -> throw new IllegalArgumentException("unknown incident event type");
      };
      JsonNode monitor = root.path("monitor");
      JsonNode incident = root.path("incident");
      List<Failure> failures = new ArrayList<>();
      for (JsonNode f : incident.path("failures")) {
        String id = f.path("checkInId").isTextual() ? f.path("checkInId").asText() : null;
        CheckInStatus status = CheckInStatus.fromWire(required(f, "status"));
        failures.add(new Failure(id == null ? null : UUID.fromString(id), status, instant(f, "time")));
      }
      return new IncidentEvent(required(root, "eventId"), type, required(root, "organization"), required(monitor, "id"),
          required(monitor, "slug"), required(monitor, "name"), required(root, "environment"), required(incident, "id"),
          instant(incident, "started"), instant(root, "time"), failures, instant(root, "lastOk"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("incident event detail has an invalid time", e);
    }
  }

  private static String required(JsonNode node, String field) {
    JsonNode v = node.path(field);
    if (!v.isTextual()) throw new IllegalArgumentException("incident event detail lacks " + field);
    return v.asText();
  }

  private static Instant instant(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isTextual() ? Instant.parse(v.asText()) : null;
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }
}
