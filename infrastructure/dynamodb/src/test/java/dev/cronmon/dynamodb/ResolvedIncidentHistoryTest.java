package dev.cronmon.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.incident.Failure;
import dev.cronmon.domain.incident.Incident;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.incident.ResolvedIncident;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.schedule.CrontabSchedule;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md rule I3: every incident that resolves is kept as history, in the same write as the environment
 * that resolved it, whichever writer resolves it (a check-in, a check-in that first marks unswept slots missed, or the
 * sweeper recording a check-in whose request died). DynamoDB Local, clock moved by the test.
 */
class ResolvedIncidentHistoryTest extends SweepTestSupport {

  /** An hourly job (margin 5, threshold 1, recovery 1) that checked in at 10:00:10 and whose 11:00 run was missed. */
  private Monitor withIncidentFromMissed11() {
    clock.set(at("2026-03-02T10:00:10Z"));
    Monitor m = monitor("hourly-" + UUID.randomUUID(), cron("0 * * * *", "UTC", 5));
    checkIn(m, CheckInStatus.OK);
    sweepAt("2026-03-02T11:06:00Z");
    assertThat(env(m).activeIncident()).as("the 11:00 miss opened an incident").isNotNull();
    return m;
  }

  /** An hourly job (margin 120, max runtime 30, threshold 1) whose error at 10:00:10 opened an incident; a run open since 10:01. */
  private Monitor withIncidentFromErrorAndARunAt1001(String slug) {
    clock.set(at("2026-03-02T10:00:10Z"));
    Monitor m = monitor(slug, config(new CrontabSchedule("0 * * * *"), "UTC", 120, 30, 1, 1));
    checkIn(m, CheckInStatus.ERROR);
    clock.set(at("2026-03-02T10:01:00Z"));
    checkIn(m, CheckInStatus.IN_PROGRESS);
    assertThat(env(m).activeIncident()).as("the error opened an incident").isNotNull();
    return m;
  }

  private List<ResolvedIncident> resolved(Monitor m) {
    return store.resolvedIncidents(m.id(), ENV, null, 10).items();
  }

  /** A check-in written by a request that died before it updated the environment. */
  private CheckIn orphan(Monitor m, CheckInStatus status, String created) {
    Instant t = at(created);
    CheckIn c = new CheckIn(UUID.randomUUID(), m.id(), m.projectId(), ENV, status, 1_000L, t, t, null, null, m.config(), null, 1);
    assertThat(store.saveCheckIn(c)).isTrue();
    return c;
  }

