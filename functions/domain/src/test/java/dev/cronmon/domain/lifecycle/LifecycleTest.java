package dev.cronmon.domain.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.checkin.OpenRun;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.incident.ResolvedIncident;
import dev.cronmon.domain.lifecycle.EnvironmentEvent.CheckInArrived;
import dev.cronmon.domain.lifecycle.EnvironmentEvent.Muted;
import dev.cronmon.domain.lifecycle.EnvironmentEvent.Published;
import dev.cronmon.domain.lifecycle.EnvironmentEvent.RunClosed;
import dev.cronmon.domain.lifecycle.EnvironmentEvent.SlotsOverdue;
import dev.cronmon.domain.hearing.Deafness;
import dev.cronmon.domain.lifecycle.EnvironmentEvent.Swept;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.schedule.CrontabSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Unit layer (no I/O): the state core's transition function, event by event. Each test names the docs/semantics.md
 * rule it proves; the same rules against DynamoDB Local are in infrastructure/dynamodb (SweeperTest,
 * ResolvedIncidentHistoryTest, …).
 */
class LifecycleTest {
  private static final String ENV = "production";
  /** Hourly, margin 5, max runtime 30, threshold 1, recovery 1. */
  private static final MonitorConfig HOURLY = new MonitorConfig(new CrontabSchedule("0 * * * *"), ZoneId.of("UTC"), 5, 30, 1, 1);
  private static final Monitor MONITOR = new Monitor("m1", "acme", "42", "job", "Job", MonitorStatus.ACTIVE, false, HOURLY,
      Instant.EPOCH, null, 1);

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  private static CheckIn checkIn(CheckInStatus status, String created) {
    Instant t = at(created);
    Instant timeout = status == CheckInStatus.IN_PROGRESS ? HOURLY.timeoutFor(t) : null;
    return new CheckIn(UUID.randomUUID(), MONITOR.id(), MONITOR.projectId(), ENV, status, null, t, t, null, timeout, HOURLY, null, 1);
  }

  private static Transition apply(MonitorEnvironment env, EnvironmentEvent event, String now) {
    return Lifecycle.apply(MONITOR, env, event, at(now), Set.of());
  }

  /** The environment after an ok at 10:00:10: waiting for 11:00 (deadline 11:05). */
  private static MonitorEnvironment afterOkAt10() {
    return apply(MonitorEnvironment.fresh(MONITOR.id(), ENV, at("2026-03-02T10:00:00Z")),
        new CheckInArrived(checkIn(CheckInStatus.OK, "2026-03-02T10:00:10Z")), "2026-03-02T10:00:10Z").env();
  }

  /** {@link #afterOkAt10} swept at 11:06: 11:00 missed, an incident open, waiting for 12:00. */
  private static MonitorEnvironment withIncident() {
    return Lifecycle.apply(MONITOR, afterOkAt10(), new Swept(Map.of(), List.of()), at("2026-03-02T11:06:00Z"), Set.of()).env();
  }

  @Test
  void arrival_movesTheNextSlot_countsTheMinute_andClaimsItsSlot_rulesS5C6S6() {
    Transition t = apply(afterOkAt10(), new CheckInArrived(checkIn(CheckInStatus.OK, "2026-03-02T11:01:00Z")), "2026-03-02T11:01:00Z");

    assertThat(t.env().nextCheckIn()).isEqualTo(at("2026-03-02T12:00:00Z"));
    assertThat(t.env().nextCheckInLatest()).isEqualTo(at("2026-03-02T12:05:00Z"));
    assertThat(t.env().checkInRate().countAt(at("2026-03-02T11:01:30Z"))).isEqualTo(1);
    assertThat(t.slot()).isEqualTo(at("2026-03-02T11:00:00Z"));
    assertThat(t.checkIns()).isEmpty();
  }

  @Test
  void inProgress_opensARun_withItsTimeout_ruleC2() {
    Transition t = apply(afterOkAt10(), new CheckInArrived(checkIn(CheckInStatus.IN_PROGRESS, "2026-03-02T11:00:30Z")), "2026-03-02T11:00:30Z");

    assertThat(t.env().openRuns()).singleElement().extracting(OpenRun::timeoutAt).isEqualTo(at("2026-03-02T11:30:00Z"));
    assertThat(t.env().activeIncident()).isNull();
  }

