package dev.cronmon.domain.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronmon.domain.checkin.CheckInStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The bus wire form of incident events: every event survives the round trip; anything else is refused cleanly. */
class IncidentEventDetailProperties {

  @Property(tries = 300)
  void everyEvent_roundTrips(@ForAll("events") IncidentEvent event) {
    assertThat(IncidentEventDetail.fromJson(IncidentEventDetail.toJson(event))).isEqualTo(event);
  }

  @Property(tries = 500)
  void anyOtherText_isRefusedWithIllegalArgument(@ForAll("junk") String text) {
    assertThatThrownBy(() -> IncidentEventDetail.fromJson(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Provide
  Arbitrary<IncidentEvent> events() {
    Arbitrary<Instant> times = Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
    Arbitrary<String> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(40);
    Arbitrary<Failure> failure = Combinators.combine(Arbitraries.create(UUID::randomUUID).injectNull(0.1),
        Arbitraries.of(CheckInStatus.ERROR, CheckInStatus.MISSED, CheckInStatus.TIMEOUT), times).as(Failure::new);
    return Combinators.combine(text, Arbitraries.of(IncidentEvent.Type.class), text, text, text, text, text, text)
        .flatAs((id, type, org, monId, slug, name, env, incidentId) -> Combinators.combine(times, times,
            failure.list().ofMaxSize(20), times.injectNull(0.3))
            .as((started, time, failures, lastOk) -> new IncidentEvent(id, type, org, monId, slug, name, env, incidentId,
                started, time, List.copyOf(failures), lastOk)));
  }

  @Provide
  Arbitrary<String> junk() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(100),
        Arbitraries.of("", "null", "[]", "{}", "{\"type\":\"opened\"}", "{\"type\":\"other\",\"eventId\":\"e\"}",
            "{\"eventId\":\"e\",\"type\":\"opened\",\"organization\":\"o\",\"monitor\":{\"id\":\"i\",\"slug\":\"s\",\"name\":\"n\"},"
                + "\"environment\":\"p\",\"incident\":{\"id\":\"x\",\"started\":\"yesterday\"}}",
            "{\"eventId\":\"e\",\"type\":\"opened\",\"organization\":\"o\",\"monitor\":{\"id\":\"i\",\"slug\":\"s\",\"name\":\"n\"},"
                + "\"environment\":\"p\",\"incident\":{\"id\":\"x\",\"failures\":[{\"status\":\"ok!\"}]}}"));
  }
}
