package dev.cronmon.domain.lifecycle;

import dev.cronmon.domain.incident.BrokenNotice;
import dev.cronmon.domain.incident.Incident;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The broken-monitor rule (docs/semantics.md rules B1–B3), applied by the sweeper: an environment whose incident has
 * been open for {@link BrokenPolicy#noticeAfter} and whose last {@link BrokenPolicy#FAILURES} check-ins are all failures
 * gets one "broken" notice; {@link BrokenPolicy#muteAfter} later, still broken, it is muted with a second notice. The
 * sweeper finds these environments through the due index: the incident's next check is part of the environment's
 * {@code dueAt}, so no tick reads every open incident.
 */
final class BrokenMonitors {
  private BrokenMonitors() {}

  /** Rules B1 and B2 at {@code now}: acts only when the incident's check is due, so a second look changes nothing. */
  static void review(Change change, Monitor monitor, Instant now, BrokenPolicy policy) {
    MonitorEnvironment env = change.env;
    Incident incident = env.activeIncident();
    if (incident == null) return;
    Instant due = incident.brokenDueAt();
    if (due == null || due.isAfter(now)) return;
    BrokenNotice notice = incident.brokenNotice();
    Instant deadline = notice == null
        ? incident.started().plus(policy.noticeAfter())
        : notice.userNotifiedTimestamp().plus(policy.muteAfter());
    if (deadline.isAfter(now)) {
      change.env = env.toBuilder().activeIncident(incident.withBroken(offTheMinute(deadline), notice, false)).build();
      return;
    }
    // Unknown check-ins never enter the failure streak (rule U2), so they neither make nor break "all failures".
    if (env.failureStreak().size() < BrokenPolicy.FAILURES) {
      change.env = env.toBuilder().activeIncident(incident.withBroken(offTheMinute(now.plus(BrokenPolicy.RECHECK)), notice, false)).build();
      return;
    }
    boolean silent = monitor.mutedAt(now) || env.mutedAt(now);
    MonitorEnvironment.Builder next = env.toBuilder();
    Incident after;
    IncidentEvent.Type type;
    if (notice == null) {
      after = incident.withBroken(offTheMinute(now.plus(policy.muteAfter())), new BrokenNotice(now, null), false);
      type = IncidentEvent.Type.BROKEN;
    } else {
      after = incident.withBroken(null, new BrokenNotice(notice.userNotifiedTimestamp(), now), false);
      type = IncidentEvent.Type.MUTED;
      next.muted(true);
    }
    next.activeIncident(after);
    // Muted monitors and environments are tracked the same way but alert no one (rule I4).
    if (!silent) {
      List<IncidentEvent> outbox = new ArrayList<>(env.outbox());
      outbox.add(IncidentTracker.event(type, monitor, env, after, now));
      next.outbox(outbox);
    }
    change.env = next.build();
  }

  /**
   * Rule B3: a person unmuting an environment the rule muted ends the broken state of its incident: the notice is
   * dropped and this incident is never called broken again (as Sentry's detection leaves an unmuted environment be).
   */
  static MonitorEnvironment unmuted(MonitorEnvironment env, boolean muted) {
    Incident incident = env.activeIncident();
    if (muted || incident == null || incident.brokenNotice() == null || incident.brokenNotice().environmentMutedTimestamp() == null) {
      return env;
    }
    return env.toBuilder().activeIncident(incident.withBroken(null, null, true)).build();
  }

  /**
   * When the sweeper first looks at a new incident (rule B1): a day after it started, the shortest period a deployment
   * may set, so that whoever opens the incident (a check-in or the sweeper) needs no configuration to schedule it.
   */
  static Instant firstLook(Instant started) {
    return offTheMinute(started.plus(BrokenPolicy.RECHECK));
  }

  /** Rule W6: an environment that is never swept again is never looked at for this rule either. */
  static MonitorEnvironment notSwept(MonitorEnvironment env) {
    Incident incident = env.activeIncident();
    if (incident == null || incident.brokenDueAt() == null) return env;
    return env.toBuilder().activeIncident(incident.withBroken(null, incident.brokenNotice(), true)).build();
  }

  /**
   * The first instant at or after {@code t} that lies 30 s into a minute. Check-in deadlines all fall on whole minutes,
   * and the outage detector counts due-index entries at whole minutes only (rule U3): the rule's checks stay out of
   * its counts this way.
   */
  static Instant offTheMinute(Instant t) {
    Instant candidate = t.truncatedTo(ChronoUnit.MINUTES).plusSeconds(30);
    return candidate.isBefore(t) ? candidate.plus(1, ChronoUnit.MINUTES) : candidate;
  }
}