  @Test
  void arrivalAfterAnUnsweptDeadline_marksTheSlotMissedFirst_andClaimsNone_ruleW2() {
    Transition t = apply(afterOkAt10(), new CheckInArrived(checkIn(CheckInStatus.OK, "2026-03-02T11:30:00Z")), "2026-03-02T11:30:00Z");

    assertThat(t.checkIns()).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo(CheckInStatus.MISSED);
      assertThat(c.id()).isEqualTo(MissedSlots.missedCheckInId(MONITOR.id(), ENV, at("2026-03-02T11:00:00Z")));
    });
    assertThat(t.slot()).isNull();
    assertThat(t.env().outbox()).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.OPENED, IncidentEvent.Type.RESOLVED);
  }

  @Test
  void everyEventThatResolvesAnIncident_hasItInItsHistory_ruleI3() {
    MonitorEnvironment open = withIncident();
    String id = open.activeIncident().id();
    CheckIn run = checkIn(CheckInStatus.IN_PROGRESS, "2026-03-02T11:10:00Z");
    MonitorEnvironment running = apply(open, new CheckInArrived(run), "2026-03-02T11:10:00Z").env();
    CheckIn orphan = checkIn(CheckInStatus.OK, "2026-03-02T12:01:00Z");

    List<Transition> resolving = List.of(
        apply(open, new CheckInArrived(checkIn(CheckInStatus.OK, "2026-03-02T11:30:00Z")), "2026-03-02T11:30:00Z"),
        apply(open, new CheckInArrived(checkIn(CheckInStatus.OK, "2026-03-02T12:30:00Z")), "2026-03-02T12:30:00Z"),
        apply(running, new RunClosed(run.id(), CheckInStatus.OK), "2026-03-02T11:20:00Z"),
        apply(open, new Swept(Map.of(), List.of(orphan)), "2026-03-02T12:07:00Z"),
        apply(running, new Swept(Map.of(run.id(), Optional.of(run.close(CheckInStatus.OK, 1L, at("2026-03-02T11:20:00Z")))), List.of()),
            "2026-03-02T11:41:00Z"));

    for (Transition t : resolving) {
      assertThat(t.env().activeIncident()).isNull();
      assertThat(t.resolved()).extracting(ResolvedIncident::id).containsExactly(id);
    }
  }

  @Test
  void aTransitionThatResolvesNothing_keepsNoHistory_ruleI3() {
    Transition error = apply(withIncident(), new CheckInArrived(checkIn(CheckInStatus.ERROR, "2026-03-02T11:30:00Z")), "2026-03-02T11:30:00Z");

    assertThat(error.env().activeIncident()).isNotNull();
    assertThat(error.resolved()).isEmpty();
  }

  @Test
  void sweep_timesOutARunPastItsDeadline_closingItsCheckIn_ruleW3() {
    CheckIn run = checkIn(CheckInStatus.IN_PROGRESS, "2026-03-02T10:10:00Z");
    MonitorEnvironment running = apply(afterOkAt10(), new CheckInArrived(run), "2026-03-02T10:10:00Z").env();

    Transition t = apply(running, new Swept(Map.of(run.id(), Optional.of(run)), List.of()), "2026-03-02T10:41:00Z");

    assertThat(t.env().openRuns()).isEmpty();
    assertThat(t.checkIns()).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(run.id());
      assertThat(c.status()).isEqualTo(CheckInStatus.TIMEOUT);
      assertThat(c.version()).isEqualTo(2);
    });
    assertThat(t.env().activeIncident().failures()).singleElement().satisfies(f -> assertThat(f.time()).isEqualTo(at("2026-03-02T10:40:00Z")));
  }

  @Test
  void sweep_leavesAFreshCheckInItNeverHeardOfToItsRequest_ruleW5() {
    CheckIn inFlight = checkIn(CheckInStatus.OK, "2026-03-02T11:04:00Z");

    Transition t = apply(afterOkAt10(), new Swept(Map.of(), List.of(inFlight)), "2026-03-02T11:06:00Z");

    assertThat(t.changes()).isFalse();
  }

  @Test
  void sweep_ofADisabledOrDeletedMonitor_takesTheEnvironmentOutOfTheDueIndex_ruleW6() {
    Monitor disabled = new Monitor(MONITOR.id(), "acme", "42", "job", "Job", MonitorStatus.DISABLED, false, HOURLY, Instant.EPOCH, null, 2);

    for (Monitor m : java.util.Arrays.asList(disabled, null)) {
      Transition t = Lifecycle.apply(m, afterOkAt10(), new Swept(Map.of(), List.of()), at("2026-03-02T11:06:00Z"), Set.of());
      assertThat(t.env().dueAt()).isNull();
      assertThat(t.checkIns()).isEmpty();
    }
  }

  @Test
  void aSlotWhoseMissedCheckInExists_isSkipped_notWrittenAgain_ruleW1() {
    UUID existing = MissedSlots.missedCheckInId(MONITOR.id(), ENV, at("2026-03-02T11:00:00Z"));

    Transition t = Lifecycle.apply(MONITOR, afterOkAt10(), new Swept(Map.of(), List.of()), at("2026-03-02T11:06:00Z"), Set.of(existing));

    assertThat(t.checkIns()).isEmpty();
    assertThat(t.env().nextCheckIn()).isEqualTo(at("2026-03-02T12:00:00Z"));
    assertThat(t.env().activeIncident()).isNull();
  }

  @Test
  void slotsOverdue_marksAPartOnlyWhenOneWriteCannotHoldThemAll_ruleW2() {
    MonitorEnvironment env = afterOkAt10();
    Instant fewHoursLater = at("2026-03-02T15:30:00Z");
    Instant dayLater = at("2026-03-03T12:30:00Z");

    Transition few = Lifecycle.apply(MONITOR, env, new SlotsOverdue(), fewHoursLater, Set.of());
    Transition many = Lifecycle.apply(MONITOR, env, new SlotsOverdue(), dayLater, Set.of());

    assertThat(few.changes()).isFalse();
    assertThat(many.checkIns()).hasSize(MissedSlots.MAX_PER_WRITE);
    assertThat(many.env().nextCheckIn()).isEqualTo(at("2026-03-02T11:00:00Z").plus(Duration.ofHours(MissedSlots.MAX_PER_WRITE)));
  }

  @Test
  void runClosed_leavesTheRuns_countsTheMinute_andRecordsItsStatus_rulesC3C6() {
    CheckIn run = checkIn(CheckInStatus.IN_PROGRESS, "2026-03-02T10:10:00Z");
    MonitorEnvironment running = apply(afterOkAt10(), new CheckInArrived(run), "2026-03-02T10:10:00Z").env();

    Transition t = apply(running, new RunClosed(run.id(), CheckInStatus.ERROR), "2026-03-02T10:12:00Z");

    assertThat(t.env().openRuns()).isEmpty();
    assertThat(t.env().checkInRate().countAt(at("2026-03-02T10:12:00Z"))).isEqualTo(1);
    assertThat(t.env().activeIncident()).isNotNull();
    assertThat(t.env().nextCheckIn()).as("closing a run does not move the next slot (rule S5)").isEqualTo(running.nextCheckIn());
  }

  @Test
  void mutedEnvironment_tracksIncidents_butPutsNoEventInTheOutbox_ruleI4() {
    MonitorEnvironment muted = apply(afterOkAt10(), new Muted(true), "2026-03-02T10:30:00Z").env();

    Transition t = apply(muted, new Swept(Map.of(), List.of()), "2026-03-02T11:06:00Z");

    assertThat(t.env().activeIncident()).isNotNull();
    assertThat(t.env().outbox()).isEmpty();
  }

  @Test
  void published_removesOnlyTheAcceptedEvents_ruleW7() {
    MonitorEnvironment open = withIncident();
    String opened = open.outbox().get(0).id();

    Transition none = Lifecycle.apply(null, open, new Published(Set.of("another")), at("2026-03-02T11:07:00Z"), Set.of());
    Transition accepted = Lifecycle.apply(null, open, new Published(Set.of(opened)), at("2026-03-02T11:07:00Z"), Set.of());

    assertThat(none.changes()).isFalse();
    assertThat(accepted.env().outbox()).isEmpty();
  }

  @Test
  void anEnvironmentWithADeadlineButNoPendingSlot_isReadAsWaitingForDeadlineMinusMargin() {
    MonitorEnvironment deadlineOnly = afterOkAt10().toBuilder().nextCheckIn(null).build();

    Transition t = apply(deadlineOnly, new Swept(Map.of(), List.of()), "2026-03-02T11:06:00Z");

    assertThat(t.before().nextCheckIn()).isEqualTo(at("2026-03-02T11:00:00Z"));
    assertThat(t.checkIns()).extracting(CheckIn::expectedTime).containsExactly(at("2026-03-02T11:00:00Z"));
  }

  // --- rules U1, U2: unknown ---------------------------------------------------------------------------------

  /** Deaf from 10:30 to 11:03: the 11:00 slot (deadline 11:05) was awaited while cronmon could not hear. */
  private static final Deafness DEAF_10_30_TO_11_03 = Deafness.of(List.of(new Deafness.Period(at("2026-03-02T10:30:00Z"), at("2026-03-02T11:03:00Z"))));

  private static Swept sweptWhile(Deafness deaf) {
    return new Swept(Map.of(), List.of(), deaf, BrokenPolicy.DEFAULT);
  }

  @Test
  void slotAwaitedWhileDeaf_isUnknown_withTheMissedId_andOpensNoIncident_ruleU1() {
    Transition t = apply(afterOkAt10(), sweptWhile(DEAF_10_30_TO_11_03), "2026-03-02T11:06:00Z");

    assertThat(t.checkIns()).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo(CheckInStatus.UNKNOWN);
      assertThat(c.id()).isEqualTo(MissedSlots.missedCheckInId(MONITOR.id(), ENV, at("2026-03-02T11:00:00Z")));
      assertThat(c.expectedTime()).isEqualTo(at("2026-03-02T11:00:00Z"));
      assertThat(c.dateCreated()).isEqualTo(at("2026-03-02T11:00:00Z"));
    });
    assertThat(t.env().nextCheckIn()).as("the next slot follows as after a missed one").isEqualTo(at("2026-03-02T12:00:00Z"));
    assertThat(t.env().activeIncident()).isNull();
    assertThat(t.env().outbox()).isEmpty();
    assertThat(t.env().failureStreak()).isEmpty();
  }

  @Test
  void slotWhoseWaitMissesTheDeafPeriod_isStillMissed_ruleU1() {
    Deafness before = Deafness.of(List.of(new Deafness.Period(at("2026-03-02T10:20:00Z"), at("2026-03-02T11:00:00Z"))));
    Deafness after = Deafness.of(List.of(new Deafness.Period(at("2026-03-02T11:05:00Z"), at("2026-03-02T11:30:00Z"))));

    for (Deafness deaf : List.of(before, after)) {
      Transition t = apply(afterOkAt10(), sweptWhile(deaf), "2026-03-02T11:06:00Z");
      assertThat(t.checkIns()).extracting(CheckIn::status).containsExactly(CheckInStatus.MISSED);
    }
  }

  @Test
  void runTimingOutWhileDeaf_isUnknown_andOpensNoIncident_ruleU1() {
    CheckIn run = checkIn(CheckInStatus.IN_PROGRESS, "2026-03-02T10:10:00Z");
    MonitorEnvironment running = apply(afterOkAt10(), new CheckInArrived(run), "2026-03-02T10:10:00Z").env();

    Transition t = apply(running, new Swept(Map.of(run.id(), Optional.of(run)), List.of(), DEAF_10_30_TO_11_03, BrokenPolicy.DEFAULT),
        "2026-03-02T10:41:00Z");

    assertThat(t.checkIns()).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(CheckInStatus.UNKNOWN));
    assertThat(t.env().openRuns()).isEmpty();
    assertThat(t.env().activeIncident()).isNull();
  }

  @Test
  void checkInAfterASlotAwaitedWhileDeaf_marksItUnknown_ruleU1W2() {
    Transition t = apply(afterOkAt10(), new CheckInArrived(checkIn(CheckInStatus.OK, "2026-03-02T11:07:00Z"), DEAF_10_30_TO_11_03),
        "2026-03-02T11:07:00Z");

    assertThat(t.checkIns()).extracting(CheckIn::status).containsExactly(CheckInStatus.UNKNOWN);
    assertThat(t.env().activeIncident()).isNull();
  }

  @Test
  void unknownIsNeutral_aFailureStreakGoesOnAcrossIt_ruleU2() {
    // GIVEN threshold 2: one missed at 11:00, then 12:00 awaited while deaf, then 13:00 missed
    MonitorConfig threshold2 = new MonitorConfig(HOURLY.schedule(), HOURLY.timezone(), 5, 30, 2, 1);
    Monitor m = new Monitor("m1", "acme", "42", "job", "Job", MonitorStatus.ACTIVE, false, threshold2, Instant.EPOCH, null, 1);
    Deafness deafAtNoon = Deafness.of(List.of(new Deafness.Period(at("2026-03-02T11:59:00Z"), at("2026-03-02T12:04:00Z"))));
    MonitorEnvironment env = afterOkAt10();

    // WHEN the sweeper ticks after each deadline
    env = Lifecycle.apply(m, env, sweptWhile(deafAtNoon), at("2026-03-02T11:06:00Z"), Set.of()).env();
    Transition noon = Lifecycle.apply(m, env, sweptWhile(deafAtNoon), at("2026-03-02T12:06:00Z"), Set.of());
    Transition one = Lifecycle.apply(m, noon.env(), sweptWhile(deafAtNoon), at("2026-03-02T13:06:00Z"), Set.of());

    // THEN noon is unknown and changes nothing; 13:00 is the second consecutive failure and opens the incident
    assertThat(noon.checkIns()).extracting(CheckIn::status).containsExactly(CheckInStatus.UNKNOWN);
    assertThat(noon.env().failureStreak()).hasSize(1);
    assertThat(noon.env().activeIncident()).isNull();
    assertThat(one.env().activeIncident().failures()).extracting(f -> f.time())
        .containsExactly(at("2026-03-02T11:00:00Z"), at("2026-03-02T13:00:00Z"));
    assertThat(one.newEvents()).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.OPENED);
  }

  // --- rules B1–B3: broken monitors --------------------------------------------------------------------------

  /** {@link #withIncident} (opened at 11:00 on March 2) swept every hour until {@code until}: every slot missed. */
  private static MonitorEnvironment failingUntil(Monitor m, MonitorEnvironment env, Instant until, BrokenPolicy policy) {
    MonitorEnvironment current = env;
    for (Instant t = at("2026-03-02T12:06:00Z"); !t.isAfter(until); t = t.plus(Duration.ofHours(1))) {
      current = Lifecycle.apply(m, current, new Swept(Map.of(), List.of(), Deafness.NONE, policy), t, Set.of()).env();
    }
    return current;
  }

  private static MonitorEnvironment published(MonitorEnvironment env) {
    return env.toBuilder().outbox(List.of()).build();
  }

  @Test
  void incidentOpen14DaysWithItsLast4CheckInsFailures_getsOneBrokenNotice_ruleB1() {
    MonitorEnvironment open = published(withIncident());
    assertThat(open.dueAt()).as("first look a day after the incident started, 30 s into a minute")
        .isEqualTo(at("2026-03-02T12:05:00Z")); // the next deadline comes first
    assertThat(open.brokenDueAt()).isEqualTo(at("2026-03-03T11:00:30Z"));

    MonitorEnvironment day13 = published(failingUntil(MONITOR, open, at("2026-03-15T23:06:00Z"), BrokenPolicy.DEFAULT));
    assertThat(day13.activeIncident().brokenNotice()).isNull();
    assertThat(day13.brokenDueAt()).isEqualTo(at("2026-03-16T11:00:30Z"));

    Transition notice = Lifecycle.apply(MONITOR, day13, sweptWhile(Deafness.NONE), at("2026-03-16T11:01:00Z"), Set.of());
    Transition again = Lifecycle.apply(MONITOR, notice.env(), sweptWhile(Deafness.NONE), at("2026-03-16T11:02:00Z"), Set.of());

    assertThat(notice.env().activeIncident().brokenNotice()).isEqualTo(new dev.cronmon.domain.incident.BrokenNotice(at("2026-03-16T11:01:00Z"), null));
    assertThat(notice.newEvents()).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(IncidentEvent.Type.BROKEN);
      assertThat(e.id()).isEqualTo(day13.activeIncident().id() + ":broken");
    });
    assertThat(again.changes()).isFalse();
    assertThat(notice.env().muted()).isFalse();
    assertThat(notice.env().brokenDueAt()).isEqualTo(at("2026-03-30T11:01:30Z"));
  }

  @Test
  void incidentOpen14DaysWhoseLastCheckInsAreNotAllFailures_isNotBroken_andLookedAtAgainNextDay_ruleB1() {
    MonitorEnvironment day13 = published(failingUntil(MONITOR, published(withIncident()), at("2026-03-15T23:06:00Z"), BrokenPolicy.DEFAULT));
    // An ok below the recovery threshold of 3 (after the slots since the last sweep are marked) clears the failure
    // streak but leaves the incident open.
    Monitor recovery3 = new Monitor("m1", "acme", "42", "job", "Job", MonitorStatus.ACTIVE, false,
        new MonitorConfig(HOURLY.schedule(), HOURLY.timezone(), 5, 30, 1, 3), Instant.EPOCH, null, 1);
    MonitorEnvironment okOnce = Lifecycle.apply(recovery3, day13, new CheckInArrived(checkIn(CheckInStatus.OK, "2026-03-16T10:59:50Z")),
        at("2026-03-16T10:59:50Z"), Set.of()).env();

    Transition look = Lifecycle.apply(recovery3, okOnce, sweptWhile(Deafness.NONE), at("2026-03-16T11:01:00Z"), Set.of());

    assertThat(look.env().activeIncident()).isNotNull();
    assertThat(look.env().activeIncident().brokenNotice()).isNull();
    assertThat(look.newEvents()).isEmpty();
    assertThat(look.env().brokenDueAt()).isEqualTo(at("2026-03-17T11:01:30Z"));
  }

  @Test
  void brokenAndStillFailing_isMutedAfterTheSecondPeriod_withASecondNotice_ruleB2() {
    BrokenPolicy twoAndThree = new BrokenPolicy(Duration.ofDays(2), Duration.ofDays(3));
    MonitorEnvironment noticed = published(failingUntil(MONITOR, published(withIncident()), at("2026-03-04T11:06:00Z"), twoAndThree));
    assertThat(noticed.activeIncident().brokenNotice().userNotifiedTimestamp()).isEqualTo(at("2026-03-04T11:06:00Z"));

    MonitorEnvironment stillListening = failingUntil(MONITOR, noticed, at("2026-03-07T11:06:00Z"), twoAndThree);
    MonitorEnvironment muted = failingUntil(MONITOR, noticed, at("2026-03-07T12:06:00Z"), twoAndThree);

    assertThat(stillListening.muted()).as("muted at the first look 3 days after the notice (11:06:30), not before").isFalse();
    assertThat(muted.muted()).isTrue();
    assertThat(muted.activeIncident().brokenNotice()).isEqualTo(new dev.cronmon.domain.incident.BrokenNotice(
        at("2026-03-04T11:06:00Z"), at("2026-03-07T12:06:00Z")));
    assertThat(muted.outbox()).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.MUTED);
    assertThat(muted.brokenDueAt()).as("the rule is done with this incident").isNull();
  }

  @Test
  void unmutingAnEnvironmentTheRuleMuted_endsItsBrokenState_ruleB3() {
    BrokenPolicy oneAndOne = new BrokenPolicy(Duration.ofDays(1), Duration.ofDays(1));
    MonitorEnvironment muted = published(failingUntil(MONITOR, published(withIncident()), at("2026-03-05T11:06:00Z"), oneAndOne));
    assertThat(muted.muted()).isTrue();

    MonitorEnvironment unmuted = apply(muted, new Muted(false), "2026-03-05T12:00:00Z").env();
    MonitorEnvironment weekLater = failingUntil(MONITOR, unmuted, at("2026-03-12T11:06:00Z"), oneAndOne);

    assertThat(unmuted.activeIncident().brokenNotice()).isNull();
    assertThat(weekLater.muted()).isFalse();
    assertThat(weekLater.activeIncident().brokenNotice()).isNull();
    assertThat(weekLater.outbox()).isEmpty();
  }

  @Test
  void mutedEnvironment_isTrackedAsBroken_butAlertsNoOne_rulesB1I4() {
    BrokenPolicy oneAndOne = new BrokenPolicy(Duration.ofDays(1), Duration.ofDays(1));
    MonitorEnvironment muted = apply(afterOkAt10(), new Muted(true), "2026-03-02T10:30:00Z").env();

    MonitorEnvironment later = failingUntil(MONITOR, apply(muted, sweptWhile(Deafness.NONE), "2026-03-02T11:06:00Z").env(),
        at("2026-03-05T11:06:00Z"), oneAndOne);

    assertThat(later.activeIncident().brokenNotice().environmentMutedTimestamp()).isNotNull();
    assertThat(later.outbox()).isEmpty();
  }

  @Test
  void finished_anOkSoonerThanMinRuntime_isAnErrorWithItsReason_everythingElseIsAsSent_ruleC10() {
    MonitorConfig min60 = HOURLY.withMinRuntime(60);

    assertThat(Lifecycle.finished(min60, CheckInStatus.OK, 2_500L))
        .isEqualTo(new Lifecycle.Finished(CheckInStatus.ERROR, "finished in 2 s, minimum 60 s"));
    assertThat(Lifecycle.finished(min60, CheckInStatus.OK, 60_000L)).isEqualTo(new Lifecycle.Finished(CheckInStatus.OK, null));
    assertThat(Lifecycle.finished(min60, CheckInStatus.OK, null)).as("no duration: not judged").isEqualTo(new Lifecycle.Finished(CheckInStatus.OK, null));
    assertThat(Lifecycle.finished(min60, CheckInStatus.ERROR, 1L)).isEqualTo(new Lifecycle.Finished(CheckInStatus.ERROR, null));
    assertThat(Lifecycle.finished(HOURLY, CheckInStatus.OK, 1L)).as("no minimum").isEqualTo(new Lifecycle.Finished(CheckInStatus.OK, null));
  }

  @Test
  void arrivalThatReplacesARun_takesItOffTheOpenRuns_soItNeverTimesOut_ruleC13() {
    CheckIn first = checkIn(CheckInStatus.IN_PROGRESS, "2026-03-02T10:00:10Z");
    MonitorEnvironment open = apply(afterOkAt10(), new CheckInArrived(first), "2026-03-02T10:00:10Z").env();
    CheckIn second = checkIn(CheckInStatus.IN_PROGRESS, "2026-03-02T10:05:00Z");

    Transition t = apply(open, new CheckInArrived(second, Set.of(first.id())), "2026-03-02T10:05:00Z");

    assertThat(t.env().openRuns()).extracting(OpenRun::checkInId).containsExactly(second.id());
    assertThat(Lifecycle.apply(MONITOR, t.env(), new Swept(Map.of(), List.of()), at("2026-03-02T10:40:00Z"), Set.of()).checkIns())
        .extracting(CheckIn::id).doesNotContain(first.id());
  }

  @Test
  void aNote_countsTowardTheRate_andChangesNothingElse_ruleC14() {
    MonitorEnvironment env = afterOkAt10();

    Transition t = apply(env, new EnvironmentEvent.Noted(), "2026-03-02T10:00:20Z");

    assertThat(t.env().checkInRate().countAt(at("2026-03-02T10:00:30Z"))).isEqualTo(env.checkInRate().countAt(at("2026-03-02T10:00:30Z")) + 1);
    assertThat(t.env().toBuilder().checkInRate(env.checkInRate()).build()).isEqualTo(env);
    assertThat(t.checkIns()).isEmpty();
  }
}
