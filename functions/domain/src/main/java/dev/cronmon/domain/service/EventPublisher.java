package dev.cronmon.domain.service;

import dev.cronmon.domain.incident.IncidentEvent;
import java.util.List;
import java.util.Set;

/**
 * Where incident events go once their state change is stored (on AWS: an EventBridge bus). Delivery is at least once:
 * an event stays in its environment's outbox until the publisher reports it accepted, and consumers drop duplicates by
 * {@link IncidentEvent#id()}.
 */
public interface EventPublisher {

  /**
   * Publishes {@code events}; returns the ids of those the bus accepted. Events not in the result were not published
   * and are tried again at the next sweep. Never throws for a failure of the bus: it reports it by leaving ids out.
   */
  Set<String> publish(List<IncidentEvent> events);
}
