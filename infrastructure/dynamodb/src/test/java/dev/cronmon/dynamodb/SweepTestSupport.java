package dev.cronmon.dynamodb;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.service.CheckInCommand;
import dev.cronmon.domain.service.CheckInResult;
import dev.cronmon.domain.service.CheckInService;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.schedule.Schedule;
import dev.cronmon.domain.service.EventPublisher;
import dev.cronmon.domain.service.Sweeper;
import dev.cronmon.domain.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;

/**
 * Local integration layer (needs only a JVM): the domain's {@link Sweeper} and {@link CheckInService} on a
 * {@link DynamoCronStore} over DynamoDB Local, with a clock the tests move and a publisher that records what it gets.
 */
abstract class SweepTestSupport extends StoreTestSupport {
  static final String ENV = "production";
  final MutableClock clock = MutableClock.at("2026-03-02T10:00:00Z");
  final RecordingPublisher publisher = new RecordingPublisher();
  CheckInService checkIns;
  Sweeper sweeper;

  @BeforeEach
  void services() {
    checkIns = new CheckInService(store, clock);
    sweeper = new Sweeper(store, publisher, clock);
  }

  /** An EventPublisher that records every event it accepts; {@link #failing} makes it refuse all (the bus is down). */
  static final class RecordingPublisher implements EventPublisher {
    final List<IncidentEvent> published = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public Set<String> publish(List<IncidentEvent> events) {
      if (failing) throw new IllegalStateException("the bus is down");
      published.addAll(events);
      Set<String> ids = new HashSet<>();
      events.forEach(e -> ids.add(e.id()));
      return ids;
    }
  }

  static MonitorConfig cron(String expression, String zone, int margin) {
    return config(new CrontabSchedule(expression), zone, margin, 30, 1, 1);
  }

  static MonitorConfig config(Schedule schedule, String zone, int margin, int maxRuntime, int failureThreshold, int recoveryThreshold) {
    return new MonitorConfig(schedule, ZoneId.of(zone), margin, maxRuntime, failureThreshold, recoveryThreshold);
  }

  Monitor monitor(String slug, MonitorConfig config) {
    Monitor m = new Monitor(UUID.randomUUID().toString(), "acme", "42", slug, "Job " + slug, MonitorStatus.ACTIVE, false,
        config, clock.instant(), null, 1);
    if (!store.putMonitor(m)) throw new IllegalStateException("slug taken: " + slug);
    return m;
  }

  Monitor replace(Monitor m, MonitorStatus status, boolean muted) {
    Monitor changed = new Monitor(m.id(), m.organization(), m.projectId(), m.slug(), m.name(), status, muted, m.config(),
        m.dateCreated(), m.configError(), m.version() + 1);
    if (!store.replaceMonitor(changed)) throw new IllegalStateException("monitor changed");
    return changed;
  }

  CheckInResult checkIn(Monitor m, CheckInStatus status) {
    return checkIn(m, status, null, null);
  }

  CheckInResult checkIn(Monitor m, CheckInStatus status, UUID id, Long durationMs) {
    CheckInResult r = checkIns.checkIn(new CheckInCommand(m, ENV, status, id, durationMs, null));
    if (!r.accepted()) throw new IllegalStateException("check-in refused: " + r);
    return r;
  }

  Sweeper.Result sweepAt(String isoInstant) {
    clock.set(Instant.parse(isoInstant));
    return sweeper.sweep(Sweeper.Budget.of(10_000));
  }

  void advance(Duration d) {
    clock.advance(d);
  }

  MonitorEnvironment env(Monitor m) {
    return store.environment(m.id(), ENV).orElseThrow();
  }

  /** Every check-in of the monitor, oldest first. */
  List<CheckIn> history(Monitor m) {
    return store.checkIns(m.id(), null, null, 1000).items().stream()
        .sorted(Comparator.comparing(CheckIn::dateCreated)).toList();
  }

  List<CheckIn> missed(Monitor m) {
    return history(m).stream().filter(c -> c.status() == CheckInStatus.MISSED).toList();
  }

  static List<Instant> expectedTimes(List<CheckIn> checkIns) {
    return checkIns.stream().map(CheckIn::expectedTime).toList();
  }

  static Instant at(String iso) {
    return Instant.parse(iso);
  }
}
