package dev.cronmon.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.alert.Alerting;
import dev.cronmon.domain.alert.Channel;
import dev.cronmon.domain.alert.ChannelConfig;
import dev.cronmon.domain.alert.Delivery;
import dev.cronmon.domain.alert.Events;
import dev.cronmon.domain.alert.FailureDetail;
import dev.cronmon.domain.alert.Notification;
import dev.cronmon.domain.alert.RetryPolicy;
import dev.cronmon.domain.alert.SendResult;
import dev.cronmon.domain.alert.UrlPolicy;
import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.checkin.JobOutput;
import dev.cronmon.domain.checkin.RunFacts;
import dev.cronmon.domain.incident.Failure;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.schedule.CrontabSchedule;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.UUID;
import dev.cronmon.domain.store.InMemoryStore;
import dev.cronmon.domain.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Unit layer (no I/O): delivery of incident events on the in-memory store, whose conditional writes are the
 * DynamoDB store's. Each (event, channel) is sent once, whatever redelivers the event.
 */
class AlertServiceTest {
  private static final String MONITOR = "mon-1";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T13:00:00Z"));
  private final InMemoryStore store = new InMemoryStore();
  private final List<Notification> sent = new ArrayList<>();
  private final Deque<SendResult> answers = new ArrayDeque<>();
  private final Alerting alerting = new Alerting(n -> {
    sent.add(n);
    return answers.isEmpty() ? SendResult.delivered("200") : answers.poll();
  }, UrlPolicy.allowingPrivateTargets(UrlPolicy.SYSTEM_RESOLVER), Alerting.PAGERDUTY_EVENTS_URL, Duration.ofMinutes(2));
  private final AlertService alerts = new AlertService(store, clock, alerting, RetryPolicy.once(clock));

  private void channels(String... ids) {
    for (String id : ids) {
      store.saveChannel(new Channel(id, "acme", "ops " + id, new ChannelConfig.Webhook("https://example.com/" + id), "whsec_" + id,
          clock.instant(), null, null, null, false, 1));
    }
    store.saveAlertRule(AlertRule.Owner.monitor(MONITOR), new AlertRule(List.of(ids), Map.of(), 1));
  }

  @Test
  void anOpeningsAlert_carriesTheExitStatusReasonAndLastLines_ofTheCheckInThatOpenedIt() {
    channels("c1");
    CheckIn failing = new CheckIn(UUID.randomUUID(), MONITOR, "p-1", "production", CheckInStatus.ERROR, 1000L, clock.instant(),
        clock.instant(), null, null, new MonitorConfig(new CrontabSchedule("0 * * * *"), ZoneOffset.UTC, 1, 30, 1, 1), null, 1,
        new RunFacts(3, "exited with status 3", 30L, false, false));
    store.saveCheckIn(failing);
    store.saveOutput(failing.id(), failing.dateCreated(), clock.instant(),
        JobOutput.of("line 1\nline 2\nTraceback: disk full\n".getBytes(StandardCharsets.UTF_8), 1000));
    IncidentEvent e = Events.opened(MONITOR, "inc-9");
    IncidentEvent opened = new IncidentEvent(e.id(), e.type(), e.organization(), e.monitorId(), e.monitorSlug(), e.monitorName(),
        e.environment(), e.incidentId(), e.incidentStarted(), e.time(),
        List.of(new Failure(failing.id(), CheckInStatus.ERROR, failing.dateCreated())), e.lastOk());

    alerts.deliver(opened);

    String body = ((Notification.HttpPost) sent.get(0)).body();
    assertThat(body).contains("\"exitStatus\":3").contains("\"reason\":\"exited with status 3\"")
        .contains("line 1\\nline 2\\nTraceback: disk full");
    assertThat(alerts.detail(Events.opened(MONITOR, "inc-10"))).as("a timeout: no check-in output to show").isEqualTo(FailureDetail.NONE);
  }

  @Test
  void anEventDeliveredTwice_isSentOncePerChannel() {
    channels("c1", "c2");
    IncidentEvent opened = Events.opened(MONITOR, "inc-1");

    List<AlertService.Outcome> first = alerts.deliver(opened);
    List<AlertService.Outcome> again = alerts.deliver(opened);

    assertThat(first).extracting(AlertService.Outcome::result).containsOnly(AlertService.Result.DELIVERED);
    assertThat(again).extracting(AlertService.Outcome::result).containsOnly(AlertService.Result.ALREADY_SETTLED);
    assertThat(sent).hasSize(2);
    assertThat(store.delivery("c1", opened.id())).get().extracting(Delivery::status).isEqualTo(Delivery.Status.DELIVERED);
    assertThat(store.channel("acme", "c1").orElseThrow().lastDeliveredAt()).isEqualTo(clock.instant());
  }

  @Test
  void aDeliveryClaimedElsewhere_isNotSent_untilItsLeaseRunsOut() {
    channels("c1");
    IncidentEvent opened = Events.opened(MONITOR, "inc-2");
    store.saveDelivery(Delivery.firstClaim("c1", opened.id(), clock.instant(), clock.instant().plusSeconds(60)));

    assertThatThrownBy(() -> alerts.deliver(opened)).isInstanceOf(AlertService.RetryLaterException.class);
    assertThat(sent).isEmpty();

    clock.advance(Duration.ofSeconds(61));
    assertThat(alerts.deliver(opened)).extracting(AlertService.Outcome::result).containsExactly(AlertService.Result.DELIVERED);
    assertThat(sent).hasSize(1);
  }

  @Test
  void aTransientFailure_isRetriedByThePlatform_andAPermanentOneIsRecordedOnTheChannel() {
    channels("flaky", "broken");
    IncidentEvent opened = Events.opened(MONITOR, "inc-3");
    answers.add(SendResult.transientFailure("HTTP 503", null));
    answers.add(SendResult.permanentFailure("HTTP 404"));

    assertThatThrownBy(() -> alerts.deliver(opened)).isInstanceOf(AlertService.RetryLaterException.class);
    assertThat(store.delivery("flaky", opened.id())).get().extracting(Delivery::status).isEqualTo(Delivery.Status.RETRY);
    assertThat(store.channel("acme", "broken").orElseThrow().failing()).isTrue();

    assertThat(alerts.deliver(opened)).extracting(AlertService.Outcome::result)
        .containsExactly(AlertService.Result.DELIVERED, AlertService.Result.ALREADY_SETTLED);
    assertThat(sent).hasSize(3);
  }
}
