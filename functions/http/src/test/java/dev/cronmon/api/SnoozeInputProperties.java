package dev.cronmon.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cronmon.domain.monitor.FieldErrors;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property layer, no I/O: a snooze's {@code mutedUntil} (docs/semantics.md rule N1), however hostile, is an instant that
 * the ISO-8601 text with an offset names, or a field error naming it; never an exception.
 */
class SnoozeInputProperties {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Property(tries = 500)
  void mutedUntil_isTheInstantItsTextNames_orAFieldErrorNamingIt(@ForAll("values") JsonNode value, @ForAll("muted") Boolean muted) {
    ObjectNode body = NODES.objectNode();
    body.set("mutedUntil", value);
    FieldErrors errors = new FieldErrors();
    Instant until = ManageApi.mutedUntil(body, muted, errors);
    if (value.isNull()) {
      assertThat(until).isNull();
      assertThat(errors.isEmpty()).isTrue();
      return;
    }
    Instant expected = value.isTextual() ? Requests.instant(value.textValue()).orElse(null) : null;
    if (expected != null && !Boolean.FALSE.equals(muted)) {
      assertThat(until).isEqualTo(expected);
      assertThat(errors.isEmpty()).isTrue();
    } else {
      assertThat(until).isNull();
      assertThat(errors.asMap()).containsOnlyKeys("mutedUntil");
    }
  }

  @Provide
  Arbitrary<JsonNode> values() {
    Arbitrary<String> iso = Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L)
        .flatMap(s -> Arbitraries.integers().between(-18, 18).map(h -> OffsetDateTime.ofInstant(Instant.ofEpochSecond(s),
            ZoneOffset.ofHours(h)).toString()));
    return Arbitraries.oneOf(
        iso.map(NODES::textNode),
        iso.map(t -> t.substring(0, Math.max(0, t.length() - 3))).map(NODES::textNode),
        Arbitraries.strings().ofMaxLength(30).map(NODES::textNode),
        Arbitraries.of("2026-03-02T10:00:00", "2026-02-30T10:00:00Z", "tomorrow", "", "2026-03-02T25:00:00Z").map(NODES::textNode),
        Arbitraries.longs().map(NODES::numberNode),
        Arbitraries.of(NODES.nullNode(), NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode()));
  }

  @Provide
  Arbitrary<Boolean> muted() {
    return Arbitraries.of(true, false).injectNull(0.4);
  }
}
