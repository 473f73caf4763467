package dev.cronmon.domain.lifecycle;

import dev.cronmon.domain.incident.Incident;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.maintenance.Maintenance;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reminders (docs/semantics.md rules R1–R5): while an incident stays open, its opening alert is repeated every period
 * of the alert rule. The next reminder's time lives on the incident and is part of the environment's {@code dueAt}, so
 * the sweeper finds due reminders through the due index, never by reading every open incident. The decision is one
 * conditional write of the environment: two sweepers racing make one reminder per period, and the reminder's event id
 * (incident id + number) lets the alerts function drop a redelivery per channel.
 */
final class Reminders {
  private Reminders() {}

  /**
   * Rule R3: once the bus accepted an incident's opening event, its first reminder is one period after the opening.
   * Only an opening still in the outbox schedules (a second sweeper publishing the same outbox finds it gone), and only
   * the environment's open incident, which has none scheduled yet.
   */
  static MonitorEnvironment scheduleFirst(MonitorEnvironment env, Set<String> published, Duration every) {
    Incident incident = env.activeIncident();
    if (every == null || incident == null || incident.reminderAt() != null || incident.reminders() > 0) return env;
    return env.outbox().stream()
        .filter(e -> e.type() == IncidentEvent.Type.OPENED && published.contains(e.id()) && e.incidentId().equals(incident.id()))
        .findFirst()
        .map(opened -> env.toBuilder().activeIncident(incident.withReminder(BrokenMonitors.offTheMinute(opened.time().plus(every)),
            0)).build())
        .orElse(env);
  }

  /** Whether the open incident's next reminder is due at {@code now}. */
  static boolean due(MonitorEnvironment env, Instant now) {
    Instant at = env.reminderDueAt();
    return at != null && !at.isAfter(now);
  }

  /**
   * Rules R2, R4, R5 at {@code now}, with the rule's period as read this tick ({@code every}; null: the rule no longer
   * reminds). A due reminder goes to the outbox and the next is one period on, past {@code now} (a sweeper that was down
   * sends one reminder, not the backlog). Muted: the schedule ends; snoozed: the periods pass unsent, and reminders go
   * on after the snooze, and the same during a maintenance window of the monitor (rule M3: no alert goes out in one).
   */
  static void review(Change change, Monitor monitor, Instant now, Duration every, Maintenance maintenance) {
    MonitorEnvironment env = change.env;
    if (!due(env, now)) return;
    Incident incident = env.activeIncident();
    if (every == null || monitor.mutedForGood() || env.mutedForGood()) {
      change.env = env.toBuilder().activeIncident(incident.withReminder(null, incident.reminders())).build();
      return;
    }
    Instant next = incident.reminderAt();
    while (!next.isAfter(now)) next = next.plus(every);
    next = BrokenMonitors.offTheMinute(next);
    if (monitor.mutedAt(now) || env.mutedAt(now) || maintenance.at(now)) {
      change.env = env.toBuilder().activeIncident(incident.withReminder(next, incident.reminders())).build();
      return;
    }
    int number = incident.reminders() + 1;
    Incident after = incident.withReminder(next, number);
    List<IncidentEvent> outbox = new ArrayList<>(env.outbox());
    outbox.add(IncidentTracker.reminder(monitor, env, after, number, now));
    change.env = env.toBuilder().activeIncident(after).outbox(outbox).build();
  }

  /** Rule W6: an environment that is never swept again sends no more reminders either. */
  static MonitorEnvironment notSwept(MonitorEnvironment env) {
    Incident incident = env.activeIncident();
    if (incident == null || incident.reminderAt() == null) return env;
    return env.toBuilder().activeIncident(incident.withReminder(null, incident.reminders())).build();
  }
}
