package dev.cronmon.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.monitor.EnvironmentStatus;
import dev.cronmon.domain.monitor.Monitor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * No false `missed` on DST days (Sentry #66763, #66868, #79813): a `30 2 * * *` job runs when the cron daemon runs it
 * (in a skipped hour right after the jump, in a repeated hour once), checks in 5 s later, and the sweeper ticks an hour
 * before each run (catching up any deadline the schedule put earlier) and every 10 minutes in that hour and after.
 */
class SweeperDstTest extends SweepTestSupport {

  @ParameterizedTest(name = "{0}: {1}, {2}, {3}")
  @CsvSource({
      // spring forward: 02:30 does not exist on the middle day, the daemon runs the job at 03:00 local
      "America/New_York, 2026-03-07T07:30:00Z, 2026-03-08T07:00:00Z, 2026-03-09T06:30:00Z",
      "Europe/Berlin,    2026-03-28T01:30:00Z, 2026-03-29T01:00:00Z, 2026-03-30T00:30:00Z",
      // fall back: New York repeats 01:00-01:59 (02:30 is once, EST); Berlin repeats 02:00-02:59 (02:30 runs once, CEST)
      "America/New_York, 2026-10-31T06:30:00Z, 2026-11-01T07:30:00Z, 2026-11-02T07:30:00Z",
      "Europe/Berlin,    2026-10-24T00:30:00Z, 2026-10-25T00:30:00Z, 2026-10-26T01:30:00Z",
  })
  void dstDay_dailyJobAt0230_hasNoFalseMissed(String zone, Instant dayBefore, Instant dstDay, Instant dayAfter) {
    // GIVEN a daily 02:30 job (margin 1) in the zone
    clock.set(dayBefore.minus(Duration.ofHours(1)));
    Monitor m = monitor("dst-" + UUID.randomUUID().toString().substring(0, 8), cron("30 2 * * *", zone, 1));

    // WHEN it runs at the daemon's times across the DST day while the sweeper ticks before and around each run
    List<UUID> runs = new ArrayList<>();
    for (Instant run : List.of(dayBefore, dstDay, dayAfter)) {
      sweepThroughTheHourBefore(run);
      clock.set(run.plusSeconds(5));
      runs.add(checkIn(m, CheckInStatus.OK).id());
    }
    sweepThroughTheHourBefore(dayAfter.plus(Duration.ofHours(2)));

    // THEN nothing is missed, each run names its own slot, and the next slot is the following day's
    assertThat(missed(m)).isEmpty();
    assertThat(env(m).status()).isEqualTo(EnvironmentStatus.OK);
    assertThat(runs).extracting(id -> store.checkIn(id).orElseThrow().expectedTime()).containsExactly(dayBefore, dstDay, dayAfter);
  }

  private void sweepThroughTheHourBefore(Instant until) {
    Instant t = clock.instant();
    if (t.isBefore(until.minus(Duration.ofHours(1)))) t = until.minus(Duration.ofHours(1)).minus(Duration.ofMinutes(10));
    while (t.isBefore(until)) {
      t = t.plus(Duration.ofMinutes(10));
      if (t.isAfter(until)) t = until;
      clock.set(t);
      sweeper.sweep(dev.cronmon.domain.service.Sweeper.Budget.of(100));
    }
  }
}
