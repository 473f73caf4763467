package dev.cronmon.domain.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.checkin.OpenRun;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.schedule.IntervalSchedule;
import dev.cronmon.domain.schedule.IntervalUnit;
import dev.cronmon.domain.schedule.Schedule;
import dev.cronmon.domain.schedule.SlotPlanner;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Unit layer (no I/O): how an environment's deadlines follow its monitor's config and status. */
class DeadlinesTest {
  private static final ZoneId UTC = ZoneId.of("UTC");

  private static MonitorConfig config(Schedule schedule, int margin, int maxRuntime) {
    return new MonitorConfig(schedule, UTC, margin, maxRuntime, 1, 1);
  }

  private static MonitorConfig cron(String expression, int margin) {
    return config(new CrontabSchedule(expression), margin, 30);
  }

  private static Monitor monitor(MonitorConfig config, MonitorStatus status) {
    return new Monitor("m1", "acme", "1", "job", "Job", status, false, config, Instant.EPOCH, null, 1);
  }

  /** The environment as CheckInService leaves it after a check-in at {@code at} under {@code config}. */
  private static MonitorEnvironment afterCheckIn(MonitorConfig config, String at) {
    Instant t = Instant.parse(at);
    Instant next = SlotPlanner.plan(config.schedule(), config.timezone(), config.checkinMargin(), t).nextSlot();
    return MonitorEnvironment.fresh("m1", "production", t).toBuilder()
        .lastCheckIn(t).nextCheckIn(next).nextCheckInLatest(next.plus(config.margin())).version(1).build();
  }

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void marginChange_keepsThePendingSlot_andMovesItsDeadline() {
    MonitorEnvironment env = afterCheckIn(cron("0 * * * *", 1), "2026-03-02T10:00:20Z");

    MonitorEnvironment after = Deadlines.recompute(monitor(cron("0 * * * *", 15), MonitorStatus.ACTIVE), env, at("2026-03-02T10:30:00Z"));

    assertThat(after.nextCheckIn()).isEqualTo(at("2026-03-02T11:00:00Z"));
    assertThat(after.nextCheckInLatest()).isEqualTo(at("2026-03-02T11:15:00Z"));
  }

  @Test
  void dailyToHourly_expectsTheNextHourAfterTheChange_notEveryHourSinceTheLastRun() {
    MonitorEnvironment env = afterCheckIn(cron("0 2 * * *", 1), "2026-03-02T02:00:10Z");

    MonitorEnvironment after = Deadlines.recompute(monitor(cron("0 * * * *", 1), MonitorStatus.ACTIVE), env, at("2026-03-02T15:20:00Z"));

    assertThat(after.nextCheckIn()).isEqualTo(at("2026-03-02T16:00:00Z"));
    assertThat(after.nextCheckInLatest()).isEqualTo(at("2026-03-02T16:01:00Z"));
  }

  @Test
  void hourlyToDaily_expectsTheFirstDailySlotAfterTheLastCheckIn() {
    MonitorEnvironment env = afterCheckIn(cron("0 * * * *", 1), "2026-03-02T14:00:05Z");

    MonitorEnvironment after = Deadlines.recompute(monitor(cron("0 2 * * *", 5), MonitorStatus.ACTIVE), env, at("2026-03-02T14:30:00Z"));

    assertThat(after.nextCheckIn()).isEqualTo(at("2026-03-03T02:00:00Z"));
    assertThat(after.nextCheckInLatest()).isEqualTo(at("2026-03-03T02:05:00Z"));
  }

  @Test
  void timezoneChange_movesTheSlotToTheNewWallTime() {
    MonitorEnvironment env = afterCheckIn(cron("30 2 * * *", 1), "2026-03-02T02:30:00Z");
    MonitorConfig newYork = new MonitorConfig(new CrontabSchedule("30 2 * * *"), ZoneId.of("America/New_York"), 1, 30, 1, 1);

    MonitorEnvironment after = Deadlines.recompute(monitor(newYork, MonitorStatus.ACTIVE), env, at("2026-03-02T03:00:00Z"));

    assertThat(after.nextCheckIn()).isEqualTo(at("2026-03-02T07:30:00Z"));
  }

  @Test
  void pendingSlotPassed_butNotYetSwept_isStillExpected_withTheNewMargin() {
    MonitorEnvironment env = afterCheckIn(cron("0 * * * *", 10), "2026-03-02T09:00:00Z");

    MonitorEnvironment after = Deadlines.recompute(monitor(cron("0 * * * *", 2), MonitorStatus.ACTIVE), env, at("2026-03-02T10:05:00Z"));

    // Late under the new margin: the sweeper marks 10:00 missed on its next tick, which is what the new config says.
    assertThat(after.nextCheckIn()).isEqualTo(at("2026-03-02T10:00:00Z"));
    assertThat(after.nextCheckInLatest()).isEqualTo(at("2026-03-02T10:02:00Z"));
  }

