package dev.cronmon.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void anInstant_isWrittenAsIsoText_withoutTheJavaTimeModule() {
    // Millisecond and whole-second instants, as JavaTimeModule (dates not as timestamps) wrote them: Instant.toString
    assertThat(Json.write(Map.of("at", Instant.parse("2026-12-06T10:00:00.120Z")))).isEqualTo("{\"at\":\"2026-12-06T10:00:00.120Z\"}");
    assertThat(Json.write(Map.of("at", Instant.parse("2026-12-06T10:00:00Z")))).isEqualTo("{\"at\":\"2026-12-06T10:00:00Z\"}");
  }

  @Test
  void otherJavaTimeValues_failLoudly_ratherThanBeWrittenInAnotherShape() {
    assertThatThrownBy(() -> Json.write(Map.of("for", Duration.ofSeconds(5)))).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("java.time.Duration");
  }

  @Test
  void theMapper_registersNoJavaTimeModule() {
    assertThat(Json.MAPPER.getRegisteredModuleIds()).noneMatch(id -> id.toString().contains("jsr310"));
  }
}
