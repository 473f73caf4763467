package dev.cronmon.local;

import static dev.cronmon.local.SentryWire.checkInJson;
import static dev.cronmon.local.SentryWire.envelope;
import static dev.cronmon.local.SentryWire.hourly;
import static dev.cronmon.local.SentryWire.sentryAuth;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.processing.ProcessingErrorType;
import io.sentry.CheckIn;
import io.sentry.CheckInStatus;
import io.sentry.Sentry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rate limit (docs/semantics.md rule C6) on every check-in path, on a stack whose template sets the deployment parameter
 * CheckInRateLimitPerMinute to 5: the limit reaches the ingest function through CHECKIN_RATE_LIMIT_PER_MINUTE.
 */
class RateLimitTest extends LocalStackTestBase {
  private static final int LIMIT = 5;

  /** Static: JUnit fills an instance @TempDir only after @BeforeAll has run. */
  @TempDir
  static Path dir;

  @Override
  @BeforeAll
  void startStack() {
    Path template = dir.resolve("template.yaml");
    try (InputStream in = LocalStack.class.getResourceAsStream("/template.yaml")) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String limited = yaml.replaceFirst("(CheckInRateLimitPerMinute:\\s*\\n\\s*Type: Number\\s*\\n\\s*Default: )60", "$1" + LIMIT);
      assertThat(limited).isNotEqualTo(yaml);
      Files.writeString(template, limited);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    stack = LocalStack.start(new LocalStack.Options(0, null, template, clock));
    token = stack.credentials().token();
    org = stack.credentials().organization();
  }

  private Response orgCheckIn(String slug, String body) {
    return api("POST", orgPath("/monitors/" + slug + "/checkins/"), body);
  }

