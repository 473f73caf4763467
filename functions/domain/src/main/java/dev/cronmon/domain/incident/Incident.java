package dev.cronmon.domain.incident;

import java.time.Instant;
import java.util.List;

/**
 * An open incident of one monitor environment; {@code started} is the time of the oldest failure that opened it.
 *
 * <p>The broken-monitor rule (docs/semantics.md rules B1–B3) keeps its state here, as Sentry keeps it on the incident:
 * {@code brokenCheckAt} is when the sweeper next looks (null: not scheduled yet, so the sweeper schedules it at its next
 * tick), {@code brokenNotice} what it did, {@code brokenDismissed} that a person unmuted the environment it muted.
 *
 * <p>Reminders (docs/semantics.md rules R1–R5) keep theirs here too: {@code reminderAt} is when the next one is due
 * (null: none scheduled), {@code reminders} how many went out.
 */
public record Incident(String id, Instant started, List<Failure> failures, Instant brokenCheckAt, BrokenNotice brokenNotice,
                       boolean brokenDismissed, Instant reminderAt, int reminders) {

  public Incident {
    failures = List.copyOf(failures);
  }

  public Incident(String id, Instant started, List<Failure> failures) {
    this(id, started, failures, null, null, false);
  }

  /** An incident with no reminder scheduled. */
  public Incident(String id, Instant started, List<Failure> failures, Instant brokenCheckAt, BrokenNotice brokenNotice,
                  boolean brokenDismissed) {
    this(id, started, failures, brokenCheckAt, brokenNotice, brokenDismissed, null, 0);
  }

  public Incident withFailures(List<Failure> newFailures) {
    return new Incident(id, started, newFailures, brokenCheckAt, brokenNotice, brokenDismissed, reminderAt, reminders);
  }

  public Incident withBroken(Instant checkAt, BrokenNotice notice, boolean dismissed) {
    return new Incident(id, started, failures, checkAt, notice, dismissed, reminderAt, reminders);
  }

  /** The next reminder due at {@code at} (null: none), after {@code sent} reminders. */
  public Incident withReminder(Instant at, int sent) {
    return new Incident(id, started, failures, brokenCheckAt, brokenNotice, brokenDismissed, at, sent);
  }

  /** When the sweeper must apply the broken-monitor rule to this incident; null once the rule is done with it. */
  public Instant brokenDueAt() {
    if (brokenDismissed || (brokenNotice != null && brokenNotice.environmentMutedTimestamp() != null)) return null;
    return brokenCheckAt == null ? Instant.EPOCH : brokenCheckAt;
  }
}
