package dev.cronmon.lambda;

import dev.cronmon.domain.store.CronStore;
import dev.cronmon.dynamodb.DynamoClients;
import dev.cronmon.dynamodb.DynamoCronStore;
import dev.cronmon.dynamodb.DynamoHearingLog;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the handlers are built from, made once per process. On Lambda it comes from the environment variables that
 * template.yaml sets; the local stack passes the same names, resolved from the same template, and its own clock.
 */
public record Services(CronStore store, DynamoDbClient dynamo, Clock clock, Function<String, String> env) {
  public static final String TABLE_NAME = "TABLE_NAME";

  private static volatile Services fromEnvironment;

  /** The process-wide services of a Lambda function, from its environment variables. */
  public static Services fromEnvironment() {
    Services s = fromEnvironment;
    if (s == null) {
      synchronized (Services.class) {
        if (fromEnvironment == null) fromEnvironment = from(System::getenv, systemClock());
        s = fromEnvironment;
      }
    }
    return s;
  }

  /** Wall-clock time in whole milliseconds: the precision the API shows and the store sorts by. */
  public static Clock systemClock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
  }

  public static Services from(Function<String, String> env, Clock clock) {
    DynamoDbClient dynamo = DynamoClients.from(env);
    return new Services(new DynamoCronStore(dynamo, require(env, TABLE_NAME)), dynamo, clock, env);
  }

  /**
   * The outage detector's counts and the deaf periods, on the same table (docs/data-model.md, "Hearing"): built per
   * call, so a function that never uses it pays nothing at start.
   */
  public DynamoHearingLog hearingLog() {
    return new DynamoHearingLog(dynamo, require(env, TABLE_NAME));
  }

  public static String require(Function<String, String> env, String name) {
    String value = env.apply(name);
    if (value == null || value.isBlank()) throw new IllegalStateException("environment variable " + name + " is not set");
    return value;
  }
}
