package dev.cronmon.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.processing.ErrorList;
import dev.cronmon.domain.processing.ProcessingError;
import dev.cronmon.domain.processing.ProcessingErrorType;
import dev.cronmon.domain.service.ProcessingErrors;
import dev.cronmon.domain.processing.Problem;
import dev.cronmon.domain.time.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Local integration (DynamoDB Local): processing errors (docs/semantics.md rule E3) — a ring of ten slots per list, the
 * newest kept, at most ten writes' worth a minute per list, what a flood costs, and expiry after seven days.
 */
class ProcessingErrorsStoreTest extends StoreTestSupport {
  private final MutableClock clock = MutableClock.at("2026-03-02T10:00:00Z");
  private static final ErrorList PROJECT = ErrorList.ofProject("4711");

  private ProcessingErrors errors(DynamoCronStore store) {
    return new ProcessingErrors(store, clock);
  }

  private static List<Problem> notFound(String slug) {
    return List.of(Problem.of(ProcessingErrorType.MONITOR_NOT_FOUND, "Monitor \"" + slug + "\" does not exist"));
  }

  private Optional<ProcessingError> record(ProcessingErrors errors, ErrorList list, String slug) {
    return errors.record(list, "4711", slug, "envelope", "{\"monitor_slug\":\"" + slug + "\",\"status\":\"ok\"}", notFound(slug));
  }

  private List<Map<String, AttributeValue>> items() {
    return client.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build()).items().stream().toList();
  }

  @Test
  void aListKeepsItsTenNewestErrors_newestFirst_inTenSlotsAndOneCounter() {
    ProcessingErrors errors = errors(store);
    for (int i = 0; i < 25; i++) {
      clock.advance(Duration.ofSeconds(30)); // two a minute: under the per-minute cap
      assertThat(record(errors, PROJECT, "job-" + i)).isPresent();
    }

    List<ProcessingError> listed = errors.list(PROJECT);

    assertThat(listed).extracting(ProcessingError::monitorSlug)
        .containsExactly("job-24", "job-23", "job-22", "job-21", "job-20", "job-19", "job-18", "job-17", "job-16", "job-15");
    assertThat(items()).hasSize(ProcessingErrors.PER_LIST + 1);
    assertThat(listed.get(0).errors().get(0).type()).isEqualTo(ProcessingErrorType.MONITOR_NOT_FOUND);
    assertThat(listed.get(0).payload()).isEqualTo("{\"monitor_slug\":\"job-24\",\"status\":\"ok\"}");
    assertThat(listed.get(0).received()).isEqualTo(clock.instant());
  }

  @Test
  void aFloodOfTenThousandInAMinute_keepsTheCap_andCostsAtMostTwentyWrites() {
    CapacityMeter meter = new CapacityMeter();
    ProcessingErrors errors = errors(metered(meter));
    int kept = 0;

    for (int i = 0; i < 10_000; i++) {
      if (i % 200 == 0) clock.set(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusMillis(i * 5L));
      if (record(errors, PROJECT, "unknown-" + i).isPresent()) kept++;
    }

    assertThat(kept).isEqualTo(ProcessingErrors.PER_MINUTE);
    assertThat(errors.list(PROJECT)).hasSize(ProcessingErrors.PER_LIST);
    assertThat(items()).hasSize(ProcessingErrors.PER_LIST + 1);
    // 10 counter writes + 10 slot writes; each item is far below 1 KB, so one unit each.
    assertThat(meter.writeUnits()).as(meter.toString()).isLessThanOrEqualTo(2.0 * ProcessingErrors.PER_MINUTE);
    System.out.println("10,000 dropped check-ins in a minute: " + meter);

    clock.advance(Duration.ofMinutes(1));
    assertThat(record(errors, PROJECT, "next-minute")).as("the next minute takes errors again").isPresent();
    assertThat(errors.list(PROJECT).get(0).monitorSlug()).isEqualTo("next-minute");
  }

  @Test
  void listsAreSeparate_andEveryItemExpiresThroughTheTableTtl_inSevenDays() {
    ProcessingErrors errors = errors(store);
    ErrorList monitor = ErrorList.ofMonitor("mon-1");
    ProcessingError inMonitor = record(errors, monitor, "job").orElseThrow();
    record(errors, PROJECT, "other");

    assertThat(errors.list(monitor)).containsExactly(inMonitor);
    assertThat(errors.list(PROJECT)).extracting(ProcessingError::monitorSlug).containsExactly("other");
    long expiresAt = clock.instant().plus(ProcessingErrors.RETENTION).getEpochSecond();
    assertThat(items()).allSatisfy(i -> assertThat(i.get(TableSchema.TTL_ATTRIBUTE).n()).isEqualTo(Long.toString(expiresAt)));

    clock.advance(ProcessingErrors.RETENTION);
    assertThat(errors.list(monitor)).as("TTL may take a while: listings leave expired errors out").isEmpty();
  }

  @Test
  void deleting_removesOnlyThatError_andAnUnknownIdChangesNothing() {
    ProcessingErrors errors = errors(store);
    ProcessingError first = record(errors, PROJECT, "first").orElseThrow();
    ProcessingError second = record(errors, PROJECT, "second").orElseThrow();

    assertThat(errors.delete(PROJECT, first.id())).isTrue();
    assertThat(errors.delete(PROJECT, first.id())).isFalse();
    assertThat(errors.delete(ErrorList.ofMonitor("mon-1"), second.id())).isFalse();

    assertThat(errors.list(PROJECT)).containsExactly(second);
  }

  @Test
  void everyFieldOfAProblem_roundTrips() {
    ProcessingErrors errors = errors(store);
    List<Problem> problems = List.of(
        Problem.withFieldErrors(ProcessingErrorType.MONITOR_INVALID_CONFIG, "monitor_config.schedule: bad",
            Map.of("schedule", List.of("bad", "worse"))),
        Problem.of(ProcessingErrorType.CHECKIN_ENVIRONMENT_MISMATCH, "other environment", "existingEnvironment", "staging"));

    ProcessingError kept = errors.record(PROJECT, "4711", null, "cron", null, problems).orElseThrow();

    assertThat(errors.list(PROJECT)).containsExactly(kept);
    assertThat(errors.list(PROJECT).get(0).errors()).isEqualTo(problems);
  }
}
