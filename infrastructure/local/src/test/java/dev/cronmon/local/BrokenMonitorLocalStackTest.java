package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md rule B1 end to end in the local stack: a daily job dead for 14 days, the template's sweeper run by
 * hand each day with the test's clock; the API shows the notice, and the bus's rule (template.yaml's pattern) forwards
 * it to the incident topic.
 */
class BrokenMonitorLocalStackTest extends LocalStackTestBase {
  private static final String DAILY = "\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 2 * * *\"},\"checkin_margin\":1}";
  private final List<SNSEvent> delivered = new CopyOnWriteArrayList<>();

  @BeforeAll
  void subscribe() {
    stack.subscribe(delivered::add);
  }

  @Test
  void dailyJobDeadFor14Days_showsItsBrokenNotice_andTheNoticeReachesTheTopic() {
    // GIVEN a daily job that ran on March 1 and never again
    clock.set(Instant.parse("2026-03-01T02:00:05Z"));
    assertThat(api("POST", orgPath("/monitors/nightly/checkins/"), "{\"status\":\"ok\"," + DAILY + "}").status()).isEqualTo(201);

    // WHEN the sweeper runs every day after 02:01 until March 16
    for (Instant t = Instant.parse("2026-03-02T02:02:00Z"); !t.isAfter(Instant.parse("2026-03-16T02:02:00Z")); t = t.plus(Duration.ofDays(1))) {
      clock.set(t);
      stack.sweep();
    }

    // THEN the open incident carries Sentry's brokenNotice, and the notice was delivered after the opening
    JsonNode incident = api("GET", orgPath("/monitors/nightly/"), null).json().get("environments").get(0).get("activeIncident");
    assertThat(incident.get("brokenNotice").get("userNotifiedTimestamp").asText()).isEqualTo("2026-03-16T02:02:00Z");
    assertThat(incident.get("brokenNotice").get("environmentMutedTimestamp").isNull()).isTrue();
    assertThat(delivered).extracting(e -> Json.parse(e.getRecords().get(0).getSNS().getMessage().getBytes(StandardCharsets.UTF_8))
        .get("detail-type").asText()).containsExactly("Monitor Incident Opened", "Monitor Environment Broken");
  }
}
