package dev.cronmon.domain.alert;

import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.incident.Failure;
import dev.cronmon.domain.incident.IncidentEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Incident events for tests: an incident of "Nightly backup" in production that opened on 2 missed and 1 timeout. */
public final class Events {
  public static final Instant STARTED = Instant.parse("2026-03-02T10:01:00Z");
  public static final Instant LAST_OK = Instant.parse("2026-03-02T09:00:00Z");

  private Events() {}

  public static IncidentEvent opened(String monitorId, String incidentId) {
    return new IncidentEvent(incidentId + ":opened", IncidentEvent.Type.OPENED, "acme", monitorId, "nightly-backup",
        "Nightly backup", "production", incidentId, STARTED, STARTED.plusSeconds(3 * 3600), failures(), LAST_OK);
  }

  /** {@link #opened} of a monitor owned by {@code owner}. */
  public static IncidentEvent openedOwnedBy(String owner) {
    IncidentEvent e = opened("mon-1", "inc-1");
    return new IncidentEvent(e.id(), e.type(), e.organization(), e.monitorId(), e.monitorSlug(), e.monitorName(), e.environment(),
        e.incidentId(), e.incidentStarted(), e.time(), e.failures(), e.lastOk(), owner);
  }

  public static IncidentEvent resolved(String monitorId, String incidentId) {
    // Down 2 h 5 min: from the first failure to the ok that resolved it.
    return new IncidentEvent(incidentId + ":resolved", IncidentEvent.Type.RESOLVED, "acme", monitorId, "nightly-backup",
        "Nightly backup", "production", incidentId, STARTED, STARTED.plusSeconds(2 * 3600 + 5 * 60), failures(), LAST_OK);
  }

  /** The broken-monitor notice (docs/semantics.md rule B1), or with {@code muted} the muting (B2), 14 or 28 days in. */
  public static IncidentEvent broken(String monitorId, String incidentId, boolean muted) {
    IncidentEvent.Type type = muted ? IncidentEvent.Type.MUTED : IncidentEvent.Type.BROKEN;
    return new IncidentEvent(incidentId + ":" + type.wire(), type, "acme", monitorId, "nightly-backup", "Nightly backup",
        "production", incidentId, STARTED, STARTED.plus(java.time.Duration.ofDays(muted ? 28 : 14)), failures(), LAST_OK);
  }

  static List<Failure> failures() {
    return List.of(
        new Failure(UUID.fromString("11111111-1111-4111-8111-111111111111"), CheckInStatus.MISSED, STARTED),
        new Failure(UUID.fromString("22222222-2222-4222-8222-222222222222"), CheckInStatus.MISSED, STARTED.plusSeconds(3600)),
        new Failure(UUID.fromString("33333333-3333-4333-8333-333333333333"), CheckInStatus.TIMEOUT, STARTED.plusSeconds(7200)));
  }
}
