package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.api.ApiRequest;
import dev.cronmon.api.ApiResponse;
import dev.cronmon.api.IngestApi;
import dev.cronmon.domain.checkin.CheckInLimits;
import dev.cronmon.domain.hearing.Deafness;
import dev.cronmon.domain.metrics.Metrics;
import dev.cronmon.domain.tenant.Limits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Local integration (DynamoDB Local): the ingest API counts each check-in once, as taken or as refused with its reason
 * (its processing-error type, else what the request was refused for), whichever path refused it.
 */
class CheckInMetricsTest extends LocalStackTestBase {
  private static final String HOURLY = "{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"},\"checkin_margin\":1}";

  private final List<String> counted = Collections.synchronizedList(new ArrayList<>());
  private IngestApi ingest;

  @BeforeEach
  void ingestCountingCheckIns() {
    counted.clear();
    ingest = new IngestApi(stack.services().store(), clock, new CheckInLimits(2, CheckInLimits.DEFAULTS.maxOpenRuns()), Limits.DEFAULT, Deafness.Source.NONE, new Metrics() {
          @Override
          public void checkInAccepted() {
            counted.add("accepted");
          }

          @Override
          public void checkInRefused(String reason) {
            counted.add("refused " + reason);
          }
        });
  }

  private ApiResponse post(String path, String bearer, String body) {
    return ingest.handle(new ApiRequest("POST", path, Map.of("authorization", "Bearer " + bearer, "content-type", "application/json"),
        Map.of(), body.getBytes(StandardCharsets.UTF_8)));
  }

  private ApiResponse cron(String slug, String query) {
    String path = "/api/" + stack.credentials().projectId() + "/cron/" + slug + "/" + stack.credentials().publicKey() + "/";
    Map<String, String> params = new java.util.LinkedHashMap<>();
    for (String pair : query.split("&")) params.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    return ingest.handle(new ApiRequest("GET", path, Map.of(), params, new byte[0]));
  }

  @Test
  void eachCheckIn_isCountedOnce_takenOrRefusedWithItsReason() {
    String path = orgPath("/monitors/metrics-job/checkins/");

    assertThat(post(path, token, "{\"status\":\"ok\",\"monitor_config\":" + HOURLY + "}").status()).isEqualTo(201);
    assertThat(post(path, token, "{\"status\":\"ok\"}").status()).isEqualTo(201);
    // the environment's limit of 2 a minute: refused upstream of the store
    assertThat(post(path, token, "{\"status\":\"ok\"}").status()).isEqualTo(429);
    assertThat(post(path, "cronmon_no_such_token", "{\"status\":\"ok\"}").status()).isEqualTo(401);
    // the cron endpoint answers 202 to what it drops, and keeps it as a processing error
    assertThat(cron("metrics-job", "status=sleeping").status()).isEqualTo(202);

    assertThat(counted).containsExactly("accepted", "accepted", "refused monitor_environment_ratelimited",
        "refused unauthorized", "refused checkin_validation_failed");
  }
}
