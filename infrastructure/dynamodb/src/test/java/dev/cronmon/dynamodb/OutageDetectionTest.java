package dev.cronmon.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInLimits;
import dev.cronmon.domain.service.CheckInService;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.hearing.OutageDetector;
import dev.cronmon.domain.hearing.OutageThresholds;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.lifecycle.BrokenPolicy;
import dev.cronmon.domain.hearing.Deafness;
import dev.cronmon.domain.monitor.EnvironmentStatus;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.hearing.HearingLog;
import dev.cronmon.domain.service.Sweeper;
import dev.cronmon.domain.tenant.Limits;
import java.time.Duration;
import java.time.Instant;
import dev.cronmon.domain.monitor.MonitorStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md rules U1–U3 on DynamoDB Local with a moved clock: the outage detector reads the due index the
 * check-ins maintain, through the sweeper, once a minute. Jobs "fall silent" by not checking in, which is what an
 * ingest outage, or a burst API Gateway refused upstream, looks like from cronmon: the check-ins never arrive.
 */
class OutageDetectionTest extends SweepTestSupport {
  private static final MonitorConfig EVERY_5_MINUTES = cron("*/5 * * * *", "UTC", 1);
  private static final MonitorConfig EVERY_MINUTE = cron("* * * * *", "UTC", 1);
  private final CapacityMeter meter = new CapacityMeter();
  private DynamoHearingLog hearing;
  private final List<Sweeper.Result> ticks = new ArrayList<>();

  @BeforeEach
  void detector() {
    hearing = new DynamoHearingLog(clientWith(meter), table);
    sweeper = new Sweeper(store, publisher, clock, new OutageDetector(hearing, OutageThresholds.DEFAULT), BrokenPolicy.DEFAULT);
    checkIns = new CheckInService(store, clock, CheckInLimits.DEFAULTS, Limits.DEFAULT, hearing.deafness());
  }

  @Test
  void thousandMonitorsFallingSilentAtOnceForTenMinutes_areUnknown_noneMissed_andAlertNoOne() {
    // GIVEN 1,000 monitors every 5 minutes that checked in at 10:00:05, and the sweeper ticking every minute
    List<Monitor> fleet = running(1000, "job", EVERY_5_MINUTES, ENV);
    tickEveryMinute("2026-03-02T10:01:00Z", "2026-03-02T10:05:00Z");

    // WHEN none of them is heard from 10:05 to 10:15 (the 10:05 and 10:10 runs), and all check in again at 10:15:05
    tickEveryMinute("2026-03-02T10:06:00Z", "2026-03-02T10:15:00Z");
    allCheckIn(fleet, "2026-03-02T10:15:05Z");
    tickEveryMinute("2026-03-02T10:16:00Z", "2026-03-02T10:19:00Z");

    // THEN both slots of every monitor are unknown, none missed, no incident, no event for the bus
    assertThat(total(Sweeper.Result::missed)).isZero();
    assertThat(total(Sweeper.Result::unknown)).isEqualTo(2000);
    assertThat(publisher.published).isEmpty();
    Monitor one = fleet.get(417);
    assertThat(history(one)).extracting(CheckIn::status, CheckIn::expectedTime).containsExactly(
        org.assertj.core.groups.Tuple.tuple(CheckInStatus.UNKNOWN, at("2026-03-02T10:05:00Z")),
        org.assertj.core.groups.Tuple.tuple(CheckInStatus.UNKNOWN, at("2026-03-02T10:10:00Z")),
        org.assertj.core.groups.Tuple.tuple(CheckInStatus.OK, at("2026-03-02T10:15:00Z")));
    assertThat(env(one).activeIncident()).isNull();
    assertThat(env(one).status()).isEqualTo(EnvironmentStatus.OK);
    assertThat(hearing.deafPeriods(at("2026-03-02T10:00:00Z"))).containsExactlyInAnyOrder(
        new Deafness.Period(at("2026-03-02T10:05:00Z"), at("2026-03-02T10:06:00Z")),
        new Deafness.Period(at("2026-03-02T10:10:00Z"), at("2026-03-02T10:11:00Z")));
    assertThat(hearing.tick(at("2026-03-02T10:06:00Z")).orElseThrow().decision())
        .isEqualTo(new HearingLog.Decision(1000, 1000, 1000, true));
  }

