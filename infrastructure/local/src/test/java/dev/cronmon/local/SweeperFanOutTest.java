package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.cronmon.domain.alert.RecordingReceiver;
import dev.cronmon.domain.service.Sweeper;
import dev.cronmon.sweeper.SweeperHandler;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sweeper function fanned out over shard groups (template.yaml's {@code EveryMinuteGroup…} schedules, whose events
 * carry {@code detail.shardGroup} of {@code detail.shardGroups}): each invocation marks the due environments of its
 * shards only, and the groups together mark each one once.
 */
class SweeperFanOutTest extends LocalStackTestBase {
  private static final String HOURLY = "{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"},\"checkin_margin\":1}";
  private static final int MONITORS = 20;

  private static ScheduledEvent group(int group, int groups) {
    return new ScheduledEvent().withDetail(Map.of("shardGroup", group, "shardGroups", groups));
  }

  @Test
  void shardGroups_eachMarkTheirShards_andTogetherEveryMissedSlotOnce() {
    // GIVEN 20 hourly jobs that checked in at 10:00 and missed 11:00
    clock.set(Instant.parse("2026-03-02T10:00:00Z"));
    for (int i = 0; i < MONITORS; i++) {
      Response r = api("POST", orgPath("/monitors/fan-" + i + "/checkins/"), "{\"status\":\"ok\",\"monitor_config\":" + HOURLY + "}");
      assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
    clock.set(Instant.parse("2026-03-02T11:05:00Z"));
    try (RecordingReceiver bus = new RecordingReceiver()) {
      bus.answerAlways(new RecordingReceiver.Answer(200, "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e-1\"}]}",
          Map.of("Content-Type", "application/x-amz-json-1.1")));
      SweeperHandler sweeper = new SweeperHandler(services(Map.of("EVENT_BUS_NAME", "fan-bus", "EVENTBRIDGE_ENDPOINT",
          bus.url(""), "SWEEP_WORKERS", "3")));

      // WHEN group 1 of 2 ticks, then group 0 of 2, then group 1 again
      Sweeper.Result one = sweeper.handleRequest(group(1, 2), null);
      Sweeper.Result zero = sweeper.handleRequest(group(0, 2), null);
      Sweeper.Result again = sweeper.handleRequest(group(1, 2), null);

      // THEN each marked a part (the 20 spread over the 16 shards), together all 20, and nothing was left to repeat
      assertThat(one.missed()).isBetween(1, MONITORS - 1);
      assertThat(zero.missed()).isBetween(1, MONITORS - 1);
      assertThat(one.missed() + zero.missed()).isEqualTo(MONITORS);
      assertThat(again.missed()).isZero();
      assertThat(sweeper.handleRequest(new ScheduledEvent(), null).missed()).isZero();
    }
  }
}
