package dev.cronmon.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cronmon.domain.service.CheckInCommand;
import dev.cronmon.domain.service.CheckInService;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.incident.Failure;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.service.Sweeper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * A write whose response is lost after DynamoDB committed it: the SDK sees a 500 and sends the same request again,
 * which then fails its own condition (the item already holds what it writes). DynamoDB makes that ambiguity the
 * caller's: a repeated TransactWriteItems is answered as the success it was when it carries the first attempt's
 * ClientRequestToken (the SDK generates one per call and repeats it on every retry); a PutItem has no such token.
 * moto ignores the token (docs/testing.md, "moto"): the first test is the 10,000-monitor sweep's 49 of 50 on moto, at
 * the size of one monitor.
 */
class LostResponseTest extends SweepTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Lets every request reach DynamoDB, but turns the response to the first request {@code lose} matches into a 500, as
   * if the connection had broken after the commit; records the ClientRequestToken of each attempt that request made.
   */
  static final class LoseFirstResponse implements ExecutionInterceptor {
    private static final ExecutionAttribute<Boolean> CHOSEN = new ExecutionAttribute<>("cronmon.loseResponse");
    private final Predicate<SdkRequest> lose;
    private final AtomicBoolean chosen = new AtomicBoolean();
    private final AtomicBoolean lost = new AtomicBoolean();
    final List<String> tokens = new CopyOnWriteArrayList<>();

    LoseFirstResponse(Predicate<SdkRequest> lose) {
      this.lose = lose;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if (lose.test(context.request()) && chosen.compareAndSet(false, true)) attributes.putAttribute(CHOSEN, true);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      if (!Boolean.TRUE.equals(attributes.getAttribute(CHOSEN))) return;
      context.requestBody().ifPresent(body -> {
        try (InputStream in = body.contentStreamProvider().newStream()) {
          tokens.add(JSON.readTree(in).path("ClientRequestToken").asText(null));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
      if (!Boolean.TRUE.equals(attributes.getAttribute(CHOSEN)) || lost.get()) return context.httpResponse();
      return context.httpResponse().toBuilder().statusCode(500).statusText("Internal Server Error").build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
      if (!Boolean.TRUE.equals(attributes.getAttribute(CHOSEN)) || !lost.compareAndSet(false, true)) return context.responseBody();
      String error = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"response lost\"}";
      return Optional.of(new ByteArrayInputStream(error.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void sweep_whoseTransactionIsRetriedAfterItCommitted_marksTheSlotOnce_andCountsIt() {
    // GIVEN an hourly monitor (margin 1) that checked in at 10:20, and a sweeper whose first transaction's response
    // is lost after the commit
    clock.set(at("2026-03-02T10:20:00Z"));
    Monitor m = monitor("lost-response", cron("0 * * * *", "UTC", 1));
    checkIn(m, CheckInStatus.OK);
    LoseFirstResponse lose = new LoseFirstResponse(r -> r instanceof TransactWriteItemsRequest);
    Sweeper retried = new Sweeper(new DynamoCronStore(clientWith(lose), table), publisher, clock);

    // WHEN 11:00 passes its deadline and that sweeper runs
    clock.set(at("2026-03-02T11:01:30Z"));
    Sweeper.Result result = retried.sweep(Sweeper.Budget.of(100));

    // THEN the SDK sent the transaction twice with one token, DynamoDB answered the repeat as the commit it was, and
    // the sweep reports the one slot it marked: one missed check-in, one incident opened and published
    assertThat(lose.tokens).hasSize(2).doesNotContainNull();
    assertThat(lose.tokens.get(1)).isEqualTo(lose.tokens.get(0));
    assertThat(result.missed()).isEqualTo(1);
    assertThat(result.eventsPublished()).isEqualTo(1);
    assertThat(expectedTimes(missed(m))).containsExactly(at("2026-03-02T11:00:00Z"));
    assertThat(publisher.published).hasSize(1);
  }

  @Test
  void checkIn_whoseEnvironmentWriteIsRetriedAfterItCommitted_countsOnce() {
    // GIVEN a monitor that opens an incident at the third failure, one error check-in in, and a check-in service whose
    // first environment write's response is lost after the commit
    clock.set(at("2026-03-02T10:20:00Z"));
    Monitor m = monitor("lost-put", config(new CrontabSchedule("0 * * * *"), "UTC", 1, 30, 3, 1));
    checkIn(m, CheckInStatus.ERROR);
    LoseFirstResponse lose = new LoseFirstResponse(r -> r instanceof PutItemRequest p && p.item().get(TableSchema.SK).s().startsWith("ENV#"));
    CheckInService retried = new CheckInService(new DynamoCronStore(clientWith(lose), table), clock);

    // WHEN the second error arrives through it
    advance(Duration.ofMinutes(1));
    var result = retried.checkIn(new CheckInCommand(m, ENV, CheckInStatus.ERROR, null, null, null));

    // THEN the write was sent twice (PutItem carries no token), and the environment holds the check-in once: two
    // failures, no incident yet, one request counted in this minute's rate
    assertThat(result.accepted()).isTrue();
    assertThat(lose.tokens).hasSize(2);
    MonitorEnvironment env = env(m);
    assertThat(env.failureStreak()).extracting(Failure::checkInId).doesNotHaveDuplicates().hasSize(2);
    assertThat(env.activeIncident()).isNull();
    assertThat(env.checkInRate().count()).isEqualTo(1);
  }
}
