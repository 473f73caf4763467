package dev.cronmon.domain.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.checkin.CheckInLimits;
import dev.cronmon.domain.checkin.OpenRun;
import dev.cronmon.domain.service.CheckInResult.Outcome;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.store.InMemoryStore;
import dev.cronmon.domain.tenant.Limits;
import dev.cronmon.domain.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Unit layer (no I/O): the check-in rules of docs/semantics.md (C2, C3, C4, C5, C6, S5) through the service, on the
 * in-memory store, which honours version conditions and transactions as the DynamoDB store does.
 */
class CheckInServiceTest {
  private static final MonitorConfig HOURLY = new MonitorConfig(new CrontabSchedule("0 * * * *"), ZoneOffset.UTC, 1, 30, 1, 1);
  private static final String ENV = "production";

  private final MutableClock clock = MutableClock.at("2026-03-02T10:20:00Z");
  private final InMemoryStore store = new InMemoryStore();
  private final CheckInService service = new CheckInService(store, clock, new CheckInLimits(3, 2), Limits.DEFAULT);

  private Monitor monitor(String slug) {
    Monitor m = new Monitor(UUID.randomUUID().toString(), "acme", "p-1", slug, slug, MonitorStatus.ACTIVE, false, HOURLY,
        clock.instant(), null, 1);
    store.putMonitor(m);
    return m;
  }

  private CheckInResult send(Monitor m, CheckInStatus status, UUID id, Long durationMs) {
    return service.checkIn(new CheckInCommand(m, ENV, status, id, durationMs, null));
  }

  private List<CheckIn> history(Monitor m) {
    return store.checkIns(m.id(), ENV, null, 20).items();
  }

  @Test
  void heartbeat_recordsOk_andExpectsTheNextSlot_rulesC3S5() {
    Monitor m = monitor("heartbeat");

    CheckInResult result = send(m, CheckInStatus.OK, null, null);

    assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
    MonitorEnvironment env = store.environment(m.id(), ENV).orElseThrow();
    assertThat(env.lastCheckIn()).isEqualTo(clock.instant());
    assertThat(env.nextCheckIn()).isEqualTo(Instant.parse("2026-03-02T11:00:00Z"));
    assertThat(history(m)).extracting(CheckIn::status).containsExactly(CheckInStatus.OK);
  }

  @Test
  void inProgressThenOk_closesTheRun_withTheTimeSinceItOpened_rulesC2C3() {
    Monitor m = monitor("run");
    UUID id = send(m, CheckInStatus.IN_PROGRESS, null, null).id();
    assertThat(store.environment(m.id(), ENV).orElseThrow().openRuns()).extracting(OpenRun::checkInId).containsExactly(id);

    clock.advance(Duration.ofSeconds(90));
    CheckInResult closed = send(m, CheckInStatus.OK, null, null);

    assertThat(closed.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(closed.id()).isEqualTo(id);
    CheckIn run = store.checkIn(id).orElseThrow();
    assertThat(run.status()).isEqualTo(CheckInStatus.OK);
    assertThat(run.durationMs()).isEqualTo(90_000L);
    assertThat(store.environment(m.id(), ENV).orElseThrow().openRuns()).isEmpty();
  }

  @Test
  void aFinishedRun_ignoresLateInProgress_andRefusesASecondOk_writingNothing_ruleC5() {
    Monitor m = monitor("finished");
    UUID id = send(m, CheckInStatus.IN_PROGRESS, null, null).id();
    send(m, CheckInStatus.ERROR, id, 1_000L);
    MonitorEnvironment before = store.environment(m.id(), ENV).orElseThrow();

    CheckInResult late = send(m, CheckInStatus.IN_PROGRESS, id, null);
    CheckInResult second = send(m, CheckInStatus.OK, id, 2_000L);

    assertThat(late.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(second.outcome()).isEqualTo(Outcome.ALREADY_FINISHED);
    assertThat(store.checkIn(id).orElseThrow().status()).isEqualTo(CheckInStatus.ERROR);
    assertThat(store.environment(m.id(), ENV).orElseThrow()).isEqualTo(before);
  }

  @Test
  void anIdOfAnotherMonitor_isRefused_andWritesNothing_ruleC4() {
    Monitor first = monitor("first");
    Monitor other = monitor("other");
    UUID id = send(first, CheckInStatus.IN_PROGRESS, null, null).id();

    CheckInResult refused = send(other, CheckInStatus.OK, id, null);

    assertThat(refused.outcome()).isEqualTo(Outcome.ID_CONFLICT);
    assertThat(store.environment(other.id(), ENV)).isEmpty();
    assertThat(store.checkIn(id).orElseThrow().status()).isEqualTo(CheckInStatus.IN_PROGRESS);
  }

  @Test
  void pastTheRateLimit_andTheOpenRunCap_checkInsAreRefused_andWriteNothing_ruleC6() {
    Monitor m = monitor("limited");
    send(m, CheckInStatus.IN_PROGRESS, null, null);
    send(m, CheckInStatus.IN_PROGRESS, null, null);

    CheckInResult thirdRun = send(m, CheckInStatus.IN_PROGRESS, null, null);
    assertThat(thirdRun.outcome()).isEqualTo(Outcome.TOO_MANY_OPEN_RUNS);
    send(m, CheckInStatus.OK, null, null);
    CheckInResult fourth = send(m, CheckInStatus.OK, null, null);

    assertThat(fourth.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(history(m)).hasSize(2);
    clock.advance(Duration.ofMinutes(1));
    assertThat(send(m, CheckInStatus.OK, null, null).accepted()).isTrue();
  }
}
