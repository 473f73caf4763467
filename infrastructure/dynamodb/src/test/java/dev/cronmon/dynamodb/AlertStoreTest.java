package dev.cronmon.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.alert.Channel;
import dev.cronmon.domain.alert.ChannelConfig;
import dev.cronmon.domain.alert.Delivery;
import dev.cronmon.domain.store.AlertStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Local integration layer (DynamoDB Local): channels, alert rules and delivery records, and their conditions. */
class AlertStoreTest extends StoreTestSupport {
  private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

  private static Channel channel(String id, ChannelConfig config) {
    return new Channel(id, "acme", "ops " + id, config, config instanceof ChannelConfig.Webhook ? "whsec_x" : null, T, null, null, null, false, 1);
  }

  private Map<String, AttributeValue> rawItem(String pk, String sk) {
    return client.getItem(b -> b.tableName(table).key(Keys.key(pk, sk)).consistentRead(true)).item();
  }

  @Test
  void channels_ofEveryType_roundTrip_andListByOrganization() {
    // GIVEN one channel of each type in acme and one in another organization
    List<Channel> saved = List.of(
        channel("c1", new ChannelConfig.Slack("https://hooks.slack.com/services/T/B/x")),
        channel("c2", new ChannelConfig.PagerDuty("R0UT1NGKEY0123456789abcdefABCDEF")),
        channel("c3", new ChannelConfig.Webhook("https://example.com/hook")),
        channel("c4", new ChannelConfig.Email(List.of("a@example.com", "b@example.com"))));
    saved.forEach(c -> assertThat(store.saveChannel(c)).isTrue());
    store.saveChannel(new Channel("c5", "other", "x", new ChannelConfig.Webhook("https://example.com/o"), "s", T, null, null, null, false, 1));

    // WHEN read back
    // THEN each is what was saved, and the listing holds acme's only
    for (Channel c : saved) assertThat(store.channel("acme", c.id())).contains(c);
    assertThat(store.channels("acme")).containsExactlyInAnyOrderElementsOf(saved);
    assertThat(store.channel("other", "c1")).isEmpty();
    assertThat(rawItem("ORG#acme", "CHANNEL#c3").get("kind").s()).isEqualTo("channel");
  }

  @Test
  void saveChannel_refusesAStaleVersion_andDeleteNeedsTheCurrentOne() {
    Channel c = channel("c1", new ChannelConfig.Webhook("https://example.com/hook"));
    store.saveChannel(c);
    assertThat(store.saveChannel(c)).as("create twice").isFalse();
    Channel renamed = c.withNameAndConfig("renamed", c.config()).withVersion(2);
    assertThat(store.saveChannel(renamed)).isTrue();
    assertThat(store.saveChannel(c.withNameAndConfig("lost update", c.config()).withVersion(2))).isFalse();

    assertThat(store.deleteChannel("acme", "c1", 1)).as("stale version").isFalse();
    assertThat(store.deleteChannel("acme", "c1", 2)).isTrue();
    assertThat(store.channel("acme", "c1")).isEmpty();
    assertThat(store.deleteChannel("acme", "c1", 2)).as("already gone").isFalse();
  }

  @Test
  void recordChannelOutcome_keepsSettings_bumpsVersion_andNeedsTheChannel() {
    // GIVEN a channel
    Channel c = channel("c1", new ChannelConfig.Webhook("https://example.com/hook"));
    store.saveChannel(c);

    // WHEN a failure and then a success are recorded
    assertThat(store.recordChannelOutcome("acme", "c1", T.plusSeconds(60), "HTTP 410: gone")).isTrue();
    Channel failed = store.channel("acme", "c1").orElseThrow();
    assertThat(store.recordChannelOutcome("acme", "c1", T.plusSeconds(120), null)).isTrue();
    Channel recovered = store.channel("acme", "c1").orElseThrow();

    // THEN the outcome attributes change, the settings do not, and each write bumps the version
    assertThat(failed.failing()).isTrue();
    assertThat(failed.lastError()).isEqualTo("HTTP 410: gone");
    assertThat(failed.config()).isEqualTo(c.config());
    assertThat(failed.signingSecret()).isEqualTo("whsec_x");
    assertThat(failed.version()).isEqualTo(2);
    assertThat(recovered.failing()).isFalse();
    assertThat(recovered.lastDeliveredAt()).isEqualTo(T.plusSeconds(120));
    assertThat(recovered.version()).isEqualTo(3);
    // AND a settings update on the version read before the outcome loses, so it re-reads instead of erasing it
    assertThat(store.saveChannel(c.withNameAndConfig("stale", c.config()).withVersion(2))).isFalse();
    assertThat(store.recordChannelOutcome("acme", "missing", T, "x")).isFalse();
    assertThat(store.channel("acme", "missing")).isEmpty();
  }

