package dev.cronmon.domain.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cronmon.domain.checkin.CheckInStatus;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * An {@link IncidentEvent} as JSON: the EventBridge event ({@code source} "cronmon", {@code detail} the incident
 * event) that the EventBridge→SNS target puts in each SNS message the alerts function receives.
 *
 * <p>The reader is tolerant on purpose: it accepts the SNS message as the EventBridge envelope or as the bare
 * detail, the monitor and incident nested or flat ({@code monitor.id} or {@code monitorId}, {@code eventId} or
 * {@code id}, failures in {@code incident} or beside it), the type in any case
 * ({@code opened}, {@code OPENED}, {@code incident.opened}) or from the envelope's {@code detail-type}, and ignores
 * unknown fields, so the publisher can add fields without breaking delivery. Anything it cannot make an event of is
 * an {@link IllegalArgumentException}.
 */
public final class IncidentEventJson {
  public static final String SOURCE = "cronmon";
  public static final String DETAIL_TYPE_OPENED = "Monitor Incident Opened";
  public static final String DETAIL_TYPE_RESOLVED = "Monitor Incident Resolved";
  public static final String DETAIL_TYPE_BROKEN = "Monitor Environment Broken";
  public static final String DETAIL_TYPE_MUTED = "Monitor Environment Muted";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private IncidentEventJson() {}

  // --- writing ----------------------------------------------------------------------------------------------

