package dev.cronmon.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronmon.domain.incident.IncidentEvent;
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
