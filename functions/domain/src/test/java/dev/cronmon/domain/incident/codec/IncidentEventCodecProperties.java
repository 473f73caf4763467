package dev.cronmon.domain.incident.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cronmon.common.Json;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.incident.Failure;
import dev.cronmon.domain.incident.IncidentEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property layer, no I/O: the one wire form of incident events. Every event survives both round trips (the detail the
 * publisher writes, the EventBridge event the alerts function reads); a field name the writer never writes, anywhere
 * in the message, makes the reader refuse it; anything else is refused cleanly.
 */
class IncidentEventCodecProperties {

  @Property(tries = 300)
  void everyEvent_roundTrips_throughTheDetail(@ForAll("events") IncidentEvent event) {
    assertThat(IncidentEventCodec.fromDetail(IncidentEventCodec.detail(event))).isEqualTo(event);
  }

  @Property(tries = 300)
  void everyEvent_roundTrips_throughTheEventBridgeEventInAnSnsMessage(@ForAll("events") IncidentEvent event) {
    String message = IncidentEventCodec.eventBridgeEvent(event, "123456789012", "eu-west-1");

    assertThat(IncidentEventCodec.fromSnsMessage(message)).isEqualTo(event);
  }

  @Property(tries = 300)
  void aFieldNoProducerWrites_isRefused_wherever_itIs(@ForAll("events") IncidentEvent event, @ForAll("objectPaths") int path,
                                                      @ForAll("aliases") String alias) {
    // GIVEN a message as the writer writes it, with one more field in one of its objects
    ObjectNode root = (ObjectNode) Json.parse(IncidentEventCodec.eventBridgeEvent(event, "123456789012", "eu-west-1")
        .getBytes(StandardCharsets.UTF_8));
    List<ObjectNode> objects = List.of(root, (ObjectNode) root.get("detail"), (ObjectNode) root.get("detail").get("monitor"),
        (ObjectNode) root.get("detail").get("incident"));
    objects.get(path).put(alias, "x");

    // WHEN read, THEN refused
    assertThatThrownBy(() -> IncidentEventCodec.fromSnsMessage(root.toString())).isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 500)
  void anyOtherText_isRefusedWithIllegalArgument(@ForAll("junk") String text) {
    assertThatThrownBy(() -> IncidentEventCodec.fromDetail(text)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IncidentEventCodec.fromSnsMessage(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 100)
  void aBareDetail_isNoSnsMessage(@ForAll("events") IncidentEvent event) {
    assertThatThrownBy(() -> IncidentEventCodec.fromSnsMessage(IncidentEventCodec.detail(event))).isInstanceOf(IllegalArgumentException.class);
  }

  @Provide
  Arbitrary<IncidentEvent> events() {
    Arbitrary<Instant> times = Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
    Arbitrary<String> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(40);
    Arbitrary<Failure> failure = Combinators.combine(Arbitraries.create(UUID::randomUUID).injectNull(0.1),
        Arbitraries.of(CheckInStatus.ERROR, CheckInStatus.MISSED, CheckInStatus.TIMEOUT), times).as(Failure::new);
    return Combinators.combine(text, Arbitraries.of(IncidentEvent.Type.class), text, text, text, text, text, text)
        .flatAs((id, type, org, monId, slug, name, env, incidentId) -> Combinators.combine(times, times,
            failure.list().ofMaxSize(20), times.injectNull(0.3), text.injectNull(0.5), Arbitraries.integers().between(1, 100_000))
            // A reminder carries its number (docs/semantics.md rule R2); every other event none.
            .as((started, time, failures, lastOk, owner, number) -> new IncidentEvent(id, type, org, monId, slug, name, env, incidentId,
                started, time, List.copyOf(failures), lastOk, owner, type == IncidentEvent.Type.REMINDER ? number : 0)));
  }

  @Provide
  Arbitrary<Integer> objectPaths() {
    return Arbitraries.integers().between(0, 3);
  }

  /** What the readers before this codec took as aliases, and names nobody wrote. */
  @Provide
  Arbitrary<String> aliases() {
    return Arbitraries.oneOf(Arbitraries.of("monitorId", "monitorSlug", "monitorName", "incidentId", "incidentStarted", "eventType",
            "failingCheckIns", "timestamp", "occurredAt", "lastOkAt", "lastSuccessfulCheckIn", "startedAt", "dateStarted", "org",
            "somethingNew"),
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12)
            .filter(name -> !List.of("version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail",
                "eventId", "type", "organization", "monitor", "environment", "incident", "reason", "lastOk", "slug", "name",
                "started", "failures").contains(name)));
  }

  @Provide
  Arbitrary<String> junk() {
    String valid = IncidentEventCodec.detail(new IncidentEvent("e", IncidentEvent.Type.OPENED, "o", "i", "s", "n", "p", "x",
        Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T10:05:00Z"), List.of(), null));
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(100),
        Arbitraries.of("", "null", "[]", "{}", "{\"type\":\"opened\"}", "{\"type\":\"other\",\"eventId\":\"e\"}",
            valid.replace("\"opened\"", "\"OPENED\""),
            valid.replace("2026-03-02T10:00:00Z", "yesterday"),
            valid.replace("\"failures\":[]", "\"failures\":[{\"status\":\"ok!\",\"time\":\"2026-03-02T10:00:00Z\"}]"),
            valid.replace("\"failures\":[]", "\"failures\":[{\"status\":\"ERROR\",\"time\":\"2026-03-02T10:00:00Z\"}]"),
            valid.replace("\"failures\":[]", "\"failures\":[{\"checkInId\":\"nope\",\"status\":\"error\",\"time\":\"2026-03-02T10:00:00Z\"}]"),
            valid.replace("\"monitor\":{\"id\":\"i\",", "\"monitor\":{")));
  }

  static JsonNode json(String text) {
    return Json.parse(text.getBytes(StandardCharsets.UTF_8));
  }
}