  /**
   * The event's {@code detail}: {@code {eventId, type, organization, monitor: {id, slug, name}, environment,
   * incident: {id, started, failures}, reason, lastOk, time}} — the shape of the sweeper's publisher (docs/events.md).
   */
  public static Map<String, Object> detail(IncidentEvent e) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("eventId", e.id());
    d.put("type", e.type().name().toLowerCase(Locale.ROOT));
    d.put("organization", e.organization());
    Map<String, Object> monitor = new LinkedHashMap<>();
    monitor.put("id", e.monitorId());
    monitor.put("slug", e.monitorSlug());
    monitor.put("name", e.monitorName());
    d.put("monitor", monitor);
    d.put("environment", e.environment());
    List<Map<String, Object>> failures = new ArrayList<>();
    for (Failure f : e.failures()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("checkInId", f.checkInId() == null ? null : f.checkInId().toString());
      m.put("status", f.status().wire());
      m.put("time", iso(f.time()));
      failures.add(m);
    }
    Map<String, Object> incident = new LinkedHashMap<>();
    incident.put("id", e.incidentId());
    incident.put("started", iso(e.incidentStarted()));
    incident.put("failures", failures);
    d.put("incident", incident);
    d.put("reason", e.reason());
    d.put("lastOk", iso(e.lastOk()));
    d.put("time", iso(e.time()));
    return d;
  }

  public static String detailType(IncidentEvent e) {
    return detailType(e.type());
  }

  /** The EventBridge detail-type of each kind of event; template.yaml's rule forwards exactly these to the topic. */
  public static String detailType(IncidentEvent.Type type) {
    return switch (type) {
      case OPENED -> DETAIL_TYPE_OPENED;
      case RESOLVED -> DETAIL_TYPE_RESOLVED;
      case BROKEN -> DETAIL_TYPE_BROKEN;
      case MUTED -> DETAIL_TYPE_MUTED;
    };
  }

  /** The EventBridge event as the bus hands it to its SNS target (the local stack's in-process topic sends this). */
  public static String eventBridgeEnvelope(IncidentEvent e, String account, String region) {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("version", "0");
    envelope.put("id", UUID.nameUUIDFromBytes(e.id().getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
    envelope.put("detail-type", detailType(e));
    envelope.put("source", SOURCE);
    envelope.put("account", account);
    envelope.put("time", iso(e.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    envelope.put("region", region);
    envelope.put("resources", List.of());
    envelope.put("detail", detail(e));
    try {
      return MAPPER.writeValueAsString(envelope);
    } catch (JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  // --- reading ----------------------------------------------------------------------------------------------

  /** The incident event in an SNS message: an EventBridge envelope or a bare detail object. */
  public static IncidentEvent fromSnsMessage(String message) {
    if (message == null || message.isBlank()) throw new IllegalArgumentException("empty SNS message");
    JsonNode root;
    try {
      root = MAPPER.readTree(message);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("SNS message is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) throw new IllegalArgumentException("SNS message is not a JSON object");
    JsonNode detail = root.get("detail");
    if (detail != null && detail.isObject()) return fromDetail(detail, text(root, "detail-type"));
    return fromDetail(root, null);
  }

  public static IncidentEvent fromDetail(JsonNode d, String detailType) {
    JsonNode monitor = object(d, "monitor");
    JsonNode incident = object(d, "incident");
    IncidentEvent.Type type = type(first(text(d, "type"), text(d, "eventType"), detailType));
    String incidentId = first(text(incident, "id"), text(d, "incidentId"));
    String id = first(text(d, "id"), text(d, "eventId"), incidentId == null ? null : incidentId + ":" + type.name().toLowerCase(Locale.ROOT));
    List<Failure> failures = failures(first(array(d, "failures"), array(incident, "failures"), array(d, "failingCheckIns")));
    return new IncidentEvent(
        require(id, "id"),
        type,
        require(first(text(d, "organization"), text(d, "org")), "organization"),
        require(first(text(monitor, "id"), text(d, "monitorId")), "monitor id"),
        require(first(text(monitor, "slug"), text(d, "monitorSlug")), "monitor slug"),
        first(text(monitor, "name"), text(d, "monitorName"), text(monitor, "slug"), text(d, "monitorSlug")),
        require(first(text(d, "environment"), text(object(d, "environment"), "name")), "environment"),
        require(incidentId, "incident id"),
        require(instant(first(text(incident, "started"), text(incident, "startedAt"), text(incident, "dateStarted"),
            text(d, "incidentStarted"))), "incident start"),
        require(instant(first(text(d, "time"), text(d, "timestamp"), text(d, "occurredAt"))), "time"),
        failures,
        instant(first(text(d, "lastOk"), text(d, "lastOkAt"), text(d, "lastSuccessfulCheckIn"))));
  }

  private static IncidentEvent.Type type(String raw) {
    String t = raw == null ? "" : raw.toLowerCase(Locale.ROOT);
    if (t.endsWith("opened") || t.endsWith("open")) return IncidentEvent.Type.OPENED;
    if (t.endsWith("resolved") || t.endsWith("resolve")) return IncidentEvent.Type.RESOLVED;
    if (t.endsWith("broken")) return IncidentEvent.Type.BROKEN;
    if (t.endsWith("muted")) return IncidentEvent.Type.MUTED;
    throw new IllegalArgumentException("unknown incident event type \"" + raw + "\"");
  }

  private static List<Failure> failures(JsonNode array) {
    List<Failure> out = new ArrayList<>();
    if (array == null) return out;
    for (JsonNode f : array) {
      String status = text(f, "status");
      Instant time = instant(first(text(f, "time"), text(f, "dateCreated")));
      if (status == null || time == null) throw new IllegalArgumentException("failure without status or time: " + f);
      String id = first(text(f, "checkInId"), text(f, "id"));
      CheckInStatus parsed;
      try {
        parsed = CheckInStatus.fromWire(status);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown failure status \"" + status + "\"");
      }
      out.add(new Failure(id == null ? null : uuid(id), parsed, time));
    }
    return out;
  }

  private static UUID uuid(String s) {
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      return null; // an id we cannot read is not worth dropping the alert for
    }
  }

  private static JsonNode object(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isObject() ? v : null;
  }

  private static JsonNode array(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isArray() ? v : null;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isTextual() && !v.textValue().isEmpty() ? v.textValue() : null;
  }

  private static Instant instant(String s) {
    if (s == null) return null;
    try {
      return Instant.parse(s);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("not an ISO-8601 instant: \"" + s + "\"");
    }
  }

  @SafeVarargs
  private static <T> T first(T... values) {
    for (T v : values) if (v != null) return v;
    return null;
  }

  private static <T> T require(T value, String what) {
    if (value == null) throw new IllegalArgumentException("incident event without " + what);
    return value;
  }

  private static String iso(Instant t) {
    return t == null ? null : t.toString();
  }
}
