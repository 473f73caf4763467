package dev.cronmon.alerts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import dev.cronmon.alerts.senders.AlertingConfig;
import dev.cronmon.domain.alert.AlertService;
import dev.cronmon.domain.alert.RetryPolicy;
import dev.cronmon.domain.incident.IncidentEventJson;
import dev.cronmon.lambda.Services;

/**
 * The alerts function: each SNS record carries one incident event (the EventBridge event the bus→SNS target
 * delivers); {@link AlertService} sends it to the channels of its alert rule, each once. When a channel must be
 * retried the invocation fails, so Lambda retries it (channels already served are skipped) and finally sends it to
 * the dead-letter queue; a message that is not an incident event fails the same way and lands there too.
 */
public final class AlertsHandler implements RequestHandler<SNSEvent, Void> {
  private final AlertService alerts;

  public AlertsHandler() {
    this(Services.fromEnvironment());
  }

  public AlertsHandler(Services services) {
    this(services, RetryPolicy.Sleeper.REAL);
  }

  /** With the sleeper the in-invocation retries pause with (tests pass one that moves their clock instead). */
  public AlertsHandler(Services services, RetryPolicy.Sleeper sleeper) {
    this.alerts = new AlertService(services.store(), services.clock(), AlertingConfig.from(services.env(), services.clock()),
        new RetryPolicy(RetryPolicy.DEFAULT_PAUSES, sleeper, services.clock()));
  }

  @Override
  public Void handleRequest(SNSEvent event, Context context) {
    event.getRecords().forEach(record -> alerts.deliver(IncidentEventJson.fromSnsMessage(record.getSNS().getMessage())));
    return null;
  }
}
