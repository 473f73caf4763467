package dev.cronmon.domain.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.alert.Alerting;
import dev.cronmon.domain.alert.Channel;
import dev.cronmon.domain.alert.ChannelConfig;
import dev.cronmon.domain.alert.Notification;
import dev.cronmon.domain.alert.RetryPolicy;
import dev.cronmon.domain.alert.SendResult;
import dev.cronmon.domain.alert.UrlPolicy;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.maintenance.MaintenanceWindow;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.store.InMemoryStore;
import dev.cronmon.domain.tenant.Limits;
import dev.cronmon.domain.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Unit layer (no I/O), clock-driven: reminders (docs/semantics.md rules R1–R5) from the sweeper's due index to the
 * channels, on the in-memory store whose conditional writes are the DynamoDB store's. An hourly job stops at 10:00; its
 * 11:00 slot is missed at 11:01 and opens the incident; the rule reminds every 30 minutes.
 */
class RemindersTest {
  private static final MonitorConfig HOURLY = new MonitorConfig(new CrontabSchedule("0 * * * *"), ZoneOffset.UTC, 1, 30, 1, 1);
  private static final String ENV = "production";

  private final MutableClock clock = MutableClock.at("2026-03-02T10:00:05Z");
  private final InMemoryStore store = new InMemoryStore();
  private final CheckInService checkIns = new CheckInService(store, clock, Limits.DEFAULT);
  private final MonitorService monitors = new MonitorService(store, clock, Limits.DEFAULT);
  private final List<IncidentEvent> published = Collections.synchronizedList(new ArrayList<>());
  private final EventPublisher bus = events -> {
    published.addAll(events);
    return events.stream().map(IncidentEvent::id).collect(Collectors.toSet());
  };
  private final Sweeper sweeper = new Sweeper(store, bus, clock);
  private final List<Notification> sent = Collections.synchronizedList(new ArrayList<>());
  private final AlertService alerts = new AlertService(store, clock,
      new Alerting(n -> {
        sent.add(n);
        return SendResult.delivered("200");
      }, UrlPolicy.allowingPrivateTargets(UrlPolicy.SYSTEM_RESOLVER), Alerting.PAGERDUTY_EVENTS_URL, Duration.ofMinutes(2)),
      RetryPolicy.once(clock));
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private Monitor monitor;

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  /** The job, its last ok at 10:00:05, and a monitor rule with a webhook and a Slack channel reminding every 30 min. */
  private void failingJob(AlertRule.Owner ruleOwner, Duration remindEvery) {
    monitor = new Monitor(UUID.randomUUID().toString(), "acme", "p-1", "backup", "Backup", MonitorStatus.ACTIVE, false, HOURLY,
        clock.instant(), null, 1);
    store.putMonitor(monitor);
    checkIns.checkIn(new CheckInCommand(monitor, ENV, CheckInStatus.OK, null, null, null));
    store.saveChannel(new Channel("hook", "acme", "ops hook", new ChannelConfig.Webhook("https://example.com/hook"), "whsec_1",
        clock.instant(), null, null, null, false, 1));
    store.saveChannel(new Channel("slack", "acme", "ops slack", new ChannelConfig.Slack("https://hooks.slack.com/services/T/B/X"), null,
        clock.instant(), null, null, null, false, 1));
    AlertRule.Owner owner = ruleOwner != null ? ruleOwner : AlertRule.Owner.monitor(monitor.id());
    store.saveAlertRule(owner, new AlertRule(List.of("hook", "slack"), Map.of(), remindEvery, 1));
  }

  private void sweepEachMinute(String fromIso, String toIso) {
    for (Instant t = Instant.parse(fromIso); !t.isAfter(Instant.parse(toIso)); t = t.plus(Duration.ofMinutes(1))) {
      clock.set(t);
      sweeper.sweep(Sweeper.Budget.of(100));
    }
  }

  private List<IncidentEvent> reminders() {
    return published.stream().filter(e -> e.type() == IncidentEvent.Type.REMINDER).toList();
  }

  private MonitorEnvironment env() {
    return store.environment(monitor.id(), ENV).orElseThrow();
  }

