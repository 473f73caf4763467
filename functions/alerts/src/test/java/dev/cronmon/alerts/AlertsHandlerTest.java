package dev.cronmon.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.service.AlertService;
import dev.cronmon.domain.alert.Channel;
import dev.cronmon.domain.alert.ChannelConfig;
import dev.cronmon.domain.alert.Delivery;
import dev.cronmon.domain.alert.RecordingReceiver;
import dev.cronmon.domain.alert.RecordingReceiver.Answer;
import dev.cronmon.domain.alert.WebhookSignature;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorStatus;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.time.MutableClock;
import dev.cronmon.dynamodb.CapacityMeter;
import dev.cronmon.dynamodb.DynamoCronStore;
import dev.cronmon.dynamodb.TableSchema;
import dev.cronmon.dynamodblocal.DynamoDbLocal;
import dev.cronmon.lambda.Services;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Local integration layer: the alerts function as Lambda runs it (SNS events from fixture files), against DynamoDB
 * Local, with recording HTTP receivers standing in for Slack, PagerDuty and a webhook, and GreenMail for SMTP.
 * Retries pause through a sleeper that moves the test clock: nothing sleeps.
 */
class AlertsHandlerTest {
  private static final String MONITOR_ID = "5b0c5c0e-3d53-4c4b-9a8e-1f2d3c4b5a69";
  private static final String OPENED_ID = "0f8e2a3c-7d14-4e0b-b6a1-52c9d8e7f601:opened";
  private static final AtomicInteger TABLES = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static DynamoDbLocal dynamo;

  private final MutableClock clock = MutableClock.at("2026-03-02T12:01:05Z");
  private final List<Duration> pauses = new ArrayList<>();
  private final RecordingReceiver slack = new RecordingReceiver();
  private final RecordingReceiver pagerDuty = new RecordingReceiver();
  private final RecordingReceiver webhook = new RecordingReceiver();
  private GreenMail smtp;
  private DynamoCronStore store;
  private AlertsHandler handler;

  @BeforeAll
  static void startDynamo() {
    dynamo = DynamoDbLocal.inMemory();
  }

  @AfterAll
  static void stopDynamo() {
    dynamo.close();
  }

