package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The limits of a monitor environment as the bundled template.yaml deploys them: 60 check-ins a minute, 100 open runs. */
class CheckInLimitsTest extends LocalStackTestBase {
  private static final String HOURLY = "\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"}}";

  private Response checkIn(String slug, String body) {
    return api("POST", orgPath("/monitors/" + slug + "/checkins/"), body);
  }

  /** An item's size by DynamoDB's rules: names and values in UTF-8, numbers about 1 byte per 2 digits, 3 bytes per map or list. */
  private static long itemSize(Map<String, AttributeValue> item) {
    return item.entrySet().stream().mapToLong(e -> utf8(e.getKey()) + valueSize(e.getValue())).sum();
  }

  private static long valueSize(AttributeValue v) {
    if (v.s() != null) return utf8(v.s());
    if (v.n() != null) return (v.n().length() + 1) / 2 + 1;
    if (v.hasM()) return 3 + itemSize(v.m());
    if (v.hasL()) return 3 + v.l().stream().mapToLong(e -> 1 + valueSize(e)).sum();
    return 1; // BOOL, NULL
  }

  private static long utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void defaultRateLimit_takes60CheckInsAMinute_andRefusesThe61st() {
    clock.set(Instant.parse("2026-03-02T10:00:00Z"));
    assertThat(checkIn("sixty-job", "{\"status\":\"ok\"," + HOURLY + "}").status()).isEqualTo(201);
    for (int i = 2; i <= 60; i++) assertThat(checkIn("sixty-job", "{\"status\":\"ok\"}").status()).as("check-in %d", i).isEqualTo(201);
    var before = tableItems();

    Response r = checkIn("sixty-job", "{\"status\":\"ok\"}");

    assertThat(r.status()).isEqualTo(429);
    assertThat(r.headers().get("retry-after")).containsExactly("60");
    assertThat(r.json().get("detail").asText()).contains("no more than 60 check-ins per minute");
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void openRuns_areCappedAt100_andClosingOneMakesRoom() {
    clock.set(Instant.parse("2026-03-03T10:00:00Z"));
    assertThat(checkIn("overlapping-job", "{\"status\":\"in_progress\"," + HOURLY + "}").status()).isEqualTo(201);
    for (int i = 2; i <= 100; i++) {
      if (i % 50 == 0) clock.advance(Duration.ofMinutes(1)); // stay under the rate limit
      assertThat(checkIn("overlapping-job", "{\"status\":\"in_progress\"}").status()).as("run %d", i).isEqualTo(201);
    }
    var before = tableItems();

    Response refused = checkIn("overlapping-job", "{\"status\":\"in_progress\"}");

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("detail").asText()).contains("already has 100 runs in progress");
    assertThat(tableItems()).isEqualTo(before);
    long envBytes = tableItems().stream().filter(i -> i.get("kind").s().equals("environment") && i.containsKey("openRuns"))
        .mapToLong(CheckInLimitsTest::itemSize).max().orElseThrow();
    System.out.println("environment item with 100 open runs: " + envBytes + " bytes");
    assertThat(envBytes).as("the capped item stays far below DynamoDB's 400 KB").isLessThan(20_000);
    Response heartbeat = checkIn("overlapping-job", "{\"status\":\"ok\",\"check_in_id\":\"" + UUID.randomUUID() + "\"}");
    assertThat(heartbeat.status()).as("a finished check-in opens no run, so it is still taken").isEqualTo(201);
    assertThat(api("PUT", orgPath("/monitors/overlapping-job/checkins/latest/"), "{\"status\":\"ok\"}").status()).isEqualTo(200);
    assertThat(checkIn("overlapping-job", "{\"status\":\"in_progress\"}").status()).isEqualTo(201);
  }
}
