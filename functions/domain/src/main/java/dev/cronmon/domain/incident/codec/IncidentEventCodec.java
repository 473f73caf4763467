package dev.cronmon.domain.incident.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.cronmon.common.Json;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.incident.Failure;
import dev.cronmon.domain.incident.IncidentEvent;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The one wire format of an {@link IncidentEvent} (docs/events.md): the {@code detail} the sweeper's publisher puts on
 * the EventBridge bus, and the EventBridge event around it that the bus's SNS target hands the alerts function. One
 * record ({@link Detail}) and the one mapper configuration ({@link Json}) write and read it.
 *
 * <p>The reader takes exactly what the writer writes: the EventBridge event with this detail, no other field names
 * (no flat or aliased fields, no bare detail without its event); anything else is an {@link IllegalArgumentException}
 * that consumers log and drop.
 */
public final class IncidentEventCodec {
  public static final String SOURCE = "cronmon";
  public static final String OPENED = "Monitor Incident Opened";
  public static final String RESOLVED = "Monitor Incident Resolved";
  /** The broken-monitor notices of an open incident (docs/semantics.md rules B1, B2). */
  public static final String BROKEN = "Monitor Environment Broken";
  public static final String MUTED = "Monitor Environment Muted";
  /** A reminder that an incident is still open (docs/semantics.md rule R2). */
  public static final String REMINDER = "Monitor Incident Reminder";

  /**
   * The detail: {@code {eventId, type, organization, monitor: {id, slug, name, owner}, environment, incident: {id, started,
   * failures}, reason, lastOk, time, reminder}}; {@code reminder} only on a reminder (its number).
   */
  record Detail(String eventId, String type, String organization, MonitorRef monitor, String environment, IncidentRef incident,
                String reason, String lastOk, String time, @JsonInclude(JsonInclude.Include.NON_NULL) Integer reminder) {}

  /** {@code owner}: the monitor's owner as given, or null (docs/semantics.md rule O1). */
  record MonitorRef(String id, String slug, String name, String owner) {}

  record IncidentRef(String id, String started, List<FailureRef> failures) {}

  record FailureRef(String checkInId, String status, String time) {}

  /** An EventBridge event as a rule's target receives it; {@code D} the detail (ours, or any JSON on the local bus). */
  record EventBridgeEvent<D>(String version, String id, @JsonProperty("detail-type") String detailType, String source, String account,
                             String time, String region, List<String> resources, D detail) {}

  private static final ObjectReader DETAIL = Json.MAPPER.readerFor(Detail.class);
  private static final ObjectReader EVENT = Json.MAPPER.readerFor(new TypeReference<EventBridgeEvent<Detail>>() {});

  private IncidentEventCodec() {}

  public static String detailType(IncidentEvent.Type type) {
    return switch (type) {
      case OPENED -> OPENED;
      case RESOLVED -> RESOLVED;
      case BROKEN -> BROKEN;
      case MUTED -> MUTED;
      case REMINDER -> REMINDER;
    };
  }

  /** The detail JSON, as the publisher's PutEvents entry carries it. */
  public static String detail(IncidentEvent e) {
    return Json.write(toDetail(e));
  }

  /** The whole EventBridge event as the bus delivers it to its SNS target (the local stack, priming, benchmarks). */
  public static String eventBridgeEvent(IncidentEvent e, String account, String region) {
    String id = UUID.nameUUIDFromBytes(e.id().getBytes(StandardCharsets.UTF_8)).toString();
    return Json.write(new EventBridgeEvent<>("0", id, detailType(e.type()), SOURCE, account, iso(e.time().truncatedTo(ChronoUnit.SECONDS)),
        region, List.of(), toDetail(e)));
  }

  /** Any event as a bus delivers it: the local stack's bus wraps each accepted PutEvents entry in this. */
  public static String eventBridgeEvent(String id, String source, String detailType, Instant time, String account, String region,
                                        JsonNode detail) {
    return Json.write(new EventBridgeEvent<>("0", id, detailType, source, account, iso(time.truncatedTo(ChronoUnit.SECONDS)), region,
        List.of(), detail));
  }

  /** The event in a detail (what the publisher sent). */
  public static IncidentEvent fromDetail(String json) {
    return toEvent(read(DETAIL, json, "incident event detail"));
  }

