package dev.cronmon.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit layer: in-invocation retries, with a sleeper that moves the test clock instead of sleeping. */
class RetryPolicyTest {
  private final MutableClock clock = MutableClock.at("2026-03-02T10:00:00Z");
  private final List<Duration> pauses = new ArrayList<>();
  private final RetryPolicy policy = new RetryPolicy(RetryPolicy.DEFAULT_PAUSES, pause -> {
    pauses.add(pause);
    clock.advance(pause);
  }, clock);

  private static java.util.function.Supplier<SendResult> script(SendResult... results) {
    Deque<SendResult> queue = new ArrayDeque<>(List.of(results));
    return queue::poll;
  }

  private Instant farDeadline() {
    return clock.instant().plusSeconds(60);
  }

  @Test
  void run_retriesTransientFailures_untilDelivered() {
    SendResult result = policy.run(script(SendResult.transientFailure("HTTP 500", null),
        SendResult.transientFailure("HTTP 500", null), SendResult.delivered("HTTP 200")), farDeadline());

    assertThat(result.delivered()).isTrue();
    assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(2));
  }

  @Test
  void run_neverRetriesAPermanentFailure() {
    SendResult result = policy.run(script(SendResult.permanentFailure("HTTP 410"), SendResult.delivered("x")), farDeadline());

    assertThat(result.kind()).isEqualTo(SendResult.Kind.PERMANENT);
    assertThat(pauses).isEmpty();
  }

  @Test
  void run_givesUpAfterItsAttempts() {
    SendResult result = policy.run(script(SendResult.transientFailure("1", null), SendResult.transientFailure("2", null),
        SendResult.transientFailure("3", null), SendResult.delivered("never reached")), farDeadline());

    assertThat(result.detail()).isEqualTo("3");
    assertThat(policy.maxAttempts()).isEqualTo(3);
  }

  @Test
  void run_stopsBeforeAPauseThatWouldPassTheDeadline() {
    SendResult result = policy.run(script(SendResult.transientFailure("1", null), SendResult.transientFailure("2", null),
        SendResult.delivered("x")), clock.instant().plusSeconds(1));

    assertThat(result.detail()).isEqualTo("2");
    assertThat(pauses).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void run_honoursAShortRetryAfter_andLeavesALongOneToThePlatform() {
    policy.run(script(SendResult.transientFailure("429", Duration.ofSeconds(3)), SendResult.delivered("x")), farDeadline());
    assertThat(pauses).containsExactly(Duration.ofSeconds(3));

    pauses.clear();
    SendResult result = policy.run(script(SendResult.transientFailure("429", Duration.ofMinutes(5)), SendResult.delivered("x")), farDeadline());
    assertThat(result.kind()).isEqualTo(SendResult.Kind.TRANSIENT);
    assertThat(pauses).isEmpty();
  }
}