  @BeforeEach
  void setUp() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    String table = "alerts-" + TABLES.incrementAndGet();
    TableSchema.createTable(dynamo.client(), table);
    store = new DynamoCronStore(dynamo.client(), table);
    Map<String, String> env = new HashMap<>(Map.of(
        "ALLOW_PRIVATE_ALERT_TARGETS", "true",
        "PAGERDUTY_EVENTS_URL", pagerDuty.url("/v2/enqueue"),
        "DELIVERY_LEASE_SECONDS", "45",
        "EMAIL_TRANSPORT", "smtp",
        "SMTP_HOST", "127.0.0.1",
        "SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()),
        "EMAIL_FROM", "alerts@cronmon.test"));
    handler = new AlertsHandler(new Services(store, dynamo.client(), clock, env::get), pause -> {
      pauses.add(pause);
      clock.advance(pause);
    });
    store.putMonitor(new Monitor(MONITOR_ID, "acme", "42", "nightly-backup", "Nightly backup", MonitorStatus.ACTIVE, false,
        new MonitorConfig(new CrontabSchedule("1 * * * *"), ZoneId.of("UTC"), 1, 30, 1, 1), clock.instant(), null, 1));
  }

  @AfterEach
  void tearDown() {
    smtp.stop();
    slack.close();
    pagerDuty.close();
    webhook.close();
  }

  private Channel channel(String id, ChannelConfig config) {
    Channel c = new Channel(id, "acme", id, config, config instanceof ChannelConfig.Webhook ? "whsec_" + id : null,
        clock.instant(), null, null, null, false, 1);
    assertThat(store.saveChannel(c)).isTrue();
    return c;
  }

  private void rule(AlertRule.Owner owner, List<String> channels, Map<String, List<String>> environments) {
    assertThat(store.saveAlertRule(owner, new AlertRule(channels, environments, 1))).isTrue();
  }

  private Channel webhookChannel() {
    return channel("hook", new ChannelConfig.Webhook(webhook.url("/cronmon")));
  }

  @Test
  void opened_reachesEveryChannelOfTheRule_inItsOwnFormat() throws Exception {
    // GIVEN a monitor whose rule picks one channel of each type
    channel("slack", new ChannelConfig.Slack(slack.url("/services/T0/B0/x")));
    channel("pd", new ChannelConfig.PagerDuty("R0UT1NGKEY0123456789abcdefABCDEF"));
    Channel hook = webhookChannel();
    channel("mail", new ChannelConfig.Email(List.of("ops@example.com")));
    rule(AlertRule.Owner.monitor(MONITOR_ID), List.of("slack", "pd", "hook", "mail"), Map.of());

    // WHEN the SNS event of an opened incident arrives
    handler.handleRequest(SnsEvents.load("sns-incident-opened.json"), null);

    // THEN Slack gets the text
    assertThat(slack.requests()).singleElement().satisfies(r -> assertThat(JSON.readTree(r.body()).get("text").asText())
        .contains("Monitor failure: Nightly backup").contains("2 missed and 1 timeout check-ins detected")
        .contains("Last successful check-in: 2026-03-02 09:00:00 UTC"));
    // AND PagerDuty a trigger keyed by the incident
    assertThat(pagerDuty.requests()).singleElement().satisfies(r -> {
      assertThat(r.path()).isEqualTo("/v2/enqueue");
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.get("event_action").asText()).isEqualTo("trigger");
      assertThat(body.get("dedup_key").asText()).isEqualTo("0f8e2a3c-7d14-4e0b-b6a1-52c9d8e7f601");
      assertThat(body.get("routing_key").asText()).isEqualTo("R0UT1NGKEY0123456789abcdefABCDEF");
    });
    // AND the webhook a body signed with the channel's secret
    assertThat(webhook.requests()).singleElement().satisfies(r -> {
      assertThat(WebhookSignature.verify(hook.signingSecret(), r.header("Cronmon-Signature"), r.body(), clock.instant().getEpochSecond(), 300)).isTrue();
      assertThat(JSON.readTree(r.body()).get("type").asText()).isEqualTo("incident.opened");
      assertThat(r.header("Cronmon-Event-Id")).isEqualTo(OPENED_ID);
    });
    // AND the mailbox one email
    assertThat(smtp.getReceivedMessages()).singleElement()
        .satisfies(m -> assertThat(m.getSubject()).isEqualTo("Monitor failure: Nightly backup (production)"));
    // AND every delivery is recorded as delivered, and the channels show it
    for (String id : List.of("slack", "pd", "hook", "mail")) {
      assertThat(store.delivery(id, OPENED_ID).orElseThrow().status()).isEqualTo(Delivery.Status.DELIVERED);
      assertThat(store.channel("acme", id).orElseThrow().lastDeliveredAt()).isEqualTo(clock.instant());
    }
  }

  @Test
  void redeliveredSnsEvent_notifiesEachChannelOnce() {
    // GIVEN a webhook and an email channel
    webhookChannel();
    channel("mail", new ChannelConfig.Email(List.of("ops@example.com")));
    rule(AlertRule.Owner.monitor(MONITOR_ID), List.of("hook", "mail"), Map.of());
    SNSEvent event = SnsEvents.load("sns-incident-opened.json");

    // WHEN SNS delivers the same event three times
    handler.handleRequest(event, null);
    handler.handleRequest(event, null);
    handler.handleRequest(event, null);

    // THEN each channel heard once
    assertThat(webhook.requests()).hasSize(1);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }

  @Test
  void receiverFailingTwiceThenOk_getsOneNotification_afterTwoPauses() {
    // GIVEN a webhook that answers 500 twice, then 200
    webhookChannel();
    rule(AlertRule.Owner.monitor(MONITOR_ID), List.of("hook"), Map.of());
    webhook.answer(Answer.of(500), Answer.of(500));

    // WHEN the event arrives
    handler.handleRequest(SnsEvents.load("sns-incident-opened.json"), null);

    // THEN the third attempt got through, after the policy's pauses; the invocation succeeds
    assertThat(webhook.requests()).hasSize(3);
    assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(2));
    assertThat(store.delivery("hook", OPENED_ID).orElseThrow().status()).isEqualTo(Delivery.Status.DELIVERED);
    // AND a redelivery sends nothing more
    handler.handleRequest(SnsEvents.load("sns-incident-opened.json"), null);
    assertThat(webhook.requests()).hasSize(3);
  }

  @Test
  void receiverAnswering410_isRecordedAsFailed_andNeverRetried() {
    // GIVEN a webhook that is gone
    webhookChannel();
    rule(AlertRule.Owner.monitor(MONITOR_ID), List.of("hook"), Map.of());
    webhook.answerAlways(new Answer(410, "gone", Map.of()));

    // WHEN the event arrives, and SNS delivers it again
    handler.handleRequest(SnsEvents.load("sns-incident-opened.json"), null);
    handler.handleRequest(SnsEvents.load("sns-incident-opened.json"), null);

    // THEN one request in all, no pause, the delivery failed for good, and the channel shows the error
    assertThat(webhook.requests()).hasSize(1);
    assertThat(pauses).isEmpty();
    Delivery delivery = store.delivery("hook", OPENED_ID).orElseThrow();
    assertThat(delivery.status()).isEqualTo(Delivery.Status.FAILED);
    assertThat(delivery.lastError()).isEqualTo("HTTP 410: gone");
    Channel channel = store.channel("acme", "hook").orElseThrow();
    assertThat(channel.failing()).isTrue();
    assertThat(channel.lastError()).isEqualTo("HTTP 410: gone");
  }

  @Test
  void receiverDownForEveryAttempt_failsTheInvocation_andThePlatformRetryDeliversOnce() {
    // GIVEN a Slack channel that works and a webhook that is down
    channel("slack", new ChannelConfig.Slack(slack.url("/services/T0/B0/x")));
    webhookChannel();
    rule(AlertRule.Owner.monitor(MONITOR_ID), List.of("slack", "hook"), Map.of());
    webhook.answerAlways(Answer.of(503));

    // WHEN the event arrives
    // THEN the invocation fails so Lambda retries it; Slack was served, the webhook waits for the retry
    assertThatThrownBy(() -> handler.handleRequest(SnsEvents.load("sns-incident-opened.json"), null))
        .isInstanceOf(AlertService.RetryLaterException.class).hasMessageContaining("hook");
    assertThat(webhook.requests()).hasSize(3);
    assertThat(slack.requests()).hasSize(1);
    assertThat(store.delivery("hook", OPENED_ID).orElseThrow().status()).isEqualTo(Delivery.Status.RETRY);
    assertThat(store.channel("acme", "hook").orElseThrow().failing()).isTrue();

    // WHEN the receiver is back and Lambda retries a minute later
    webhook.answerAlways(Answer.of(200));
    clock.advance(Duration.ofMinutes(1));
    handler.handleRequest(SnsEvents.load("sns-incident-opened.json"), null);

    // THEN the webhook gets it once more, Slack not again
    assertThat(webhook.requests()).hasSize(4);
    assertThat(slack.requests()).hasSize(1);
    Delivery delivery = store.delivery("hook", OPENED_ID).orElseThrow();
    assertThat(delivery.status()).isEqualTo(Delivery.Status.DELIVERED);
    assertThat(delivery.attempts()).isEqualTo(2);
    assertThat(store.channel("acme", "hook").orElseThrow().failing()).isFalse();
  }

  @Test
  void aClaimLeftByASenderThatCrashed_blocksSending_untilItsLeaseExpires() {
    // GIVEN a delivery claimed by an invocation that died mid-send (its lease runs 45 s)
    webhookChannel();
    rule(AlertRule.Owner.monitor(MONITOR_ID), List.of("hook"), Map.of());
    store.saveDelivery(Delivery.firstClaim("hook", OPENED_ID, clock.instant(), clock.instant().plusSeconds(45)));

    // WHEN the event arrives while the lease runs
    // THEN nothing is sent and the invocation fails, to be retried
    assertThatThrownBy(() -> handler.handleRequest(SnsEvents.load("sns-incident-opened.json"), null))
        .isInstanceOf(AlertService.RetryLaterException.class);
    assertThat(webhook.requests()).isEmpty();

    // WHEN the retry comes after the lease
    clock.advance(Duration.ofSeconds(46));
    handler.handleRequest(SnsEvents.load("sns-incident-opened.json"), null);

    // THEN it is sent, once
    assertThat(webhook.requests()).hasSize(1);
  }

  @Test
  void concurrentDeliveriesOfOneEvent_sendOnce() throws Exception {
    // GIVEN one webhook channel, and 6 invocations handling the same SNS message at the same time
    webhookChannel();
    rule(AlertRule.Owner.monitor(MONITOR_ID), List.of("hook"), Map.of());
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Callable<Boolean>> invocations = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        invocations.add(() -> {
          try {
            handler.handleRequest(SnsEvents.load("sns-incident-opened.json"), null);
            return true;
          } catch (AlertService.RetryLaterException leasedElsewhere) {
            return false;
          }
        });
      }

      // WHEN they race
      List<Future<Boolean>> results = pool.invokeAll(invocations);
      for (Future<Boolean> f : results) f.get();
    } finally {
      pool.shutdownNow();
    }

    // THEN the receiver got it exactly once
    assertThat(webhook.requests()).hasSize(1);
    assertThat(store.delivery("hook", OPENED_ID).orElseThrow().status()).isEqualTo(Delivery.Status.DELIVERED);
  }

  @Test
  void monitorWithoutARule_usesItsProjectsDefault() {
    // GIVEN no monitor rule, and a default rule on the monitor's project
    webhookChannel();
    rule(AlertRule.Owner.project("42"), List.of("hook"), Map.of());

    // WHEN the event arrives
    handler.handleRequest(SnsEvents.load("sns-incident-opened.json"), null);

    // THEN the project's channel hears it
    assertThat(webhook.requests()).hasSize(1);
  }

  @Test
  void monitorRule_winsOverTheProjectDefault_andCanSilenceAnEnvironment() {
    // GIVEN a project default and a monitor rule that maps production to no channel
    webhookChannel();
    rule(AlertRule.Owner.project("42"), List.of("hook"), Map.of());
    rule(AlertRule.Owner.monitor(MONITOR_ID), List.of("hook"), Map.of("production", List.of()));

    // WHEN a production incident opens
    handler.handleRequest(SnsEvents.load("sns-incident-opened.json"), null);

    // THEN nobody is told, and that is not a failure
    assertThat(webhook.requests()).isEmpty();
  }

  @Test
  void resolution_followsTheTrigger_onPagerDutyWithTheSameDedupKey_andSlackSaysHowLongItWasDown() throws Exception {
    // GIVEN PagerDuty and Slack channels
    channel("pd", new ChannelConfig.PagerDuty("R0UT1NGKEY0123456789abcdefABCDEF"));
    channel("slack", new ChannelConfig.Slack(slack.url("/services/T0/B0/x")));
    rule(AlertRule.Owner.monitor(MONITOR_ID), List.of("pd", "slack"), Map.of());

    // WHEN the incident opens and then resolves
    handler.handleRequest(SnsEvents.load("sns-incident-opened.json"), null);
    handler.handleRequest(SnsEvents.load("sns-incident-resolved.json"), null);

    // THEN PagerDuty got trigger then resolve of one dedup_key
    List<JsonNode> pd = new ArrayList<>();
    for (RecordingReceiver.Request r : pagerDuty.requests()) pd.add(JSON.readTree(r.body()));
    assertThat(pd).extracting(b -> b.get("event_action").asText()).containsExactly("trigger", "resolve");
    assertThat(pd).extracting(b -> b.get("dedup_key").asText()).containsOnly("0f8e2a3c-7d14-4e0b-b6a1-52c9d8e7f601");
    // AND Slack's resolution gives the downtime
    assertThat(JSON.readTree(slack.requests().get(1).body()).get("text").asText())
        .contains("Monitor recovered: Nightly backup").contains("Down for 2 h 5 min");
  }

  @Test
  void aDeletedChannelInARule_isSkipped() {
    // GIVEN a rule naming a channel that no longer exists, and one that does
    webhookChannel();
    rule(AlertRule.Owner.monitor(MONITOR_ID), List.of("deleted", "hook"), Map.of());

    // WHEN the event arrives
    handler.handleRequest(SnsEvents.load("sns-incident-opened.json"), null);

    // THEN the existing one is served and nothing fails
    assertThat(webhook.requests()).hasSize(1);
  }

  @Test
  void deliveryCost_isAFewSmallReadsAndThreeWritesPerChannel() {
    // GIVEN a metered store and two webhook channels of the monitor's rule
    CapacityMeter meter = new CapacityMeter();
    DynamoCronStore metered = new DynamoCronStore(DynamoDbLocal.newClient(dynamo.endpoint(), meter), store.tableName());
    Map<String, String> env = Map.of("ALLOW_PRIVATE_ALERT_TARGETS", "true", "EMAIL_TRANSPORT", "outbox",
        "EMAIL_OUTBOX_DIR", System.getProperty("java.io.tmpdir"));
    AlertsHandler meteredHandler = new AlertsHandler(new Services(metered, dynamo.client(), clock, env::get), pause -> {});
    webhookChannel();
    channel("hook2", new ChannelConfig.Webhook(webhook.url("/second")));
    rule(AlertRule.Owner.monitor(MONITOR_ID), List.of("hook", "hook2"), Map.of());

    // WHEN an event is delivered, then redelivered
    meteredHandler.handleRequest(SnsEvents.load("sns-incident-opened.json"), null);
    double firstWrites = meter.writeUnits();
    double firstReads = meter.readUnits();
    meter.reset();
    meteredHandler.handleRequest(SnsEvents.load("sns-incident-opened.json"), null);

    // THEN per channel: claim, settle and the channel's outcome are the writes; a redelivery writes nothing
    System.out.printf("alert delivery to 2 channels: %.1f WCU, %.1f RCU; redelivery: %.1f WCU, %.1f RCU%n",
        firstWrites, firstReads, meter.writeUnits(), meter.readUnits());
    assertThat(firstWrites).isEqualTo(6.0);
    // rule + 2 channels + 2 delivery records, strongly consistent, and once per event the check-in that opened the
    // incident (its exit status, reason and output for the message: docs/alerts.md)
    assertThat(firstReads).isLessThanOrEqualTo(6.0);
    assertThat(meter.writeUnits()).isZero();
    assertThat(webhook.requests()).hasSize(2);
  }

  @Test
  void aMessageThatIsNotAnIncidentEvent_failsTheInvocation_soItEndsInTheDeadLetterQueue() {
    assertThatThrownBy(() -> handler.handleRequest(SnsEvents.withMessage("{\"hello\":\"world\"}"), null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