  @Test
  void aSlotTheSweeperAlreadyMarkedMissed_isNeverExpectedAgain_whenTheMarginGrows() {
    // Checked in at 09:00; the sweeper marked 10:00 missed and moved the pending slot to 11:00.
    MonitorEnvironment swept = afterCheckIn(cron("0 * * * *", 1), "2026-03-02T09:00:00Z").toBuilder()
        .nextCheckIn(at("2026-03-02T11:00:00Z")).nextCheckInLatest(at("2026-03-02T11:01:00Z")).build();

    MonitorEnvironment after = Deadlines.recompute(monitor(cron("0 * * * *", 120), MonitorStatus.ACTIVE), swept, at("2026-03-02T10:30:00Z"));

    assertThat(after.nextCheckIn()).isEqualTo(at("2026-03-02T11:00:00Z"));
    assertThat(after.nextCheckInLatest()).isEqualTo(at("2026-03-02T13:00:00Z"));
  }

  @Test
  void anEarlyCheckIn_keepsTheSlotItFulfilled() {
    // 20 s before 10:00 counts for 10:00 (SlotPlanner), so 11:00 is pending.
    MonitorEnvironment env = afterCheckIn(cron("0 * * * *", 5), "2026-03-02T09:59:40Z");
    assertThat(env.nextCheckIn()).isEqualTo(at("2026-03-02T11:00:00Z"));

    MonitorEnvironment after = Deadlines.recompute(monitor(cron("0 * * * *", 10), MonitorStatus.ACTIVE), env, at("2026-03-02T09:59:50Z"));

    assertThat(after.nextCheckIn()).isEqualTo(at("2026-03-02T11:00:00Z"));
    assertThat(after.nextCheckInLatest()).isEqualTo(at("2026-03-02T11:10:00Z"));
  }

  @Test
  void intervalShrunk_keepsThePendingSlot_thenStepsFromTheNextCheckIn() {
    MonitorConfig hourly = config(new IntervalSchedule(1, IntervalUnit.HOUR), 1, 30);
    MonitorEnvironment env = afterCheckIn(hourly, "2026-03-02T10:00:00Z");

    MonitorEnvironment after = Deadlines.recompute(
        monitor(config(new IntervalSchedule(30, IntervalUnit.MINUTE), 1, 30), MonitorStatus.ACTIVE), env, at("2026-03-02T10:45:00Z"));

    assertThat(after.nextCheckIn()).isEqualTo(at("2026-03-02T11:00:00Z"));
  }

  @Test
  void intervalGrown_stepsFromTheLastCheckIn() {
    MonitorEnvironment env = afterCheckIn(config(new IntervalSchedule(1, IntervalUnit.HOUR), 1, 30), "2026-03-02T10:00:00Z");

    MonitorEnvironment after = Deadlines.recompute(
        monitor(config(new IntervalSchedule(3, IntervalUnit.HOUR), 1, 30), MonitorStatus.ACTIVE), env, at("2026-03-02T10:45:00Z"));

    assertThat(after.nextCheckIn()).isEqualTo(at("2026-03-02T13:00:00Z"));
  }

  @Test
  void openRuns_timeOutAtTheirTruncatedStartPlusTheNewMaxRuntime() {
    UUID run = UUID.randomUUID();
    MonitorEnvironment env = afterCheckIn(cron("0 * * * *", 1), "2026-03-02T10:00:00Z").toBuilder()
        .openRuns(List.of(new OpenRun(run, at("2026-03-02T10:05:42Z"), at("2026-03-02T10:35:00Z")))).build();

    MonitorEnvironment after = Deadlines.recompute(monitor(config(new CrontabSchedule("0 * * * *"), 1, 90), MonitorStatus.ACTIVE), env, at("2026-03-02T10:10:00Z"));

    assertThat(after.openRuns()).containsExactly(new OpenRun(run, at("2026-03-02T10:05:42Z"), at("2026-03-02T11:35:00Z")));
    assertThat(after.dueAt()).isEqualTo(at("2026-03-02T11:01:00Z"));
  }

  @Test
  void beforeTheFirstCheckIn_nothingIsExpected() {
    MonitorEnvironment fresh = MonitorEnvironment.fresh("m1", "production", at("2026-03-02T10:00:00Z")).toBuilder().version(1).build();

    MonitorEnvironment after = Deadlines.recompute(monitor(cron("* * * * *", 1), MonitorStatus.ACTIVE), fresh, at("2026-03-02T12:00:00Z"));

    assertThat(after.nextCheckIn()).isNull();
    assertThat(after.dueAt()).isNull();
  }

