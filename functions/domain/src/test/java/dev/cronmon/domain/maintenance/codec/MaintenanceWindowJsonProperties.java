package dev.cronmon.domain.maintenance.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cronmon.domain.maintenance.MaintenanceWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Unit layer, no I/O: the maintenance window parser (docs/semantics.md rule M1) against generated windows, nonsense
 * values and arbitrary bodies: a body is a window or field errors naming the body's keys, never both, never a throw.
 */
class MaintenanceWindowJsonProperties {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> FIELDS = Set.of("name", "start", "end", "duration", "schedule", "timezone", "monitors",
      "project", "owner", "non_field_errors");

  @Property
  void everyRecurringWindow_parsesToWhatWasGiven(@ForAll("crontabs") String crontab, @ForAll("zones") String zone,
                                                 @ForAll @IntRange(min = 1, max = 44_640) int minutes, @ForAll("slugLists") List<String> slugs) {
    ObjectNode body = NODES.objectNode().put("name", "patching").put("schedule", crontab).put("timezone", zone).put("duration", minutes);
    slugs.forEach(body.putArray("monitors")::add);

    MaintenanceWindowJson.Parsed parsed = MaintenanceWindowJson.parse(body);

    assertThat(parsed.errors().asMap()).isEmpty();
    MaintenanceWindow.Recurring timing = (MaintenanceWindow.Recurring) parsed.timing();
    assertThat(timing.timezone().getId()).isEqualTo(zone);
    assertThat(timing.duration()).isEqualTo(Duration.ofMinutes(minutes));
    assertThat(((MaintenanceWindow.Monitors) parsed.target()).slugs()).containsExactlyElementsOf(slugs.stream().distinct().toList());
    Instant now = Instant.parse("2026-06-01T00:00:00Z");
    MaintenanceWindow.Period next = timing.firstEndingAfter(now).orElseThrow();
    assertThat(next.end()).isAfter(now);
    assertThat(Duration.between(next.start(), next.end())).isEqualTo(Duration.ofMinutes(minutes));
  }

  @Property
  void everyOneOffWindow_byEndOrDuration_parsesToItsPeriod(@ForAll @LongRange(min = 0, max = 4_000_000_000L) long startSecond,
                                                            @ForAll @IntRange(min = 1, max = 44_640) int minutes, @ForAll boolean byEnd) {
    Instant start = Instant.ofEpochSecond(1 + startSecond);
    Instant end = start.plus(Duration.ofMinutes(minutes));
    ObjectNode body = NODES.objectNode().put("name", "upgrade").put("start", start.toString()).put("project", "backend");
    if (byEnd) body.put("end", end.toString());
    else body.put("duration", minutes);

    MaintenanceWindowJson.Parsed parsed = MaintenanceWindowJson.parse(body);

    assertThat(parsed.errors().asMap()).isEmpty();
    assertThat(parsed.timing()).isEqualTo(new MaintenanceWindow.OneOff(start, end));
    assertThat(parsed.target()).isEqualTo(new MaintenanceWindow.Project("backend"));
  }

  @Property
  void aDurationBelowOneMinute_orNotWhole_orTooLong_isAFieldErrorOnDuration(@ForAll("badDurations") JsonNode duration,
                                                                              @ForAll boolean recurring) {
    ObjectNode body = NODES.objectNode().put("name", "x").put("owner", "team:ops");
    if (recurring) body.put("schedule", "0 3 * * *");
    else body.put("start", "2026-03-29T01:00:00Z");
    body.set("duration", duration);

    MaintenanceWindowJson.Parsed parsed = MaintenanceWindowJson.parse(body);

    assertThat(parsed.valid()).isFalse();
    assertThat(parsed.errors().asMap()).containsOnlyKeys("duration");
    assertThat(parsed.timing()).isNull();
  }

  @Property(tries = 2000)
  void anyBody_isAWindowOrFieldErrors_neverBoth_neverThrows(@ForAll("bodies") JsonNode body) {
    MaintenanceWindowJson.Parsed parsed = MaintenanceWindowJson.parse(body);

    if (parsed.valid()) {
      assertThat(parsed.name()).isNotBlank();
      assertThat(parsed.timing()).isNotNull();
      assertThat(parsed.target()).isNotNull();
    } else {
      assertThat(parsed.timing()).isNull();
      assertThat(parsed.errors().asMap().keySet()).isSubsetOf(FIELDS);
    }
  }

