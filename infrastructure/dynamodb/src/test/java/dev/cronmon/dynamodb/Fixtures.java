package dev.cronmon.dynamodb;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.checkin.OpenRun;
import dev.cronmon.domain.incident.Failure;
import dev.cronmon.domain.incident.Incident;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.monitor.EnvironmentStatus;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.schedule.IntervalSchedule;
import dev.cronmon.domain.schedule.IntervalUnit;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** Domain records with every field set, for round trips. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2025-03-30T00:59:12.345678901Z");

  private Fixtures() {}

  static MonitorConfig cronConfig() {
    return new MonitorConfig(new CrontabSchedule("*/5 * * * *"), ZoneId.of("Europe/Vienna"), 3, 45, 2, 4);
  }

  static MonitorConfig intervalConfig() {
    return new MonitorConfig(new IntervalSchedule(2, IntervalUnit.HOUR), ZoneId.of("America/New_York"), 1, 30, 1, 1);
  }

  static Monitor monitor(String org, String slug) {
    return new Monitor(UUID.randomUUID().toString(), org, "42", slug, "Nightly " + slug, MonitorStatus.ACTIVE, true,
        cronConfig(), T0, "schedule: Schedule is invalid", 1);
  }

  static MonitorEnvironment fullEnvironment(String monitorId, String name) {
    UUID run1 = UUID.randomUUID();
    UUID run2 = UUID.randomUUID();
    Failure f1 = new Failure(UUID.randomUUID(), CheckInStatus.MISSED, T0.plusSeconds(60));
    Failure f2 = new Failure(UUID.randomUUID(), CheckInStatus.TIMEOUT, T0.plusSeconds(120));
    Failure f3 = new Failure(UUID.randomUUID(), CheckInStatus.ERROR, T0.plusSeconds(180));
    Incident incident = new Incident("inc-" + UUID.randomUUID(), T0.plusSeconds(60), List.of(f1, f2));
    IncidentEvent opened = new IncidentEvent("evt-1", IncidentEvent.Type.OPENED, "acme", monitorId, "nightly", "Nightly",
        name, incident.id(), incident.started(), T0.plusSeconds(121), List.of(f1, f2), T0.minusSeconds(3600));
    IncidentEvent resolved = new IncidentEvent("evt-2", IncidentEvent.Type.RESOLVED, "acme", monitorId, "nightly", "Nightly",
        name, incident.id(), incident.started(), T0.plusSeconds(500), List.of(), null);
    return new MonitorEnvironment(monitorId, name, EnvironmentStatus.ERROR, true, T0, T0.plusSeconds(180),
        T0.minusSeconds(3600), T0.plusSeconds(300), T0.plusSeconds(480),
        List.of(new OpenRun(run1, T0.plusSeconds(10), T0.plusSeconds(1810)), new OpenRun(run2, T0.plusSeconds(20), T0.plusSeconds(1820))),
        0, List.of(f3), incident, List.of(opened, resolved), 1, true).toBuilder().lastDurationMs(93_000L).build();
  }

  /** An environment with nothing due (no deadline, no open run, empty outbox). */
  static MonitorEnvironment idleEnvironment(String monitorId, String name) {
    return MonitorEnvironment.fresh(monitorId, name, T0).toBuilder().version(1).build();
  }

  static CheckIn checkIn(String monitorId, String environment, Instant dateCreated) {
    return new CheckIn(UUID.randomUUID(), monitorId, "42", environment, CheckInStatus.IN_PROGRESS, null, dateCreated,
        dateCreated, dateCreated.minusSeconds(5), dateCreated.plusSeconds(1800), cronConfig(), null, 1);
  }

  static CheckIn fullCheckIn(String monitorId) {
    return new CheckIn(UUID.randomUUID(), monitorId, "42", "staging", CheckInStatus.TIMEOUT, 123_456L, T0,
        T0.plusSeconds(7), T0.minusSeconds(12), T0.plusSeconds(1800), intervalConfig(), "0af7651916cd43dd8448eb211c80319c", 1);
  }
}
