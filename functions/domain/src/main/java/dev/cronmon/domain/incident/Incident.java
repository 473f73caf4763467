package dev.cronmon.domain.incident;

import java.time.Instant;
import java.util.List;

/**
 * An open incident of one monitor environment; {@code started} is the time of the oldest failure that opened it.
 *
 * <p>The broken-monitor rule (docs/semantics.md rules B1–B3) keeps its state here, as Sentry keeps it on the incident:
 * {@code brokenCheckAt} is when the sweeper next looks (null: not scheduled yet, so the sweeper schedules it at its next
 * tick), {@code brokenNotice} what it did, {@code brokenDismissed} that a person unmuted the environment it muted.
 */
public record Incident(String id, Instant started, List<Failure> failures, Instant brokenCheckAt, BrokenNotice brokenNotice,
                       boolean brokenDismissed) {

  public Incident {
    failures = List.copyOf(failures);
  }

  public Incident(String id, Instant started, List<Failure> failures) {
    this(id, started, failures, null, null, false);
  }

  public Incident withFailures(List<Failure> newFailures) {
    return new Incident(id, started, newFailures, brokenCheckAt, brokenNotice, brokenDismissed);
  }

  public Incident withBroken(Instant checkAt, BrokenNotice notice, boolean dismissed) {
    return new Incident(id, started, failures, checkAt, notice, dismissed);
  }

  /** When the sweeper must apply the broken-monitor rule to this incident; null once the rule is done with it. */
  public Instant brokenDueAt() {
    if (brokenDismissed || (brokenNotice != null && brokenNotice.environmentMutedTimestamp() != null)) return null;
    return brokenCheckAt == null ? Instant.EPOCH : brokenCheckAt;
  }
}
