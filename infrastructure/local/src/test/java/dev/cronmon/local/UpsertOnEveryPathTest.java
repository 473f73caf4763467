package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.processing.ProcessingErrorType;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docs/semantics.md rule C9 on each check-in path over real HTTP: the slug is normalised, a `monitor_config` creates or
 * merges into the monitor, an invalid one refuses the check-in of a new monitor and is reported (logged, on the
 * monitor, and in the org API's answer) for an existing one, whose check-in is kept.
 */
class UpsertOnEveryPathTest extends EveryCheckInPathTestBase {
  private static final String DAILY_IN_TOKYO = "{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 9 * * *\"},\"timezone\":\"Asia/Tokyo\"}";
  private static final String SIX_FIELDS = "{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 0 9 * * *\"}}";

  @ParameterizedTest
  @EnumSource(Path.class)
  void newMonitor_isCreatedFromTheConfig_underItsNormalisedSlug_namedAfterIt(Path path) {
    String raw = "Daily Report " + path.name().replace('_', ' ');

    Response r = checkIn(path, raw, "ok", null, null, DAILY_IN_TOKYO);

    assertThat(accepted(r)).as(r.body()).isTrue();
    String slug = slug(path, "daily-report");
    JsonNode m = monitor(slug);
    assertThat(m.get("name").asText()).isEqualTo(slug);
    assertThat(m.get("config").get("schedule").asText()).isEqualTo("0 9 * * *");
    assertThat(m.get("config").get("timezone").asText()).isEqualTo("Asia/Tokyo");
    assertThat(checkIns(slug)).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void config_mergesOnlyTheKeysGiven_intoAnExistingMonitor(Path path) {
    String slug = slug(path, "merged");
    create(slug);

    Response r = checkIn(path, slug, "ok", null, null, "{\"checkin_margin\":7,\"max_runtime\":90}");

    assertThat(accepted(r)).as(r.body()).isTrue();
    JsonNode config = monitor(slug).get("config");
    assertThat(config.get("schedule").asText()).isEqualTo("0 * * * *");
    assertThat(config.get("checkin_margin").asInt()).isEqualTo(7);
    assertThat(config.get("max_runtime").asInt()).isEqualTo(90);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void invalidConfig_forANewMonitor_refusesTheCheckIn_withTheValidationErrors_andWritesNothing(Path path) {
    var before = tableItems();

    Response r = checkIn(path, slug(path, "never-made"), "ok", null, null, SIX_FIELDS);

    JsonNode error = assertRefused(path, r, before, 400, ProcessingErrorType.MONITOR_INVALID_CONFIG);
    JsonNode fieldErrors = path == Path.ORG_API ? r.json() : error.get("errors").get(0).get("errors");
    String field = path == Path.ORG_API ? "monitor_config.schedule" : "schedule";
    assertThat(fieldErrors.get(field).get(0).asText()).isEqualTo("Only 5 field crontab syntax is supported");
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void invalidConfig_forAnExistingMonitor_keepsTheCheckIn_reportsTheError_andAValidOneClearsIt(Path path) {
    String slug = slug(path, "kept");
    create(slug);

    Response kept = checkIn(path, slug, "error", null, null, SIX_FIELDS);

    assertThat(accepted(kept)).as(kept.body()).isTrue();
    if (path == Path.ORG_API) {
      assertThat(kept.json().get("configError").asText()).isEqualTo("monitor_config.schedule: Only 5 field crontab syntax is supported");
    }
    JsonNode m = monitor(slug);
    assertThat(m.get("configError").asText()).isEqualTo("monitor_config.schedule: Only 5 field crontab syntax is supported");
    assertThat(m.get("config").get("schedule").asText()).isEqualTo("0 * * * *");
    assertThat(checkIns(slug).get(0).get("status").asText()).isEqualTo("error");

    clock.advance(Duration.ofMinutes(1));
    Response fixed = checkIn(path, slug, "ok", null, null, DAILY_IN_TOKYO);

    assertThat(accepted(fixed)).as(fixed.body()).isTrue();
    assertThat(monitor(slug).get("configError").isNull()).isTrue();
    assertThat(monitor(slug).get("config").get("schedule").asText()).isEqualTo("0 9 * * *");
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void disabledMonitor_refusesTheCheckIn_andItsConfigIsNotChanged(Path path) {
    String slug = slug(path, "disabled");
    create(slug);
    var store = stack.services().store();
    Monitor m = store.monitor(org, slug).orElseThrow();
    assertThat(store.replaceMonitor(new Monitor(m.id(), m.organization(), m.projectId(), m.slug(), m.name(), MonitorStatus.DISABLED,
        m.muted(), m.config(), m.dateCreated(), m.configError(), m.version() + 1))).isTrue();
    var before = tableItems();

    Response r = checkIn(path, slug, "ok", null, null, DAILY_IN_TOKYO);

    JsonNode error = assertRefused(path, r, before, 400, ProcessingErrorType.MONITOR_DISABLED);
    assertThat(path == Path.ORG_API ? r.json().get("detail").asText() : error.get("errors").get(0).get("detail").asText()).contains("disabled");
  }
}