  @Example
  void nonsense_isAFieldErrorNamingTheField() throws Exception {
    assertThat(errors("{\"name\":\"x\",\"schedule\":\"0 3 * * *\",\"timezone\":\"Mars/Olympus\",\"duration\":30,\"monitors\":[\"a\"]}"))
        .containsOnlyKeys("timezone");
    assertThat(errors("{\"name\":\"x\",\"schedule\":\"61 3 * * *\",\"duration\":30,\"monitors\":[\"a\"]}")).containsOnlyKeys("schedule");
    assertThat(errors("{\"name\":\"x\",\"schedule\":\"0 3 * * *\",\"duration\":0,\"monitors\":[\"a\"]}")).containsOnlyKeys("duration");
    assertThat(errors("{\"name\":\"x\",\"schedule\":\"0 3 * * *\",\"duration\":30,\"monitors\":[]}")).containsOnlyKeys("monitors");
    assertThat(errors("{\"name\":\"x\",\"schedule\":\"0 3 * * *\",\"duration\":30}")).containsOnlyKeys("monitors");
    assertThat(errors("{\"name\":\"x\",\"start\":\"2026-03-29T02:00:00Z\",\"end\":\"2026-03-29T01:00:00Z\",\"owner\":\"team:ops\"}"))
        .containsOnlyKeys("end");
    assertThat(errors("{\"name\":\"x\",\"start\":\"2026-03-29T02:00:00\",\"duration\":5,\"owner\":\"team:ops\"}")).containsOnlyKeys("start");
    assertThat(errors("{\"name\":\"\",\"start\":\"2026-03-29T02:00:00Z\",\"duration\":5,\"owner\":\"nobody\"}")).containsOnlyKeys("name", "owner");
    assertThat(errors("[1]")).containsOnlyKeys("non_field_errors");
  }

  private static java.util.Map<String, List<String>> errors(String json) throws Exception {
    return MaintenanceWindowJson.parse(JSON.readTree(json)).errors().asMap();
  }

  // --- arbitraries ------------------------------------------------------------------------------------------------

  @Provide
  Arbitrary<String> crontabs() {
    return Arbitraries.of("0 3 * * *", "30 2 * * SUN", "*/15 * * * *", "0 0 1 * *", "@daily", "@weekly", "0 22 * * 1-5",
        "45 1 * * 0", "0 */6 * * *");
  }

  @Provide
  Arbitrary<String> zones() {
    return Arbitraries.of("UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham");
  }

  @Provide
  Arbitrary<List<String>> slugLists() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12).list().ofMinSize(1).ofMaxSize(5);
  }

  @Provide
  Arbitrary<JsonNode> badDurations() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(Long.MIN_VALUE, 0).map(NODES::numberNode),
        Arbitraries.longs().between(44_641, Long.MAX_VALUE).map(NODES::numberNode),
        Arbitraries.doubles().between(-10, 100).filter(d -> d != Math.rint(d)).map(NODES::numberNode),
        Arbitraries.strings().ofMaxLength(5).map(NODES::textNode),
        Arbitraries.just(NODES.booleanNode(true)),
        Arbitraries.just(NODES.arrayNode()));
  }

  /** Bodies made of the window's keys with values of any JSON type, valid or not. */
  @Provide
  Arbitrary<JsonNode> bodies() {
    Arbitrary<JsonNode> values = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(30).map(NODES::textNode),
        Arbitraries.of("2026-03-29T01:00:00Z", "2026-03-29T01:00:00+02:00", "0 3 * * *", "61 * * * *", "Europe/Berlin",
            "Nowhere/City", "team:ops", "user:", "a@b.co", "", " ").map(NODES::textNode),
        Arbitraries.longs().map(NODES::numberNode),
        Arbitraries.doubles().map(NODES::numberNode),
        Arbitraries.just(NODES.nullNode()),
        Arbitraries.just(NODES.booleanNode(false)),
        Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(8).list().ofMaxSize(3).map(l -> {
          var array = NODES.arrayNode();
          l.forEach(array::add);
          return (JsonNode) array;
        }));
    Arbitrary<String> keys = Arbitraries.of("name", "start", "end", "duration", "schedule", "timezone", "monitors", "project",
        "owner", "extra");
    return Arbitraries.maps(keys, values).ofMaxSize(8).map(map -> {
      ObjectNode body = NODES.objectNode();
      map.forEach(body::set);
      return (JsonNode) body;
    });
  }
}
