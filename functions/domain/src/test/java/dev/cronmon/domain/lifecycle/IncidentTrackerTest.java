package dev.cronmon.domain.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.monitor.EnvironmentStatus;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.schedule.CrontabSchedule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IncidentTrackerTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private static Monitor monitor(int failureThreshold, int recoveryThreshold, boolean muted) {
    MonitorConfig config = new MonitorConfig(new CrontabSchedule("0 * * * *"), ZoneId.of("UTC"), 1, 30, failureThreshold, recoveryThreshold);
    return new Monitor("m1", "org", "1", "job", "Job", MonitorStatus.ACTIVE, muted, config, T0, null, 1);
  }

  private static MonitorEnvironment apply(Monitor m, MonitorEnvironment env, CheckInStatus... statuses) {
    MonitorEnvironment current = env;
    int i = 0;
    for (CheckInStatus s : statuses) current = IncidentTracker.record(m, current, UUID.randomUUID(), s, T0.plusSeconds(3600L * i++));
    return current;
  }

  @Test
  void thresholdOne_opensOnFirstFailure_andResolvesOnFirstOk() {
    Monitor m = monitor(1, 1, false);
    MonitorEnvironment opened = apply(m, MonitorEnvironment.fresh("m1", "production", T0), CheckInStatus.OK, CheckInStatus.MISSED);

    assertThat(opened.activeIncident()).isNotNull();
    assertThat(opened.status()).isEqualTo(EnvironmentStatus.ERROR);
    assertThat(opened.outbox()).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.OPENED);
    assertThat(opened.outbox().get(0).reason()).isEqualTo("A missed check-in was detected");

    MonitorEnvironment resolved = apply(m, opened, CheckInStatus.OK);
    assertThat(resolved.activeIncident()).isNull();
    assertThat(resolved.status()).isEqualTo(EnvironmentStatus.OK);
    assertThat(resolved.outbox()).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.OPENED, IncidentEvent.Type.RESOLVED);
    assertThat(resolved.outbox().get(1).incidentId()).isEqualTo(opened.activeIncident().id());
  }

  @Test
  void thresholdThree_needsThreeConsecutiveFailures_andStartsAtTheOldest() {
    Monitor m = monitor(3, 1, false);
    MonitorEnvironment env = apply(m, MonitorEnvironment.fresh("m1", "production", T0),
        CheckInStatus.MISSED, CheckInStatus.ERROR, CheckInStatus.OK, CheckInStatus.MISSED, CheckInStatus.MISSED);
    assertThat(env.activeIncident()).isNull();
    assertThat(env.outbox()).isEmpty();

    MonitorEnvironment opened = IncidentTracker.record(m, env, UUID.randomUUID(), CheckInStatus.TIMEOUT, T0.plusSeconds(99_999));

    assertThat(opened.activeIncident()).isNotNull();
    assertThat(opened.activeIncident().started()).isEqualTo(T0.plusSeconds(3600L * 3));
    assertThat(opened.outbox()).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo("2 missed and 1 timeout check-ins detected"));
  }

  @Test
  void recoveryThreshold_needsConsecutiveOks() {
    Monitor m = monitor(1, 2, false);
    MonitorEnvironment env = apply(m, MonitorEnvironment.fresh("m1", "production", T0), CheckInStatus.ERROR, CheckInStatus.OK, CheckInStatus.ERROR, CheckInStatus.OK);
    assertThat(env.activeIncident()).isNotNull();

    MonitorEnvironment resolved = apply(m, env, CheckInStatus.OK);
    assertThat(resolved.activeIncident()).isNull();
    assertThat(resolved.outbox()).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.OPENED, IncidentEvent.Type.RESOLVED);
  }

  @Test
  void mutedMonitor_tracksTheIncident_butEmitsNoEvent() {
    Monitor m = monitor(1, 1, true);
    MonitorEnvironment env = apply(m, MonitorEnvironment.fresh("m1", "production", T0), CheckInStatus.MISSED);

    assertThat(env.activeIncident()).isNotNull();
    assertThat(env.outbox()).isEmpty();
    assertThat(apply(m, env, CheckInStatus.OK).outbox()).isEmpty();
  }
}
