package dev.cronmon.domain.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.checkin.JobOutput;
import dev.cronmon.domain.checkin.OpenRun;
import dev.cronmon.domain.checkin.RunFacts;
import dev.cronmon.domain.checkin.RunReport;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.store.InMemoryStore;
import dev.cronmon.domain.time.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Unit layer (no I/O): the run facts of docs/semantics.md rules C10–C14 (min_runtime, exit status and reason, output,
 * a start without id superseding one, notes) through {@link CheckInService} on the in-memory store, which keeps the
 * DynamoDB store's conditions (StoreContract).
 */
class RunFactsRulesTest {
  private static final MonitorConfig HOURLY_MIN_60 =
      new MonitorConfig(new CrontabSchedule("0 * * * *"), ZoneOffset.UTC, 5, 30, 1, 1, 60);
  private static final Monitor MONITOR = new Monitor("m1", "acme", "42", "backup", "Backup", MonitorStatus.ACTIVE, false,
      HOURLY_MIN_60, MutableClock.at("2026-03-02T00:00:00Z").instant(), null, 1);
  private static final String ENV = "production";

  private final MutableClock clock = MutableClock.at("2026-03-02T10:00:00Z");
  private final InMemoryStore store = new InMemoryStore();
  private final CheckInService checkIns = new CheckInService(store, clock);

  private CheckInResult send(CheckInStatus status, UUID id, RunReport report) {
    return checkIns.checkIn(new CheckInCommand(MONITOR, ENV, status, id, null, null, report));
  }

  private CheckIn stored(CheckInResult result) {
    return store.checkIn(result.id()).orElseThrow();
  }

  private MonitorEnvironment environment() {
    return store.environment(MONITOR.id(), ENV).orElseThrow();
  }