  private Response envelopeCheckIn(byte[] body) {
    return send(HttpRequest.newBuilder(URI.create(stack.baseUri() + "/api/" + stack.credentials().projectId() + "/envelope/"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("X-Sentry-Auth", sentryAuth(stack.credentials().publicKey())).build());
  }

  private Response cronCheckIn(String slug, String query) {
    return send("GET", "/api/" + stack.credentials().projectId() + "/cron/" + slug + "/" + stack.credentials().publicKey() + "/?" + query, null);
  }

  /** Uses up the minute's check-ins of {@code slug} in production, creating the monitor with the first. */
  private void exhaust(String slug) {
    assertThat(orgCheckIn(slug, "{\"status\":\"ok\"," + hourly() + "}").status()).isEqualTo(201);
    for (int i = 1; i < LIMIT; i++) assertThat(orgCheckIn(slug, "{\"status\":\"ok\"}").status()).isEqualTo(201);
  }

  @Test
  void pastTheLimit_everyPathRefusesTheCheckIn_andWritesNothing() {
    clock.set(Instant.parse("2026-03-02T10:00:15Z"));
    exhaust("busy-job");
    String changedConfig = "\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"*/5 * * * *\"}}";
    var before = tableItems();

    Response org = orgCheckIn("busy-job", "{\"status\":\"ok\"," + changedConfig + "}");
    Response env = envelopeCheckIn(envelope("{}").checkIn(checkInJson("busy-job", "ok", null, changedConfig)).bytes());
    assertThat(tableItems()).isEqualTo(before);
    Response cron = cronCheckIn("busy-job", "status=ok");

    assertThat(org.status()).isEqualTo(429);
    assertThat(org.headers().get("retry-after")).containsExactly("45");
    assertThat(org.json().get("detail").asText()).isEqualTo("Rate limited, please send no more than 5 check-ins per minute per monitor environment");
    assertThat(env.status()).isEqualTo(429);
    assertThat(env.headers().get("retry-after")).containsExactly("45");
    assertThat(env.headers().get("x-sentry-rate-limits")).containsExactly("45:monitor:project:monitor_environment_rate_limit");
    // Relay never answers 429 on the cron endpoint; the check-in is dropped all the same.
    assertThat(cron.status()).isEqualTo(202);
    assertThat(cron.body()).isEqualTo("{}");
    assertThat(cron.headers().get("retry-after")).containsExactly("45");
    // ... and kept as a processing error, since the cron endpoint's answer cannot say it was dropped (rule E1).
    assertOnlyAProcessingErrorWritten(before, ProcessingErrorType.MONITOR_ENVIRONMENT_RATELIMITED);
    assertThat(api("GET", orgPath("/monitors/busy-job/"), null).json().get("config").get("schedule").asText()).isEqualTo("0 * * * *");
  }

  @Test
  void theLimit_isPerEnvironment_andResetsWithTheNextMinute() {
    clock.set(Instant.parse("2026-03-02T11:00:50Z"));
    exhaust("reset-job");
    assertThat(orgCheckIn("reset-job", "{\"status\":\"ok\"}").status()).isEqualTo(429);

    Response staging = orgCheckIn("reset-job", "{\"status\":\"ok\",\"environment\":\"staging\"}");
    clock.set(Instant.parse("2026-03-02T11:01:00Z"));
    Response nextMinute = orgCheckIn("reset-job", "{\"status\":\"ok\"}");

    assertThat(staging.status()).isEqualTo(201);
    assertThat(nextMinute.status()).isEqualTo(201);
  }

  @Test
  void envelopeWithOneAcceptedAndOneLimitedCheckIn_answers200_andTellsTheSdkToBackOff() {
    clock.set(Instant.parse("2026-03-02T12:00:30Z"));
    exhaust("full-job");
    assertThat(orgCheckIn("quiet-job", "{\"status\":\"ok\"," + hourly() + "}").status()).isEqualTo(201);

    Response r = envelopeCheckIn(envelope("{}")
        .checkIn(checkInJson("full-job", "ok", null, null))
        .checkIn(checkInJson("quiet-job", "ok", null, null)).bytes());

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().get("x-sentry-rate-limits")).containsExactly("30:monitor:project:monitor_environment_rate_limit");
    assertThat(api("GET", orgPath("/monitors/quiet-job/checkins/"), null).json()).hasSize(2);
    assertThat(api("GET", orgPath("/monitors/full-job/checkins/"), null).json()).hasSize(LIMIT);
  }

  @Test
  void closingARun_countsAsACheckIn_andARefusedCloseLeavesTheRunOpen() {
    clock.set(Instant.parse("2026-03-02T13:00:00Z"));
    assertThat(orgCheckIn("paired-limit-job", "{\"status\":\"ok\"," + hourly() + "}").status()).isEqualTo(201);
    for (int i = 1; i < LIMIT; i++) assertThat(orgCheckIn("paired-limit-job", "{\"status\":\"in_progress\"}").status()).isEqualTo(201);

    Response close = api("PUT", orgPath("/monitors/paired-limit-job/checkins/latest/"), "{\"status\":\"ok\"}");
    clock.advance(Duration.ofMinutes(1));
    Response closeLater = api("PUT", orgPath("/monitors/paired-limit-job/checkins/latest/"), "{\"status\":\"ok\"}");

    assertThat(close.status()).isEqualTo(429);
    assertThat(closeLater.status()).isEqualTo(200);
    var statuses = api("GET", orgPath("/monitors/paired-limit-job/checkins/"), null).json().findValuesAsText("status");
    assertThat(statuses).containsExactlyInAnyOrder("ok", "ok", "in_progress", "in_progress", "in_progress");
  }

  @Test
  void javaSdk_thatGets429_holdsBackItsNextCheckIns_evenOfOtherMonitors() {
    clock.set(Instant.parse("2026-03-02T14:00:00Z"));
    assertThat(orgCheckIn("bystander-job", "{\"status\":\"ok\"," + hourly() + "}").status()).isEqualTo(201);
    exhaust("sdk-busy-job");
    Sentry.init(options -> options.setDsn(stack.dsn()));
    try {
      // WHEN the SDK's check-in is refused with 429 and X-Sentry-Rate-Limits, then it reports another monitor
      Sentry.captureCheckIn(new CheckIn("sdk-busy-job", CheckInStatus.OK));
      Sentry.flush(5_000);
      Sentry.captureCheckIn(new CheckIn("bystander-job", CheckInStatus.OK));
      Sentry.flush(5_000);
    } finally {
      Sentry.close();
    }

    // THEN the second never left the process: the SDK holds back its whole `monitor` category until the minute ends
    assertThat(api("GET", orgPath("/monitors/sdk-busy-job/checkins/"), null).json()).hasSize(LIMIT);
    assertThat(api("GET", orgPath("/monitors/bystander-job/checkins/"), null).json()).hasSize(1);
  }
}
