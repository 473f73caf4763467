package dev.cronmon.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlotPlannerTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    private static SlotPlanner.Plan plan(String cron, ZoneId zone, int margin, String checkIn) {
        return SlotPlanner.plan(new CrontabSchedule(cron), zone, margin, Instant.parse(checkIn));
    }

    private static SlotPlanner.Plan expect(String expected, String next) {
        return new SlotPlanner.Plan(expected == null ? null : Instant.parse(expected), Instant.parse(next));
    }

    @Test
    void plan_countsCheckInForComingSlot_whenTwentySecondsEarly() {
        assertThat(plan("0 * * * *", UTC, 1, "2025-06-01T11:59:40Z"))
                .isEqualTo(expect("2025-06-01T12:00:00Z", "2025-06-01T13:00:00Z"));
    }

    @Test
    void plan_isNotEarly_whenJustAfterSlotOfEveryMinuteSchedule() {
        // 55 s before the next slot is within the margin, but the check-in is closer to the slot just passed.
        assertThat(plan("* * * * *", UTC, 1, "2025-06-01T12:00:05Z"))
                .isEqualTo(expect("2025-06-01T12:00:00Z", "2025-06-01T12:01:00Z"));
    }

    @Test
    void plan_isEarly_whenCloserToComingSlotOfEveryMinuteSchedule() {
        assertThat(plan("* * * * *", UTC, 1, "2025-06-01T12:00:40Z"))
                .isEqualTo(expect("2025-06-01T12:01:00Z", "2025-06-01T12:02:00Z"));
    }

    @Test
    void plan_countsCheckInForDailySlot_whenThirtySecondsEarly() {
        assertThat(plan("0 0 * * *", UTC, 1, "2025-06-01T23:59:30Z"))
                .isEqualTo(expect("2025-06-02T00:00:00Z", "2025-06-03T00:00:00Z"));
        // Same in a zone with DST: 30 s before 09:00 CEST.
        assertThat(plan("0 9 * * *", ZoneId.of("Europe/Berlin"), 1, "2025-06-01T06:59:30Z"))
                .isEqualTo(expect("2025-06-01T07:00:00Z", "2025-06-02T07:00:00Z"));
    }

    @Test
    void plan_earlyToleranceIsCappedAtThreeMinutes() {
        assertThat(plan("0 * * * *", UTC, 30, "2025-06-01T11:57:00Z"))
                .isEqualTo(expect("2025-06-01T12:00:00Z", "2025-06-01T13:00:00Z"));
        assertThat(plan("0 * * * *", UTC, 30, "2025-06-01T11:56:59Z"))
                .isEqualTo(expect("2025-06-01T11:00:00Z", "2025-06-01T12:00:00Z"));
    }

    @Test
    void plan_earlyToleranceIsAtMostTheMargin() {
        assertThat(plan("0 * * * *", UTC, 1, "2025-06-01T11:58:30Z"))
                .isEqualTo(expect("2025-06-01T11:00:00Z", "2025-06-01T12:00:00Z"));
        assertThat(plan("0 * * * *", UTC, 2, "2025-06-01T11:58:30Z"))
                .isEqualTo(expect("2025-06-01T12:00:00Z", "2025-06-01T13:00:00Z"));
    }

    @Test
    void plan_onTheSlot_fulfilsThatSlot() {
        assertThat(plan("0 * * * *", UTC, 1, "2025-06-01T12:00:00Z"))
                .isEqualTo(expect("2025-06-01T12:00:00Z", "2025-06-01T13:00:00Z"));
    }

    @Test
    void plan_late_fulfilsPreviousSlot() {
        assertThat(plan("0 * * * *", UTC, 5, "2025-06-01T12:04:00Z"))
                .isEqualTo(expect("2025-06-01T12:00:00Z", "2025-06-01T13:00:00Z"));
    }

    @Test
    void plan_early_acrossDstGap_fulfilsJumpSlot() {
        // "30 2 * * *" fires at 07:00Z on New York's spring-forward day; a check-in 10 s before counts for it.
        assertThat(plan("30 2 * * *", ZoneId.of("America/New_York"), 1, "2025-03-09T06:59:50Z"))
                .isEqualTo(expect("2025-03-09T07:00:00Z", "2025-03-10T06:30:00Z"));
    }

    @Test
    void plan_interval_hasNoExpectedTime_andStepsFromCheckIn() {
        SlotPlanner.Plan plan = SlotPlanner.plan(new IntervalSchedule(2, IntervalUnit.HOUR), UTC, 1,
                Instant.parse("2025-06-01T11:59:40Z"));
        assertThat(plan).isEqualTo(expect(null, "2025-06-01T13:59:00Z"));
    }
}