  @Test
  void oneMonitorFallingSilentAmongAThousandThatCheckIn_isMissed_andOpensAnIncident() {
    // GIVEN 1,000 monitors every 5 minutes, running
    List<Monitor> fleet = running(1000, "job", EVERY_5_MINUTES, ENV);
    tickEveryMinute("2026-03-02T10:01:00Z", "2026-03-02T10:05:00Z");

    // WHEN 999 check in for 10:05 and one does not
    Monitor silent = fleet.get(0);
    allCheckIn(fleet.subList(1, fleet.size()), "2026-03-02T10:05:05Z");
    meter.reset();
    tickEveryMinute("2026-03-02T10:06:00Z", "2026-03-02T10:06:00Z");
    String tickCost = meter.toString();
    long tickRequests = meter.requests();

    // THEN it is missed as usual and its incident event goes to the bus
    assertThat(total(Sweeper.Result::missed)).isEqualTo(1);
    assertThat(total(Sweeper.Result::unknown)).isZero();
    assertThat(missed(silent)).extracting(CheckIn::expectedTime).containsExactly(at("2026-03-02T10:05:00Z"));
    assertThat(publisher.published).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(IncidentEvent.Type.OPENED);
      assertThat(e.monitorId()).isEqualTo(silent.id());
    });
    assertThat(hearing.tick(at("2026-03-02T10:06:00Z")).orElseThrow().decision())
        .isEqualTo(new HearingLog.Decision(1000, 1000, 1, false));
    // AND the detector's cost of that tick (docs/data-model.md, "Hearing"): 7 GetItem of tick records, 16 Queries for
    // the waiting count, 6 x 16 for the counts ahead, 1 Query of deaf periods, 1 PutItem
    System.out.printf("outage detector, one tick of 1,000 monitors: %s%n", tickCost);
    assertThat(tickRequests).isEqualTo(7 + 16 + 6 * 16 + 1 + 1);
  }

  @Test
  void theWholeDeploymentOf20MonitorsFallingSilent_isMissed_andAlerts_aSmallFleetIsNoOutage() {
    // GIVEN a deployment of 20 monitors, each in 3 environments (60 expected per slot: above the minimum of 50
    // expected, but from 20 monitors, below the minimum of 30), all on one cron host
    running(20, "job", EVERY_5_MINUTES, ENV, "staging", "eu");
    tickEveryMinute("2026-03-02T10:01:00Z", "2026-03-02T10:05:00Z");

    // WHEN the host dies before its 10:05 runs
    tickEveryMinute("2026-03-02T10:06:00Z", "2026-03-02T10:06:00Z");

    // THEN every slot is missed and every environment's incident is announced: the team is paged
    assertThat(total(Sweeper.Result::missed)).isEqualTo(60);
    assertThat(total(Sweeper.Result::unknown)).isZero();
    assertThat(publisher.published).hasSize(60).allSatisfy(e -> assertThat(e.type()).isEqualTo(IncidentEvent.Type.OPENED));
    assertThat(hearing.tick(at("2026-03-02T10:06:00Z")).orElseThrow().decision())
        .isEqualTo(new HearingLog.Decision(60, 20, -1, false));
    assertThat(hearing.deafPeriods(at("2026-03-02T10:00:00Z"))).isEmpty();
  }

  @Test
  void aBurstRefusedUpstream_oneMinuteOfCheckInsNeverArriving_isUnknown() {
    // GIVEN 100 jobs running every minute, checking in 5 s after each minute
    List<Monitor> fleet = running(100, "minutely", EVERY_MINUTE, ENV);
    for (int minute = 1; minute <= 4; minute++) {
      tickAt("2026-03-02T10:0" + minute + ":00Z");
      allCheckIn(fleet, "2026-03-02T10:0" + minute + ":05Z");
    }
    tickAt("2026-03-02T10:05:00Z");

    // WHEN the 10:05 check-ins are refused before they reach cronmon (API Gateway throttled them), and the jobs go on
    for (int minute = 6; minute <= 8; minute++) {
      tickAt("2026-03-02T10:0" + minute + ":00Z");
      allCheckIn(fleet, "2026-03-02T10:0" + minute + ":05Z");
    }
    tickAt("2026-03-02T10:09:00Z");

    // THEN the 10:05 slot of each is unknown, nothing is missed and nobody is paged
    assertThat(total(Sweeper.Result::unknown)).isEqualTo(100);
    assertThat(total(Sweeper.Result::missed)).isZero();
    assertThat(publisher.published).isEmpty();
    assertThat(history(fleet.get(7))).filteredOn(c -> c.status() == CheckInStatus.UNKNOWN)
        .extracting(CheckIn::expectedTime).containsExactly(at("2026-03-02T10:05:00Z"));
  }

  @Test
  void aTopOfHourBurstThrottledUpstream_thousandHourlyJobs_theRefusedOnesAreUnknown_noneMissed() {
    // GIVEN 1,000 hourly jobs (1-minute margin: deadline hh:01) that ran at 10:00, the sweeper ticking every minute
    // before 11:00, and the tick's metrics recorded
    List<dev.cronmon.domain.metrics.SweepTick> tickFigures = new ArrayList<>();
    sweeper = new Sweeper(store, publisher, clock, new OutageDetector(hearing, OutageThresholds.DEFAULT), BrokenPolicy.DEFAULT,
        new dev.cronmon.domain.metrics.Metrics() {
          @Override
          public void tick(dev.cronmon.domain.metrics.SweepTick tick) {
            tickFigures.add(tick);
          }
        });
    List<Monitor> fleet = running(1000, "hourly", cron("0 * * * *", "UTC", 1), ENV);
    tickEveryMinute("2026-03-02T10:55:00Z", "2026-03-02T11:00:00Z");

    // WHEN at 11:00 API Gateway lets 400 of the burst through and answers the other 600 with 429 before any function
    // runs (a Sentry SDK drops a check-in it got 429 for: they never arrive)
    allCheckIn(fleet.subList(0, 400), "2026-03-02T11:00:02Z");
    tickEveryMinute("2026-03-02T11:01:00Z", "2026-03-02T11:02:00Z");

    // THEN the 600 slots are unknown, none is missed, nobody is paged, and the tick's metrics say so
    assertThat(total(Sweeper.Result::unknown)).isEqualTo(600);
    assertThat(total(Sweeper.Result::missed)).isZero();
    assertThat(publisher.published).isEmpty();
    assertThat(history(fleet.get(999))).filteredOn(c -> c.status() == CheckInStatus.UNKNOWN)
        .extracting(CheckIn::expectedTime).containsExactly(at("2026-03-02T11:00:00Z"));
    assertThat(hearing.tick(at("2026-03-02T11:01:00Z")).orElseThrow().decision())
        .isEqualTo(new HearingLog.Decision(1000, 1000, 600, true));
    assertThat(tickFigures).filteredOn(t -> t.at().equals(at("2026-03-02T11:01:00Z"))).singleElement().satisfies(t -> {
      assertThat(t.unknown()).isEqualTo(600);
      assertThat(t.missed()).isZero();
      assertThat(t.sweepLags()).isEmpty();
    });
  }

  /**
   * {@code n} monitors of {@code config}, each with the environments {@code envs}, that checked in (ok) at 10:00:05:
   * written in batches, as SweeperScaleTest seeds its table (setting up is not what is tested).
   */
  private List<Monitor> running(int n, String slugPrefix, MonitorConfig config, String... envs) {
    Instant checkedIn = at("2026-03-02T10:00:05Z");
    clock.set(checkedIn);
    Instant slot = config.schedule().nextSlotAfter(checkedIn, config.timezone());
    List<Monitor> out = new ArrayList<>(n);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Monitor m = new Monitor(UUID.randomUUID().toString(), "acme", "42", slugPrefix + "-" + i, "Job " + i, MonitorStatus.ACTIVE,
          false, config, checkedIn, null, 1);
      items.add(MonitorItems.monitor(m));
      items.add(MonitorItems.monitorRef(m));
      for (String env : envs) {
        MonitorEnvironment e = MonitorEnvironment.fresh(m.id(), env, checkedIn).toBuilder().status(EnvironmentStatus.OK)
            .lastCheckIn(checkedIn).lastOk(checkedIn).nextCheckIn(slot).nextCheckInLatest(slot.plus(config.margin())).version(1).build();
        items.add(EnvironmentItems.environment(e, "DUE#" + store.dueShard(m.id(), env)));
      }
      out.add(m);
    }
    seed(items);
    return out;
  }

  /** Each of {@code fleet} checks in (ok) at {@code iso}, a few requests at a time as jobs on many hosts would. */
  private void allCheckIn(List<Monitor> fleet, String iso) {
    clock.set(at(iso));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (Future<?> f : pool.invokeAll(fleet.stream().<Callable<Object>>map(m -> () -> checkIn(m, CheckInStatus.OK)).toList())) f.get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
  }

  private void tickAt(String iso) {
    ticks.add(sweepAt(iso));
  }

  private void tickEveryMinute(String fromIso, String toIso) {
    for (Instant t = at(fromIso); !t.isAfter(at(toIso)); t = t.plus(Duration.ofMinutes(1))) tickAt(t.toString());
  }

  private int total(java.util.function.ToIntFunction<Sweeper.Result> count) {
    return ticks.stream().mapToInt(count).sum();
  }
}