  @Test
  void disabling_takesTheEnvironmentOutOfTheDueIndex_andFreezesItsDeadlines() {
    MonitorEnvironment env = afterCheckIn(cron("0 * * * *", 1), "2026-03-02T10:00:00Z");

    MonitorEnvironment after = Deadlines.recompute(monitor(cron("*/5 * * * *", 30), MonitorStatus.DISABLED), env, at("2026-03-02T10:10:00Z"));

    assertThat(after.disabled()).isTrue();
    assertThat(after.dueAt()).isNull();
    assertThat(after.nextCheckIn()).isEqualTo(env.nextCheckIn());
  }

  @Test
  void enabling_expectsNothingFromTheDisabledTime() {
    MonitorConfig hourly = cron("0 * * * *", 1);
    MonitorEnvironment disabled = Deadlines.recompute(monitor(hourly, MonitorStatus.DISABLED),
        afterCheckIn(hourly, "2026-03-02T10:00:00Z"), at("2026-03-02T10:10:00Z"));

    MonitorEnvironment enabled = Deadlines.recompute(monitor(hourly, MonitorStatus.ACTIVE), disabled, at("2026-03-05T08:20:00Z"));

    assertThat(enabled.disabled()).isFalse();
    assertThat(enabled.nextCheckIn()).isEqualTo(at("2026-03-05T09:00:00Z"));
    assertThat(enabled.dueAt()).isEqualTo(at("2026-03-05T09:01:00Z"));
  }

  @Test
  void enablingAnIntervalMonitor_stepsFromNow() {
    MonitorConfig twoHours = config(new IntervalSchedule(2, IntervalUnit.HOUR), 1, 30);
    MonitorEnvironment disabled = afterCheckIn(twoHours, "2026-03-02T10:00:00Z").toBuilder().disabled(true).build();

    MonitorEnvironment enabled = Deadlines.recompute(monitor(twoHours, MonitorStatus.ACTIVE), disabled, at("2026-03-04T07:30:10Z"));

    assertThat(enabled.nextCheckIn()).isEqualTo(at("2026-03-04T09:30:00Z"));
  }

  @Property(tries = 300)
  void recompute_isIdempotent_andNeverExpectsASlotBeforeThePendingOneThatHasPassed(
      @ForAll("schedules") Schedule before, @ForAll("schedules") Schedule after,
      @ForAll @IntRange(min = 1, max = 120) int margin, @ForAll @IntRange(min = 0, max = 5000) int checkInMinute,
      @ForAll @IntRange(min = 0, max = 5000) int changeDelayMinutes, @ForAll @IntRange(min = 0, max = 3) int sweptSlots) {
    MonitorConfig old = config(before, 1, 30);
    MonitorEnvironment env = afterCheckIn(old, Instant.parse("2026-03-01T00:00:00Z").plusSeconds(60L * checkInMinute + 17).toString());
    Instant pending = env.nextCheckIn();
    for (int i = 0; i < sweptSlots; i++) pending = before.nextSlotAfter(pending, UTC); // the sweeper moved it on
    env = env.toBuilder().nextCheckIn(pending).nextCheckInLatest(pending.plusSeconds(60)).build();
    Instant now = env.lastCheckIn().plusSeconds(60L * changeDelayMinutes);
    Monitor changed = monitor(config(after, margin, 30), MonitorStatus.ACTIVE);

    MonitorEnvironment once = Deadlines.recompute(changed, env, now);
    MonitorEnvironment twice = Deadlines.recompute(changed, once, now.plusSeconds(30));

    assertThat(twice).isEqualTo(once);
    assertThat(once.nextCheckIn()).isAfter(env.lastCheckIn());
    if (!pending.isAfter(now)) assertThat(once.nextCheckIn()).isAfterOrEqualTo(pending);
    else assertThat(once.nextCheckIn()).isAfter(now);
    assertThat(once.nextCheckInLatest()).isEqualTo(once.nextCheckIn().plusSeconds(60L * margin));
  }

  @Provide
  Arbitrary<Schedule> schedules() {
    return Arbitraries.oneOf(
        Arbitraries.of("0 * * * *", "*/5 * * * *", "30 2 * * *", "0 9 * * 1-5", "15,45 * * * *", "@daily")
            .map(CrontabSchedule::new),
        Arbitraries.integers().between(1, 180).map(n -> new IntervalSchedule(n, IntervalUnit.MINUTE)),
        Arbitraries.integers().between(1, 3).map(n -> new IntervalSchedule(n, IntervalUnit.DAY)));
  }
}