  @Test
  void alertRules_ofMonitorsAndProjects_roundTrip_includingAnEmptyOptOut() {
    // GIVEN a monitor rule that silences staging, and a project default with no channels at all
    AlertRule monitorRule = new AlertRule(List.of("c1", "c2"), Map.of("staging", List.of()), 1);
    AlertRule projectRule = new AlertRule(List.of(), Map.of(), 1);

    // WHEN saved
    assertThat(store.saveAlertRule(AlertRule.Owner.monitor("m-1"), monitorRule)).isTrue();
    assertThat(store.saveAlertRule(AlertRule.Owner.project("42"), projectRule)).isTrue();

    // THEN read back as saved, under the monitor's and the project's partitions
    AlertRule read = store.alertRule(AlertRule.Owner.monitor("m-1")).orElseThrow();
    assertThat(read).isEqualTo(monitorRule);
    assertThat(read.channelsFor("staging")).isEmpty();
    assertThat(read.channelsFor("production")).containsExactly("c1", "c2");
    assertThat(store.alertRule(AlertRule.Owner.project("42"))).contains(projectRule);
    assertThat(rawItem("MON#m-1", "ALERT_RULE")).containsKey("channels");
    assertThat(store.alertRule(AlertRule.Owner.project("m-1"))).isEmpty();
    // AND replacing and deleting go by version
    assertThat(store.saveAlertRule(AlertRule.Owner.monitor("m-1"), monitorRule)).isFalse();
    assertThat(store.saveAlertRule(AlertRule.Owner.monitor("m-1"), monitorRule.withVersion(2))).isTrue();
    assertThat(store.deleteAlertRule(AlertRule.Owner.monitor("m-1"), 1)).isFalse();
    assertThat(store.deleteAlertRule(AlertRule.Owner.monitor("m-1"), 2)).isTrue();
    assertThat(store.alertRule(AlertRule.Owner.monitor("m-1"))).isEmpty();
  }

  @Test
  void deliveries_roundTrip_withATimeToLive() {
    Delivery claim = Delivery.firstClaim("c1", "inc-1:opened", T, T.plusSeconds(45));
    assertThat(store.saveDelivery(claim)).isTrue();
    Delivery settled = claim.settle(Delivery.Status.DELIVERED, null, T.plusSeconds(1));
    assertThat(store.saveDelivery(settled)).isTrue();

    assertThat(store.delivery("c1", "inc-1:opened")).contains(settled);
    Map<String, AttributeValue> item = rawItem("CHANNEL#c1", "DELIVERY#inc-1:opened");
    assertThat(Long.parseLong(item.get(TableSchema.TTL_ATTRIBUTE).n())).isEqualTo(T.plusSeconds(1).plus(AlertStore.DELIVERY_RETENTION).getEpochSecond());
    assertThat(store.delivery("c1", "inc-1:resolved")).isEmpty();
  }

  @Test
  void deliveryClaims_racingFor_oneEventAndChannel_haveExactlyOneWinner() throws Exception {
    // GIVEN 8 senders that all read "no delivery yet" and claim at once, 10 rounds
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 10; round++) {
        String eventId = "inc-" + round + ":opened";
        List<Callable<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) claims.add(() -> store.saveDelivery(Delivery.firstClaim("c1", eventId, T, T.plusSeconds(45))));

        // WHEN they race
        int winners = 0;
        for (Future<Boolean> f : pool.invokeAll(claims)) if (f.get()) winners++;

        // THEN exactly one holds the claim
        assertThat(winners).as("round " + round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