  /** The event in an SNS message: the EventBridge event whose detail is an incident event's. */
  public static IncidentEvent fromSnsMessage(String message) {
    EventBridgeEvent<Detail> event = read(EVENT, message, "SNS message");
    if (!SOURCE.equals(event.source())) throw new IllegalArgumentException("event of source \"" + event.source() + "\", not " + SOURCE);
    IncidentEvent e = toEvent(require(event.detail(), "detail"));
    if (!detailType(e.type()).equals(event.detailType())) {
      throw new IllegalArgumentException("detail-type \"" + event.detailType() + "\" does not match the detail's type");
    }
    return e;
  }

  private static Detail toDetail(IncidentEvent e) {
    List<FailureRef> failures = e.failures().stream()
        .map(f -> new FailureRef(f.checkInId() == null ? null : f.checkInId().toString(), f.status().wire(), iso(f.time()))).toList();
    return new Detail(e.id(), e.type().wire(), e.organization(),
        new MonitorRef(e.monitorId(), e.monitorSlug(), e.monitorName(), e.owner()), e.environment(),
        new IncidentRef(e.incidentId(), iso(e.incidentStarted()), failures), e.reason(), iso(e.lastOk()), iso(e.time()),
        e.type() == IncidentEvent.Type.REMINDER ? e.reminder() : null);
  }

  private static IncidentEvent toEvent(Detail d) {
    IncidentEvent.Type type = switch (require(d.type(), "type")) {
      case "opened" -> IncidentEvent.Type.OPENED;
      case "resolved" -> IncidentEvent.Type.RESOLVED;
      case "broken" -> IncidentEvent.Type.BROKEN;
      case "muted" -> IncidentEvent.Type.MUTED;
      case "reminder" -> IncidentEvent.Type.REMINDER;
      default -> throw new IllegalArgumentException("unknown incident event type \"" + d.type() + "\"");
    };
    MonitorRef monitor = require(d.monitor(), "monitor");
    IncidentRef incident = require(d.incident(), "incident");
    List<Failure> failures = new ArrayList<>();
    for (FailureRef f : incident.failures() == null ? List.<FailureRef>of() : incident.failures()) {
      FailureRef failure = require(f, "failure");
      failures.add(new Failure(failure.checkInId() == null ? null : uuid(failure.checkInId()), status(require(failure.status(), "failure status")),
          instant(require(failure.time(), "failure time"))));
    }
    return new IncidentEvent(require(d.eventId(), "eventId"), type, require(d.organization(), "organization"),
        require(monitor.id(), "monitor id"), require(monitor.slug(), "monitor slug"), require(monitor.name(), "monitor name"),
        require(d.environment(), "environment"), require(incident.id(), "incident id"), instant(require(incident.started(), "incident start")),
        instant(require(d.time(), "time")), List.copyOf(failures), d.lastOk() == null ? null : instant(d.lastOk()), monitor.owner(),
        type == IncidentEvent.Type.REMINDER ? reminderNumber(d.reminder()) : 0);
  }

  private static int reminderNumber(Integer n) {
    if (require(n, "reminder number") < 1) throw new IllegalArgumentException("reminder number " + n + " is not positive");
    return n;
  }

  private static <T> T read(ObjectReader reader, String json, String what) {
    if (json == null || json.isBlank()) throw new IllegalArgumentException("empty " + what);
    try {
      T value = reader.readValue(json);
      if (value == null) throw new IllegalArgumentException(what + " is not a JSON object");
      return value;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(what + " is not an incident event: " + e.getOriginalMessage());
    }
  }

  private static CheckInStatus status(String wire) {
    for (CheckInStatus s : CheckInStatus.values()) if (s.wire().equals(wire)) return s;
    throw new IllegalArgumentException("unknown failure status \"" + wire + "\"");
  }

  private static UUID uuid(String s) {
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("failure check-in id is not a UUID: \"" + s + "\"");
    }
  }

  private static Instant instant(String s) {
    try {
      return Instant.parse(s);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("not an ISO-8601 instant: \"" + s + "\"");
    }
  }

  private static <T> T require(T value, String what) {
    if (value == null) throw new IllegalArgumentException("incident event without " + what);
    return value;
  }

  private static String iso(Instant t) {
    return t == null ? null : t.toString();
  }
}
