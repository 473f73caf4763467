package dev.cronmon.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInLimits;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.service.CheckInResult.Outcome;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.store.InMemoryStore;
import dev.cronmon.domain.tenant.Limits;
import dev.cronmon.domain.time.MutableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Rule C15: the check-in item of an id cronmon chose is written while its environment is, one round trip of writes; a
 * check-in with the client's id is written first and its environment after. The store below records the order of the
 * writes and lets a check-in write wait for the environment's to start: a service that wrote them one after the other
 * would make that wait run out.
 */
class CheckInConcurrentWritesTest {
  private static final MonitorConfig HOURLY = new MonitorConfig(new CrontabSchedule("0 * * * *"), ZoneOffset.UTC, 1, 30, 1, 1);
  private static final String ENV = "production";

  private final MutableClock clock = MutableClock.at("2026-03-02T10:00:05Z");
  private final InMemoryStore stored = new InMemoryStore();
  private final List<String> writes = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch environmentStarted = new CountDownLatch(1);
  private volatile boolean checkInWaitsForEnvironment;
  private volatile boolean checkInWriteAnswerLost;
  private volatile RuntimeException environmentFailure;
  private volatile Boolean sawEnvironmentStartWhileWriting;
  private final CronStore store = (CronStore) Proxy.newProxyInstance(CronStore.class.getClassLoader(), new Class<?>[] {CronStore.class},
      (proxy, method, args) -> {
        String name = method.getName();
        if (name.equals("saveEnvironment") || name.equals("saveEnvironmentChange")) {
          writes.add("environment start");
          environmentStarted.countDown();
          if (environmentFailure != null) throw environmentFailure;
        }
        if (name.equals("saveCheckIn") && checkInWaitsForEnvironment) {
          sawEnvironmentStartWhileWriting = environmentStarted.await(10, TimeUnit.SECONDS);
        }
        Object result;
        try {
          result = method.invoke(stored, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
        if (name.equals("saveCheckIn")) {
          writes.add("check-in written");
          if (checkInWriteAnswerLost) return false; // as the SDK's retry of a write that committed sees it
        }
        return result;
      });
  private final CheckInService service = new CheckInService(store, clock, CheckInLimits.DEFAULTS, Limits.DEFAULT);

  private Monitor monitor() {
    Monitor m = new Monitor(UUID.randomUUID().toString(), "acme", "p-1", "nightly", "nightly", MonitorStatus.ACTIVE, false,
        HOURLY, clock.instant(), null, 1);
    stored.putMonitor(m);
    return m;
  }

  @Test
  void aCheckInWithoutId_isWrittenWhileItsEnvironmentIs_ruleC15() {
    Monitor m = monitor();
    checkInWaitsForEnvironment = true;

    CheckInResult result = service.checkIn(new CheckInCommand(m, ENV, CheckInStatus.OK, null, null, null));

    assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(sawEnvironmentStartWhileWriting).as("the environment's write started while the check-in's was in flight").isTrue();
    CheckIn written = stored.checkIn(result.id()).orElseThrow();
    MonitorEnvironment env = stored.environment(m.id(), ENV).orElseThrow();
    assertThat(env.lastCheckIn()).isEqualTo(written.dateCreated());
    assertThat(written.expectedTime()).isEqualTo(clock.instant().minusSeconds(5)); // the 10:00 slot, as committed
  }

  @Test
  void aCheckInWithTheClientsId_isWrittenFirst_thenItsEnvironment_ruleC15() {
    Monitor m = monitor();
    UUID id = UUID.randomUUID();

    CheckInResult result = service.checkIn(new CheckInCommand(m, ENV, CheckInStatus.IN_PROGRESS, id, null, null));

    assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(writes).containsExactly("check-in written", "environment start");
    assertThat(stored.environment(m.id(), ENV).orElseThrow().openRuns()).hasSize(1);
  }

  @Test
  void aRefusalOfTheWriteOfAnIdCronmonChose_isItsOwnRetry_andCountsAsWritten_ruleC15() {
    Monitor m = monitor();
    checkInWriteAnswerLost = true;

    CheckInResult result = service.checkIn(new CheckInCommand(m, ENV, CheckInStatus.OK, null, null, null));

    assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(writes.stream().filter("check-in written"::equals)).hasSize(1); // not written again under another id
    assertThat(stored.checkIns(m.id(), ENV, null, 10).items()).extracting(CheckIn::id).containsExactly(result.id());
    assertThat(stored.environment(m.id(), ENV).orElseThrow().lastCheckIn()).isEqualTo(clock.instant());
  }

  @Test
  void whenTheEnvironmentsWriteFails_theCheckInIsWrittenBeforeTheRequestFails_andLeftToTheSweeper_rulesC15W5() {
    Monitor m = monitor();
    environmentFailure = new IllegalStateException("the table is not answering");

    assertThatThrownBy(() -> service.checkIn(new CheckInCommand(m, ENV, CheckInStatus.OK, null, null, null)))
        .hasMessageContaining("not answering");

    assertThat(stored.checkIns(m.id(), ENV, null, 10).items()).singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo(CheckInStatus.OK));
    assertThat(stored.environment(m.id(), ENV)).isEmpty();
  }
}
