package dev.cronmon.alerts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import dev.cronmon.alerts.senders.AlertingConfig;
import dev.cronmon.domain.service.AlertService;
import dev.cronmon.domain.alert.RetryPolicy;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.incident.Failure;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.incident.codec.IncidentEventCodec;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.lambda.EmfMetrics;
import dev.cronmon.lambda.Priming;
import dev.cronmon.lambda.Services;
import java.time.Instant;
import java.util.List;

/**
 * The alerts function: each SNS record carries one incident event (the EventBridge event the bus→SNS target
 * delivers); {@link AlertService} sends it to the channels of its alert rule, each once. When a channel must be
 * retried the invocation fails, so Lambda retries it (channels already served are skipped) and finally sends it to
 * the dead-letter queue; a message that is not an incident event fails the same way and lands there too.
 */
public final class AlertsHandler implements RequestHandler<SNSEvent, Void> {
  /**
   * SnapStart priming delivers this event: its monitor id is one no monitor has (ids are random UUIDs), so no alert
   * rule, monitor's or project's, picks a channel for it, and nothing is claimed, sent or recorded.
   */
  static final IncidentEvent PRIMING_EVENT = primingEvent();
  /** The delivery record priming reads (as a delivery does first); no channel has this id. */
  static final String PRIMING_CHANNEL = "priming";

  private final AlertService alerts;
  private final EmfMetrics metrics;
  private final Priming<List<AlertService.Outcome>> priming; // held here: org.crac keeps only weak references to resources

  public AlertsHandler() {
    this(Services.fromEnvironment());
    priming.register();
  }

  public AlertsHandler(Services services) {
    this(services, RetryPolicy.Sleeper.REAL);
  }

  /** With the sleeper the in-invocation retries pause with (tests pass one that moves their clock instead). */
  public AlertsHandler(Services services, RetryPolicy.Sleeper sleeper) {
    this.metrics = EmfMetrics.of("alerts", services);
    this.alerts = new AlertService(services.store(), services.clock(), AlertingConfig.from(services.env(), services.clock()),
        new RetryPolicy(RetryPolicy.DEFAULT_PAUSES, sleeper, services.clock()), metrics);
    CronStore store = services.store();
    String message = IncidentEventCodec.eventBridgeEvent(PRIMING_EVENT, "000000000000", "us-east-1");
    this.priming = Priming.of("incident event " + PRIMING_EVENT.id(), () -> {
      store.delivery(PRIMING_CHANNEL, PRIMING_EVENT.id());
      return deliver(message);
    });
  }

  /** The SnapStart priming; the Lambda constructor registers it, tests run it. */
  public Priming<List<AlertService.Outcome>> priming() {
    return priming;
  }

  @Override
  public Void handleRequest(SNSEvent event, Context context) {
    try {
      event.getRecords().forEach(record -> deliver(record.getSNS().getMessage()));
      return null;
    } finally {
      metrics.flush();
    }
  }

  private List<AlertService.Outcome> deliver(String snsMessage) {
    return alerts.deliver(IncidentEventCodec.fromSnsMessage(snsMessage));
  }

  private static IncidentEvent primingEvent() {
    Instant at = Instant.parse("2000-01-01T00:00:00Z");
    return new IncidentEvent("priming:opened", IncidentEvent.Type.OPENED, "priming", "00000000-0000-0000-0000-000000000000",
        "priming", "priming", "production", "priming", at, at, List.of(new Failure(null, CheckInStatus.MISSED, at)), at);
  }
}