  @Test
  void anOpenIncident_isRemindedOncePerPeriod_withItsCountAndTimeOpen_rulesR2R3() {
    // GIVEN the failing job with 30-minute reminders
    failingJob(null, Duration.ofMinutes(30));

    // WHEN the sweeper ticks every minute from 11:01 to 13:00
    sweepEachMinute("2026-03-02T11:01:00Z", "2026-03-02T13:00:00Z");

    // THEN the incident (opened by the 11:00 slot) was reminded from 11:30:30 on every 30 minutes, found by the ticks at
    // 11:31, 12:01 and 12:31: three, numbered, one each
    List<IncidentEvent> opened = published.stream().filter(e -> e.type() == IncidentEvent.Type.OPENED).toList();
    assertThat(opened).hasSize(1);
    assertThat(reminders()).extracting(IncidentEvent::reminder).containsExactly(1, 2, 3);
    assertThat(reminders()).extracting(IncidentEvent::time).containsExactly(
        Instant.parse("2026-03-02T11:31:00Z"), Instant.parse("2026-03-02T12:01:00Z"), Instant.parse("2026-03-02T12:31:00Z"));
    assertThat(reminders()).extracting(IncidentEvent::id).doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).startsWith(opened.get(0).incidentId() + ":reminder:"));
    assertThat(env().reminderDueAt()).as("the next one, in the due index").isEqualTo(Instant.parse("2026-03-02T13:00:30Z"));

    // AND each channel gets each reminder once, even when SNS delivers every event twice
    for (IncidentEvent e : List.copyOf(published)) {
      alerts.deliver(e);
      alerts.deliver(e);
    }
    assertThat(sent).hasSize(2 * (1 + 3));
    String third = sent.stream().filter(n -> n instanceof Notification.HttpPost p && p.url().contains("slack"))
        .map(n -> ((Notification.HttpPost) n).body()).filter(b -> b.contains("Reminder 3")).findFirst().orElseThrow();
    assertThat(third).contains("Open for 1 h 31 min (since 2026-03-02 11:00:00 UTC)");
  }

  @Test
  void twoOverlappingSweeps_makeOneReminderPerPeriod_ruleR2() throws Exception {
    // GIVEN the failing job, and a second sweeper on the same store (an invocation that overran its minute)
    failingJob(null, Duration.ofMinutes(30));
    Sweeper other = new Sweeper(store, bus, clock);
    CyclicBarrier together = new CyclicBarrier(2);

    // WHEN both sweep at once every minute until 13:00
    for (Instant t = Instant.parse("2026-03-02T11:01:00Z"); !t.isAfter(Instant.parse("2026-03-02T13:00:00Z"));
         t = t.plus(Duration.ofMinutes(1))) {
      clock.set(t);
      Future<?> a = pool.submit(() -> {
        together.await();
        return sweeper.sweep(Sweeper.Budget.of(100));
      });
      Future<?> b = pool.submit(() -> {
        together.await();
        return other.sweep(Sweeper.Budget.of(100));
      });
      a.get();
      b.get();
    }

    // THEN three reminders were decided (an event may be published twice: consumers drop it by id, rule W7)
    assertThat(reminders().stream().map(IncidentEvent::id).distinct().count()).isEqualTo(3);
    assertThat(reminders().stream().map(IncidentEvent::reminder).distinct().sorted().toList()).containsExactly(1, 2, 3);
    assertThat(env().activeIncident().reminders()).isEqualTo(3);
    for (IncidentEvent e : List.copyOf(published)) alerts.deliver(e);
    assertThat(sent).as("per channel: the opening and three reminders").hasSize(2 * 4);
  }

  @Test
  void theProjectsDefaultRule_remindsToo_andNoRuleOrNoPeriod_remindsNever() {
    failingJob(AlertRule.Owner.project("p-1"), Duration.ofMinutes(15));
    sweepEachMinute("2026-03-02T11:01:00Z", "2026-03-02T11:40:00Z");
    assertThat(reminders()).extracting(IncidentEvent::reminder).containsExactly(1, 2);

    // WHEN the rule drops its period: the next due reminder reads it and the schedule ends (rule R5)
    store.saveAlertRule(AlertRule.Owner.project("p-1"), new AlertRule(List.of("hook"), Map.of(), null, 2));
    sweepEachMinute("2026-03-02T11:41:00Z", "2026-03-02T13:00:00Z");
    assertThat(reminders()).hasSize(2);
    assertThat(env().reminderDueAt()).isNull();
    assertThat(env().dueAt()).as("only the next slot's deadline").isEqualTo(env().nextCheckInLatest());
  }

  @Test
  void noReminder_afterTheIncidentResolves_ruleR4() {
    failingJob(null, Duration.ofMinutes(30));
    sweepEachMinute("2026-03-02T11:01:00Z", "2026-03-02T11:40:00Z");
    String first = env().activeIncident().id();
    assertThat(reminders()).hasSize(1);

    // WHEN the job runs at 11:45 (resolving the incident), then fails again from the 12:00 slot on
    clock.set(Instant.parse("2026-03-02T11:45:00Z"));
    checkIns.checkIn(new CheckInCommand(monitor, ENV, CheckInStatus.OK, null, null, null));
    assertThat(env().activeIncident()).isNull();
    assertThat(env().reminderDueAt()).isNull();
    sweepEachMinute("2026-03-02T11:46:00Z", "2026-03-02T13:00:00Z");

    // THEN the resolved incident got no reminder more; the new one counts its own from 1
    assertThat(reminders()).filteredOn(e -> e.incidentId().equals(first)).hasSize(1);
    assertThat(reminders()).filteredOn(e -> !e.incidentId().equals(first)).extracting(IncidentEvent::reminder).containsExactly(1);
    assertThat(published).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.OPENED, IncidentEvent.Type.REMINDER,
        IncidentEvent.Type.RESOLVED, IncidentEvent.Type.OPENED, IncidentEvent.Type.REMINDER);
  }

  @Test
  void noReminder_whileMuted_andTheScheduleEnds_ruleR4() {
    failingJob(null, Duration.ofMinutes(30));
    sweepEachMinute("2026-03-02T11:01:00Z", "2026-03-02T11:40:00Z");

    monitors.muteEnvironment(monitor, ENV, true);
    sweepEachMinute("2026-03-02T11:41:00Z", "2026-03-02T14:00:00Z");

    assertThat(reminders()).hasSize(1);
    assertThat(env().reminderDueAt()).as("muted for good: the due index forgets the reminder").isNull();
  }

  @Test
  void noReminder_whileSnoozed_thenTheyGoOn_rulesR4N2() {
    failingJob(null, Duration.ofMinutes(30));
    sweepEachMinute("2026-03-02T11:01:00Z", "2026-03-02T11:40:00Z");
    assertThat(reminders()).hasSize(1);

    // WHEN the environment is snoozed for an hour at 11:40
    monitors.snoozeEnvironment(monitor, ENV, Instant.parse("2026-03-02T12:40:00Z"));
    sweepEachMinute("2026-03-02T11:41:00Z", "2026-03-02T12:40:00Z");

    // THEN the reminders due at 12:00:30 and 12:30:30 are not sent; after the snooze the next one is number 2
    assertThat(reminders()).hasSize(1);
    sweepEachMinute("2026-03-02T12:41:00Z", "2026-03-02T13:05:00Z");
    assertThat(reminders()).extracting(IncidentEvent::reminder).containsExactly(1, 2);
    assertThat(reminders().get(1).time()).isEqualTo(Instant.parse("2026-03-02T13:01:00Z"));
  }

  @Test
  void noReminder_duringAMaintenanceWindow_thenTheyGoOn_rulesR4M3() {
    failingJob(null, Duration.ofMinutes(30));
    sweepEachMinute("2026-03-02T11:01:00Z", "2026-03-02T11:40:00Z");
    assertThat(reminders()).hasSize(1);

    // WHEN a one-off maintenance window of the monitor runs from 11:40 to 12:40
    store.saveMaintenanceWindow(new MaintenanceWindow(UUID.randomUUID().toString(), "acme", "patching",
        new MaintenanceWindow.OneOff(Instant.parse("2026-03-02T11:40:00Z"), Instant.parse("2026-03-02T12:40:00Z")),
        new MaintenanceWindow.Monitors(List.of("backup")), clock.instant(), 1));
    sweepEachMinute("2026-03-02T11:41:00Z", "2026-03-02T12:40:00Z");

    // THEN the reminders due at 12:00:30 and 12:30:30 are not sent; after the window the next one is number 2
    assertThat(reminders()).hasSize(1);
    sweepEachMinute("2026-03-02T12:41:00Z", "2026-03-02T13:05:00Z");
    assertThat(reminders()).extracting(IncidentEvent::reminder).containsExactly(1, 2);
    assertThat(reminders().get(1).time()).isEqualTo(Instant.parse("2026-03-02T13:01:00Z"));
  }
}
