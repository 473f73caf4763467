package dev.cronmon.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.monitor.EnvironmentStatus;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.service.Sweeper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * "Cost grows with work, not with size": 10,000 monitors of which 50 are due. A counting interceptor on the store's
 * own DynamoDB client counts every item any response carries (index entries, items); the sweep must read what the
 * due environments need and nothing of the other 9,950.
 */
class SweeperScaleTest extends StoreTestSupport {
  /** 10,000 in the build; {@code -Dcronmon.sweep.monitors=100000} for the benchmark in docs/data-model.md. */
  private static final int MONITORS = Integer.getInteger("cronmon.sweep.monitors", 10_000);
  private static final int DUE = 50;
  private static final Instant NOW = Instant.parse("2026-03-02T11:01:30Z");
  /**
   * Items one due environment costs: its due-index entry, the environment and its monitor-ref (which holds a copy of
   * the monitor). The look
   * for check-ins the environment never recorded reads the history index from its last check-in on: nothing here.
   */
  private static final int ITEMS_PER_DUE_ENVIRONMENT = 3;

  /** Counts the items every DynamoDB response of a client carries. */
  static final class ItemCounter implements ExecutionInterceptor {
    final AtomicLong items = new AtomicLong();
    final AtomicLong scans = new AtomicLong();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      SdkResponse r = context.response();
      if (r instanceof QueryResponse q) items.addAndGet(q.count());
      else if (r instanceof GetItemResponse g && g.hasItem() && !g.item().isEmpty()) items.incrementAndGet();
      else if (r instanceof BatchGetItemResponse b) b.responses().values().forEach(l -> items.addAndGet(l.size()));
      else if (r instanceof ScanResponse) scans.incrementAndGet();
    }
  }

  @Test
  void sweep_of10000Monitors_with50Due_readsOnlyWhatIsDue() {
    // GIVEN 10,000 (MONITORS) hourly monitors with an environment each; 50 missed 11:00 after a check-in at 10:20,
    // the others wait for 12:00
    MonitorConfig config = new MonitorConfig(new CrontabSchedule("0 * * * *"), ZoneOffset.UTC, 1, 30, 1, 1);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < MONITORS; i++) {
      Monitor m = new Monitor(UUID.randomUUID().toString(), "acme", "42", "job-" + i, "Job " + i, MonitorStatus.ACTIVE, false,
          config, NOW.minus(Duration.ofDays(1)), null, 1);
      Instant slot = i % (MONITORS / DUE) == 0 ? Instant.parse("2026-03-02T11:00:00Z") : Instant.parse("2026-03-02T12:00:00Z");
      MonitorEnvironment env = MonitorEnvironment.fresh(m.id(), "production", m.dateCreated()).toBuilder()
          .status(EnvironmentStatus.OK).lastCheckIn(slot.minus(Duration.ofMinutes(40)))
          .nextCheckIn(slot).nextCheckInLatest(slot.plus(Duration.ofMinutes(1))).version(1).build();
      if (slot.equals(Instant.parse("2026-03-02T11:00:00Z"))) {
        Instant last = env.lastCheckIn();
        items.add(CheckInItems.checkIn(new CheckIn(UUID.randomUUID(), m.id(), "42", "production", CheckInStatus.OK, 1_000L, last,
            last, last.truncatedTo(java.time.temporal.ChronoUnit.HOURS), null, config, null, 1)));
      }
      items.add(MonitorItems.monitor(m));
      items.add(MonitorItems.monitorRef(m));
      items.add(EnvironmentItems.environment(env, "DUE#" + store.dueShard(m.id(), "production")));
    }
    seed(items);
    ItemCounter counter = new ItemCounter();
    CapacityMeter meter = new CapacityMeter();
    DynamoCronStore counted = new DynamoCronStore(clientWith(counter, meter), table);
    SweepTestSupport.RecordingPublisher publisher = new SweepTestSupport.RecordingPublisher();
    Sweeper sweeper = new Sweeper(counted, publisher, java.time.Clock.fixed(NOW, ZoneOffset.UTC));

    // WHEN one sweep runs
    long started = System.nanoTime();
    Sweeper.Result result = sweeper.sweep(Sweeper.Budget.of(100_000));
    long millis = (System.nanoTime() - started) / 1_000_000;

    // THEN it marked the 50, and read a fixed number of items per due environment, none of the 9,950 others
    System.out.printf("sweep of %d monitors, %d due: %d items read, %.1f RCU, %.1f WCU, %d requests, %d ms%n",
        MONITORS, DUE, counter.items.get(), meter.readUnits(), meter.writeUnits(), meter.requests(), millis);
    assertThat(result.missed()).isEqualTo(DUE);
    assertThat(result.eventsPublished()).isEqualTo(DUE);
    assertThat(counter.scans.get()).isZero();
    assertThat(counter.items.get()).isLessThanOrEqualTo((long) ITEMS_PER_DUE_ENVIRONMENT * DUE + DynamoCronStore.DEFAULT_DUE_SHARDS);
  }
}
