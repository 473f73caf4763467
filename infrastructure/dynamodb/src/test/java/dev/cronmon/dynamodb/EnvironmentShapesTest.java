package dev.cronmon.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.monitor.Monitor;
import org.junit.jupiter.api.Test;

/**
 * Environment items in a shape other than the one cronmon writes, as a table could hold them, read through the one place
 * that reads them (dev.cronmon.domain.lifecycle.EarlierShapes): swept and checked in as their current shape would be,
 * never skipped. DynamoDB Local, clock moved by the test.
 */
class EnvironmentShapesTest extends SweepTestSupport {

  /** An hourly job (margin 5) that checked in at 10:00:10, its item holding only the deadline 11:05. */
  private Monitor deadlineOnly(String slug) {
    clock.set(at("2026-03-02T10:00:10Z"));
    Monitor m = monitor(slug, cron("0 * * * *", "UTC", 5));
    checkIn(m, CheckInStatus.OK);
    client.updateItem(b -> b.tableName(table)
        .key(Keys.environment(m.id(), ENV))
        .updateExpression("REMOVE nextCheckIn"));
    assertThat(env(m).nextCheckIn()).isNull();
    assertThat(env(m).nextCheckInLatest()).isEqualTo(at("2026-03-02T11:05:00Z"));
    return m;
  }

  @Test
  void anEnvironmentWithOnlyItsDeadline_isSweptAtTheSlotBeforeIt_andWrittenBackWhole() {
    // GIVEN an hourly job (margin 5) that checked in at 10:00:10, its item holding only the deadline 11:05
    Monitor m = deadlineOnly("deadline-only");

    // WHEN the sweeper passes the deadline
    sweepAt("2026-03-02T11:06:00Z");

    // THEN 11:00 (deadline minus margin) is missed, and the item carries both fields again
    assertThat(expectedTimes(missed(m))).containsExactly(at("2026-03-02T11:00:00Z"));
    assertThat(env(m).nextCheckIn()).isEqualTo(at("2026-03-02T12:00:00Z"));
    assertThat(env(m).nextCheckInLatest()).isEqualTo(at("2026-03-02T12:05:00Z"));
  }

  @Test
  void anEnvironmentWithOnlyItsDeadline_letsACheckInClaimItsSlot_once() {
    Monitor m = deadlineOnly("deadline-only-checkin");

    // WHEN the 11:00 run checks in on time, then the sweeper ticks after the deadline
    clock.set(at("2026-03-02T11:00:20Z"));
    checkIn(m, CheckInStatus.OK);
    sweepAt("2026-03-02T11:06:00Z");

    // THEN the check-in fulfilled 11:00 and nothing was missed
    assertThat(missed(m)).isEmpty();
    assertThat(history(m)).extracting(c -> c.expectedTime()).containsExactly(at("2026-03-02T10:00:00Z"), at("2026-03-02T11:00:00Z"));
    assertThat(env(m).nextCheckIn()).isEqualTo(at("2026-03-02T12:00:00Z"));
  }
}