  @Test
  void okCheckIn_resolvingTheIncident_keepsItAsHistory() {
    Monitor m = withIncidentFromMissed11();
    Incident open = env(m).activeIncident();

    clock.set(at("2026-03-02T11:30:00Z"));
    checkIn(m, CheckInStatus.OK);

    assertThat(env(m).activeIncident()).isNull();
    assertThat(resolved(m)).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo(open.id());
      assertThat(r.resolved()).isEqualTo(at("2026-03-02T11:30:00Z"));
      assertThat(r.failures()).extracting(Failure::time).containsExactly(at("2026-03-02T11:00:00Z"));
    });
  }

  @Test
  void okArrivingAfterAnUnsweptDeadline_resolvingTheIncidentItExtended_keepsItAsHistory() {
    // GIVEN an incident open since 11:00; nobody swept 12:00's deadline (12:05)
    Monitor m = withIncidentFromMissed11();
    Incident open = env(m).activeIncident();

    // WHEN an ok arrives at 12:30: it marks 12:00 missed (into the incident), then resolves it, in one write
    clock.set(at("2026-03-02T12:30:00Z"));
    checkIn(m, CheckInStatus.OK);

    // THEN the incident, with both misses, is history
    assertThat(env(m).activeIncident()).isNull();
    assertThat(expectedTimes(missed(m))).containsExactly(at("2026-03-02T11:00:00Z"), at("2026-03-02T12:00:00Z"));
    assertThat(resolved(m)).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo(open.id());
      assertThat(r.resolved()).isEqualTo(at("2026-03-02T12:30:00Z"));
      assertThat(r.failures()).extracting(Failure::time)
          .containsExactly(at("2026-03-02T11:00:00Z"), at("2026-03-02T12:00:00Z"));
    });
  }

  @Test
  void okArrivingAfterAnUnsweptDeadline_openingAndResolvingAnIncidentInOneWrite_keepsItAsHistory() {
    // GIVEN an hourly job (threshold 1) that checked in at 10:00:10 and was never swept since
    clock.set(at("2026-03-02T10:00:10Z"));
    Monitor m = monitor("unswept", cron("0 * * * *", "UTC", 5));
    checkIn(m, CheckInStatus.OK);

    // WHEN an ok arrives at 11:30: 11:00 is marked missed (opening an incident) and the ok resolves it
    clock.set(at("2026-03-02T11:30:00Z"));
    checkIn(m, CheckInStatus.OK);

    // THEN both events are in the outbox and the incident is history
    assertThat(env(m).outbox()).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.OPENED, IncidentEvent.Type.RESOLVED);
    String incident = env(m).outbox().get(0).incidentId();
    assertThat(resolved(m)).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo(incident);
      assertThat(r.started()).isEqualTo(at("2026-03-02T11:00:00Z"));
      assertThat(r.resolved()).isEqualTo(at("2026-03-02T11:30:00Z"));
    });
  }

  @Test
  void sweeperRecordingAnOkWhoseRequestDied_resolvingTheIncident_keepsItAsHistory() {
    // GIVEN an incident open since 11:00, and an ok at 12:01 whose request died before it updated the environment
    Monitor m = withIncidentFromMissed11();
    Incident open = env(m).activeIncident();
    CheckIn ok = orphan(m, CheckInStatus.OK, "2026-03-02T12:01:00Z");

    // WHEN the sweeper passes 12:00's deadline after the grace for dead requests
    sweepAt("2026-03-02T12:07:00Z");

    // THEN it recorded the ok, which resolved the incident: history has it
    assertThat(env(m).lastCheckIn()).isEqualTo(ok.dateCreated());
    assertThat(env(m).activeIncident()).isNull();
    assertThat(resolved(m)).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo(open.id());
      assertThat(r.resolved()).isEqualTo(ok.dateCreated());
    });
  }

  @Test
  void sweeperResolvingOneIncidentAndOpeningTheNextInOneWrite_keepsTheFirstAsHistory() {
    // GIVEN an incident open since 11:00, an ok at 12:01 whose request died, and no run at 13:00
    Monitor m = withIncidentFromMissed11();
    Incident first = env(m).activeIncident();
    orphan(m, CheckInStatus.OK, "2026-03-02T12:01:00Z");

    // WHEN the sweeper runs only after 13:00's deadline: one decision records the ok (resolving) and misses 13:00
    sweepAt("2026-03-02T13:06:00Z");

    // THEN the first incident is history and a new one is open
    assertThat(env(m).activeIncident()).isNotNull();
    assertThat(env(m).activeIncident().id()).isNotEqualTo(first.id());
    assertThat(resolved(m)).extracting(ResolvedIncident::id).containsExactly(first.id());
  }

  @Test
  void sweeperRecordingARunClosedOkByADeadRequest_resolvingTheIncident_keepsItAsHistory() {
    // GIVEN an incident opened by an error, then a run started at 10:01 whose ok close (10:29) was written by a request
    // that died before it updated the environment
    Monitor m = withIncidentFromErrorAndARunAt1001("dead-close");
    Incident open = env(m).activeIncident();
    UUID run = env(m).openRuns().get(0).checkInId();
    CheckIn started = store.checkIn(run).orElseThrow();
    assertThat(store.saveCheckIn(started.close(CheckInStatus.OK, 5_000L, at("2026-03-02T10:29:00Z")))).isTrue();

    // WHEN the sweeper passes the run's timeout (10:31) and the grace for dead requests
    sweepAt("2026-03-02T10:35:00Z");

    // THEN it recorded the close as ok, which resolved the incident: history has it
    assertThat(env(m).openRuns()).isEmpty();
    assertThat(env(m).activeIncident()).isNull();
    assertThat(resolved(m)).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo(open.id());
      assertThat(r.resolved()).isEqualTo(at("2026-03-02T10:29:00Z"));
    });
  }

  @Test
  void okClosingARun_resolvingTheIncident_keepsItAsHistory() {
    Monitor m = withIncidentFromErrorAndARunAt1001("close");
    Incident open = env(m).activeIncident();
    UUID run = env(m).openRuns().get(0).checkInId();

    clock.set(at("2026-03-02T10:09:00Z"));
    checkIn(m, CheckInStatus.OK, run, null);

    assertThat(resolved(m)).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo(open.id());
      assertThat(r.resolved()).isEqualTo(at("2026-03-02T10:09:00Z"));
    });
  }
}