  @Test
  void okSoonerThanMinRuntime_isAnErrorWithItsReason_andOpensAnIncident_ruleC10() {
    CheckInResult start = send(CheckInStatus.IN_PROGRESS, null, RunReport.NONE);
    clock.advance(Duration.ofSeconds(2));

    send(CheckInStatus.OK, null, RunReport.NONE);

    CheckIn run = stored(start);
    assertThat(run.status()).isEqualTo(CheckInStatus.ERROR);
    assertThat(run.durationMs()).isEqualTo(2000);
    assertThat(run.facts().reason()).isEqualTo("finished in 2 s, minimum 60 s");
    assertThat(environment().activeIncident()).as("threshold 1: the too-short run opens an incident").isNotNull();
    assertThat(environment().outbox()).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.OPENED);
  }

  @Test
  void okAfterMinRuntime_staysOk_andAHeartbeatWithoutDurationIsNotJudged_ruleC10() {
    CheckInResult start = send(CheckInStatus.IN_PROGRESS, null, RunReport.NONE);
    clock.advance(Duration.ofSeconds(60));
    send(CheckInStatus.OK, null, RunReport.NONE);
    clock.advance(Duration.ofMinutes(1));
    CheckInResult heartbeat = send(CheckInStatus.OK, null, RunReport.NONE);

    assertThat(stored(start).status()).isEqualTo(CheckInStatus.OK);
    assertThat(stored(start).facts().reason()).isNull();
    assertThat(stored(heartbeat).status()).isEqualTo(CheckInStatus.OK);
    assertThat(environment().activeIncident()).isNull();
  }

  @Test
  void errorWithAnExitStatus_recordsStatusAndReason_andTheOutputBesideIt_rulesC11C12() {
    JobOutput output = JobOutput.of("hello\n".getBytes(StandardCharsets.UTF_8), JobOutput.DEFAULT_LIMIT);

    CheckInResult result = send(CheckInStatus.ERROR, null, new RunReport(3, RunFacts.exited(3), output, false));

    CheckIn c = stored(result);
    assertThat(c.status()).isEqualTo(CheckInStatus.ERROR);
    assertThat(c.facts().exitStatus()).isEqualTo(3);
    assertThat(c.facts().reason()).isEqualTo("exited with status 3");
    assertThat(c.facts().outputBytes()).isEqualTo(6);
    assertThat(store.output(c.id())).contains(output);
    assertThat(store.outputExpiresAt(c.id())).isEqualTo(InMemoryStore.expiresAt(c));
  }

  @Test
  void aRefusedCheckIn_writesNoOutput_ruleC12() {
    UUID id = UUID.randomUUID();
    send(CheckInStatus.OK, id, RunReport.NONE);
    JobOutput output = JobOutput.of("again".getBytes(StandardCharsets.UTF_8), 100);

    CheckInResult second = send(CheckInStatus.ERROR, id, new RunReport(1, RunFacts.exited(1), output, false));

    assertThat(second.outcome()).isEqualTo(CheckInResult.Outcome.ALREADY_FINISHED);
    assertThat(store.output(id)).isEmpty();
  }

  @Test
  void startWithoutId_supersedesTheRunAStartWithoutIdLeftOpen_notOneWithAnId_ruleC13() {
    RunReport ping = new RunReport(null, null, null, true);
    CheckInResult first = send(CheckInStatus.IN_PROGRESS, null, ping);
    UUID rid = UUID.randomUUID();
    send(CheckInStatus.IN_PROGRESS, rid, ping);
    clock.advance(Duration.ofMinutes(5));

    CheckInResult second = send(CheckInStatus.IN_PROGRESS, null, ping);

    CheckIn replaced = stored(first);
    assertThat(replaced.status()).isEqualTo(CheckInStatus.IN_PROGRESS);
    assertThat(replaced.isSuperseded()).isTrue();
    assertThat(replaced.facts().reason()).isEqualTo(RunFacts.SUPERSEDED);
    assertThat(environment().openRuns()).extracting(OpenRun::checkInId).containsExactlyInAnyOrder(rid, second.id());

    clock.advance(Duration.ofMinutes(2));
    send(CheckInStatus.OK, null, RunReport.NONE);
    assertThat(stored(second).status()).as("the newest open run is closed").isEqualTo(CheckInStatus.OK);
    assertThat(stored(second).durationMs()).isEqualTo(120_000);
  }

  @Test
  void startWithoutId_onSentrysPaths_keepsOverlappingRunsApart_ruleC2() {
    CheckInResult first = send(CheckInStatus.IN_PROGRESS, null, RunReport.NONE);
    CheckInResult second = send(CheckInStatus.IN_PROGRESS, null, RunReport.NONE);

    assertThat(stored(first).isSuperseded()).isFalse();
    assertThat(environment().openRuns()).extracting(OpenRun::checkInId).containsExactlyInAnyOrder(first.id(), second.id());
  }

  @Test
  void note_isKeptInTheHistoryWithItsOutput_changesNoState_butCountsTowardTheRate_ruleC14() {
    send(CheckInStatus.OK, null, RunReport.NONE);
    MonitorEnvironment before = environment();
    clock.advance(Duration.ofSeconds(1));
    JobOutput output = JobOutput.of("disk 91% full".getBytes(StandardCharsets.UTF_8), 100);

    CheckInResult note = checkIns.note(MONITOR, ENV, output);

    CheckIn c = stored(note);
    assertThat(c.status()).isEqualTo(CheckInStatus.LOG);
    assertThat(c.expectedTime()).isNull();
    assertThat(store.output(c.id())).contains(output);
    MonitorEnvironment after = environment();
    assertThat(after.lastCheckIn()).isEqualTo(before.lastCheckIn());
    assertThat(after.nextCheckIn()).isEqualTo(before.nextCheckIn());
    assertThat(after.status()).isEqualTo(before.status());
    assertThat(after.checkInRate().countAt(clock.instant())).isEqualTo(before.checkInRate().countAt(clock.instant()) + 1);
    assertThat(store.checkIns(MONITOR.id(), ENV, null, 10).items()).extracting(CheckIn::status)
        .containsExactly(CheckInStatus.LOG, CheckInStatus.OK);
  }

  @Test
  void note_forAnEnvironmentWithoutCheckIns_createsNone_ruleC14() {
    CheckInResult note = checkIns.note(MONITOR, "staging", null);

    assertThat(note.accepted()).isTrue();
    assertThat(store.environment(MONITOR.id(), "staging")).isEmpty();
  }
}
