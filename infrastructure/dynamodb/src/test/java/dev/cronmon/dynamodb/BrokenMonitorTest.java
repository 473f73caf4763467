package dev.cronmon.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.incident.BrokenNotice;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.service.MonitorService;
import dev.cronmon.domain.tenant.Limits;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md rules B1–B3 on DynamoDB Local with a moved clock: a daily job that stopped running, swept every
 * day; the broken-monitor rule's looks are found through the due index like any deadline.
 */
class BrokenMonitorTest extends SweepTestSupport {

  /** A daily job (02:00, margin 1) that ran on March 1 and never again: missed from March 2 on, an incident open. */
  private Monitor deadDailyJob() {
    clock.set(at("2026-03-01T02:00:05Z"));
    Monitor m = monitor("nightly", cron("0 2 * * *", "UTC", 1));
    checkIn(m, CheckInStatus.OK);
    sweepDailyUntil("2026-03-15T02:01:00Z");
    return m;
  }

  private void sweepDailyUntil(String lastIso) {
    for (Instant t = at("2026-03-02T02:01:00Z"); !t.isAfter(at(lastIso)); t = t.plus(Duration.ofDays(1))) {
      if (t.isAfter(clock.instant())) sweepAt(t.toString());
    }
  }

  @Test
  void failingFor14Days_getsOneBrokenNotice_foundThroughTheDueIndex_thenIsMutedWithASecondNotice_rulesB1B2() {
    // GIVEN a job dead since March 2 (incident started at the 02:00 slot), swept daily to March 15
    Monitor m = deadDailyJob();
    assertThat(publisher.published).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.OPENED);
    assertThat(env(m).dueAt()).as("its next look at the incident comes before the next deadline")
        .isEqualTo(at("2026-03-16T02:00:30Z"));

    // WHEN the sweeper ticks at 02:00:40 on March 16, before that day's deadline (02:01)
    sweepAt("2026-03-16T02:00:40Z");

    // THEN the broken notice is published once, and the API's brokenNotice holds its time
    assertThat(publisher.published).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.OPENED, IncidentEvent.Type.BROKEN);
    assertThat(env(m).activeIncident().brokenNotice()).isEqualTo(new BrokenNotice(at("2026-03-16T02:00:40Z"), null));
    assertThat(env(m).muted()).isFalse();

    // WHEN it keeps failing for 14 more days
    sweepDailyUntil("2026-03-30T02:01:00Z");
    sweepAt("2026-03-30T02:02:00Z");

    // THEN it is muted, with a second notice; later failures page no one
    assertThat(env(m).muted()).isTrue();
    assertThat(env(m).activeIncident().brokenNotice().environmentMutedTimestamp()).isEqualTo(at("2026-03-30T02:02:00Z"));
    sweepDailyUntil("2026-04-05T02:01:00Z");
    assertThat(publisher.published).extracting(IncidentEvent::type)
        .containsExactly(IncidentEvent.Type.OPENED, IncidentEvent.Type.BROKEN, IncidentEvent.Type.MUTED);
  }

  @Test
  void theBrokenStateEnds_whenAPersonUnmutes_orWhenTheIncidentResolves_ruleB3() {
    Monitor m = deadDailyJob();
    sweepDailyUntil("2026-03-30T02:01:00Z");
    sweepAt("2026-03-30T02:02:00Z");
    assertThat(env(m).muted()).isTrue();

    // WHEN a person unmutes the environment and it keeps failing for another week
    new MonitorService(store, clock, Limits.DEFAULT).muteEnvironment(m, ENV, false);
    sweepDailyUntil("2026-04-06T02:01:00Z");

    // THEN no notice and no muting again for this incident; the next failures alert as before the rule (none: open)
    assertThat(env(m).muted()).isFalse();
    assertThat(env(m).activeIncident().brokenNotice()).isNull();
    assertThat(publisher.published).extracting(IncidentEvent::type)
        .containsExactly(IncidentEvent.Type.OPENED, IncidentEvent.Type.BROKEN, IncidentEvent.Type.MUTED);

    // WHEN the job runs again
    clock.set(at("2026-04-07T02:00:05Z"));
    checkIn(m, CheckInStatus.OK);
    sweepAt("2026-04-07T02:02:00Z");

    // THEN the incident resolves, and with it the rule's state
    assertThat(env(m).activeIncident()).isNull();
    assertThat(env(m).brokenDueAt()).isNull();
    assertThat(publisher.published).last().satisfies(e -> assertThat(e.type()).isEqualTo(IncidentEvent.Type.RESOLVED));
  }
}
