package dev.cronmon.domain.service;

import dev.cronmon.domain.alert.FailureDetail;
import dev.cronmon.common.Log;
import dev.cronmon.domain.alert.AlertMessages;
import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.alert.Alerting;
import dev.cronmon.domain.alert.Channel;
import dev.cronmon.domain.alert.Delivery;
import dev.cronmon.domain.alert.Notification;
import dev.cronmon.domain.alert.RetryPolicy;
import dev.cronmon.domain.alert.SendResult;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.incident.Failure;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.metrics.Metrics;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.store.CronStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Delivers incident events to the channels of the monitor's alert rule (or its project's default rule), each
 * (event, channel) once:
 *
 * <ol>
 *   <li>claim the delivery record (conditional write on its version) with a lease — a redelivered SNS message, a
 *       Lambda retry or a concurrent duplicate finds it delivered, failed, or leased, and sends nothing;
 *   <li>send, retrying transient failures a few times within the invocation ({@link RetryPolicy});
 *   <li>settle the record: delivered, failed (permanent: recorded on the channel, never retried), or back to retry
 *       (transient: lease released) — after which {@link #deliver} throws {@link RetryLaterException} so the platform
 *       retries the event, and finally dead-letters it.
 * </ol>
 *
 * Claiming before sending trades "at most once" for "at least once" only in one window: a crash after the receiver
 * got the message and before the record is settled resends it once the lease has expired. The other order (record
 * after sending) would let two concurrent deliveries of one SNS message both send, every time.
 */
public final class AlertService {
  /** Time one event may spend on in-invocation retries before leaving the rest to the platform. */
  static final Duration RETRY_BUDGET = Duration.ofSeconds(15);
  /** A channel's stored error is cut to this, so the item stays small whatever a receiver answers. */
  static final int MAX_ERROR_LENGTH = 500;

  public enum Result { DELIVERED, FAILED, RETRY_LATER, ALREADY_SETTLED, LEASED_ELSEWHERE }

  public record Outcome(String channelId, Result result, String detail) {}

  /** Some channel could not be served now; the platform must deliver the event again (settled channels are skipped). */
  public static final class RetryLaterException extends RuntimeException {
    public RetryLaterException(String message) {
      super(message);
    }
  }

  private final CronStore store;
  private final Clock clock;
  private final Alerting alerting;
  private final RetryPolicy retries;
  private final Metrics metrics;

  public AlertService(CronStore store, Clock clock, Alerting alerting, RetryPolicy retries) {
    this(store, clock, alerting, retries, Metrics.NONE);
  }

  /** {@code metrics} counts each channel's outcome: delivered, failed for good, or left for a retry. */
  public AlertService(CronStore store, Clock clock, Alerting alerting, RetryPolicy retries, Metrics metrics) {
    this.metrics = metrics;
    this.store = store;
    this.clock = clock;
    this.alerting = alerting;
    this.retries = retries;
  }

  /** Sends {@code event} to each of its channels not yet served; throws {@link RetryLaterException} if any must be retried. */
  public List<Outcome> deliver(IncidentEvent event) {
    Instant deadline = clock.instant().plus(RETRY_BUDGET);
    List<Outcome> outcomes = new ArrayList<>();
    // Read when the first message is made, once per event: the check-in that opened the incident does not change, and a
    // redelivery that sends nothing reads nothing.
    FailureDetail[] detail = {null};
    Supplier<FailureDetail> once = () -> detail[0] != null ? detail[0] : (detail[0] = detail(event));
    for (Channel channel : channelsFor(event)) outcomes.add(deliver(event, channel, deadline, once));
    for (Outcome o : outcomes) {
      switch (o.result()) {
        case DELIVERED -> metrics.alertDelivered();
        case FAILED -> metrics.alertFailed();
        case RETRY_LATER -> metrics.alertRetried();
        default -> { } // settled before, or another invocation holds it: counted where it is sent
      }
    }
    List<String> pending = outcomes.stream()
        .filter(o -> o.result() == Result.RETRY_LATER || o.result() == Result.LEASED_ELSEWHERE)
        .map(Outcome::channelId).toList();
    if (!pending.isEmpty()) throw new RetryLaterException("event " + event.id() + " not yet delivered to channels " + pending);
    return outcomes;
  }

  /** The channels the rule for the event's monitor environment picks; unknown (deleted) channels are skipped. */
  public List<Channel> channelsFor(IncidentEvent event) {
    // The project default: the event names the monitor by id and slug; a monitor renamed since has no default here.
    Optional<AlertRule> rule = AlertRules.of(store, event.monitorId(), () -> store.monitor(event.organization(), event.monitorSlug())
        .filter(m -> m.id().equals(event.monitorId()))
        .map(Monitor::projectId));
    List<Channel> channels = new ArrayList<>();
    for (String id : rule.map(r -> r.channelsFor(event.environment())).orElse(List.of()).stream().distinct().toList()) {
      store.channel(event.organization(), id).ifPresent(channels::add);
    }
    return channels;
  }

  private Outcome deliver(IncidentEvent event, Channel channel, Instant deadline, Supplier<FailureDetail> detail) {
    Instant now = clock.instant();
    Optional<Delivery> existing = store.delivery(channel.id(), event.id());
    if (existing.isPresent() && existing.get().finished()) {
      return new Outcome(channel.id(), Result.ALREADY_SETTLED, existing.get().status().wire());
    }
    if (existing.isPresent() && existing.get().leasedAt(now)) {
      return new Outcome(channel.id(), Result.LEASED_ELSEWHERE, "leased until " + existing.get().leaseUntil());
    }
    if (now.isAfter(deadline)) return new Outcome(channel.id(), Result.RETRY_LATER, "out of time in this invocation");
    Instant lease = now.plus(alerting.deliveryLease());
    Delivery claim = existing.map(d -> d.reclaim(now, lease)).orElseGet(() -> Delivery.firstClaim(channel.id(), event.id(), now, lease));
    if (!store.saveDelivery(claim)) {
      return new Outcome(channel.id(), Result.LEASED_ELSEWHERE, "claimed concurrently");
    }

    SendResult sent = retries.run(() -> send(event, channel, detail.get()), deadline);
    Instant done = clock.instant();
    String error = sent.delivered() ? null : truncate(sent.detail());
    Delivery.Status status = switch (sent.kind()) {
      case DELIVERED -> Delivery.Status.DELIVERED;
      case PERMANENT -> Delivery.Status.FAILED;
      case TRANSIENT -> Delivery.Status.RETRY;
    };
    if (!store.saveDelivery(claim.settle(status, error, done))) {
      // Our lease ran out and another sender took over; its outcome stands.
      Log.warn("delivery record changed while sending", logFields(event, channel, error));
    }
    store.recordChannelOutcome(channel.organization(), channel.id(), done, error);
    Log.info("alert " + status.wire(), logFields(event, channel, error));
    return switch (status) {
      case DELIVERED -> new Outcome(channel.id(), Result.DELIVERED, sent.detail());
      case FAILED -> new Outcome(channel.id(), Result.FAILED, error);
      default -> new Outcome(channel.id(), Result.RETRY_LATER, error);
    };
  }

  /** One attempt; the webhook signature is made per attempt so its timestamp is fresh. */
  private SendResult send(IncidentEvent event, Channel channel, FailureDetail detail) {
    Notification n = AlertMessages.render(event, channel, clock.instant(), alerting.pagerDutyEventsUrl(), detail);
    return alerting.sender().send(n);
  }

  /**
   * The exit status, reason and last lines of output of the check-in that opened the incident (its latest failure), for
   * an opening's alert; none for a resolution, a missed slot, or a check-in that expired.
   */
  FailureDetail detail(IncidentEvent event) {
    if (event.type() != IncidentEvent.Type.OPENED || event.failures().isEmpty()) return FailureDetail.NONE;
    Failure last = event.failures().get(event.failures().size() - 1);
    if (last.checkInId() == null || last.status() == CheckInStatus.MISSED) return FailureDetail.NONE;
    return store.checkIn(last.checkInId()).map(c -> new FailureDetail(c.facts().exitStatus(), c.facts().reason(),
        c.facts().hasOutput()
            ? store.output(c.id()).map(o -> o.tail(FailureDetail.TAIL_LINES, FailureDetail.TAIL_CHARS)).orElse(null)
            : null)).orElse(FailureDetail.NONE);
  }

  /** The API's "send a test notification": one attempt, no delivery record, the outcome recorded on the channel. */
  public SendResult sendTest(Channel channel) {
    Instant now = clock.instant();
    String incidentId = "test-" + UUID.randomUUID();
    Instant started = now.minus(Duration.ofMinutes(5));
    IncidentEvent test = new IncidentEvent(incidentId + ":opened", IncidentEvent.Type.OPENED, channel.organization(),
        "00000000-0000-0000-0000-000000000000", "cronmon-test", "cronmon test notification", "production", incidentId,
        started, now, List.of(new Failure(null, CheckInStatus.MISSED, started)), now.minus(Duration.ofHours(1)));
    SendResult result = send(test, channel, FailureDetail.NONE);
    store.recordChannelOutcome(channel.organization(), channel.id(), clock.instant(), result.delivered() ? null : truncate(result.detail()));
    return result;
  }

  private static String truncate(String s) {
    if (s == null) return "unknown error";
    return s.length() <= MAX_ERROR_LENGTH ? s : s.substring(0, MAX_ERROR_LENGTH);
  }

  private static Object[] logFields(IncidentEvent e, Channel c, String error) {
    return new Object[] {"event", e.id(), "monitor", e.monitorSlug(), "environment", e.environment(), "channel", c.id(),
        "channelType", c.type().wire(), "error", error};
  }
}
