package dev.cronmon.domain.monitor;

import dev.cronmon.domain.checkin.CheckInRate;
import dev.cronmon.domain.checkin.OpenRun;
import dev.cronmon.domain.incident.Failure;
import dev.cronmon.domain.incident.Incident;
import dev.cronmon.domain.incident.IncidentEvent;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The track of one monitor in one environment: the single item every check-in and sweep of that environment
 * updates (conditionally, on {@code version}, through dev.cronmon.domain.service.EnvironmentWriter). It carries its
 * open runs, the streaks that open and resolve incidents, an outbox of incident events not yet published, and the
 * check-in count of the current minute (docs/semantics.md rule C6). {@code disabled} mirrors the monitor's status
 * (MonitorService keeps it in step) so that a disabled monitor's environments leave the due index.
 */
public record MonitorEnvironment(
    String monitorId,
    String name,
    EnvironmentStatus status,
    boolean muted,
    Instant dateCreated,
    Instant lastCheckIn,
    Instant lastOk,
    Instant nextCheckIn,
    Instant nextCheckInLatest,
    List<OpenRun> openRuns,
    int okStreak,
    List<Failure> failureStreak,
    Incident activeIncident,
    List<IncidentEvent> outbox,
    long version,
    CheckInRate checkInRate,
    boolean disabled,
    Instant mutedUntil,
    boolean mutedUntilResolved,
    Long lastDurationMs) {

  /** An environment whose runs' durations are not known (rule G4). */
  public MonitorEnvironment(String monitorId, String name, EnvironmentStatus status, boolean muted, Instant dateCreated,
                            Instant lastCheckIn, Instant lastOk, Instant nextCheckIn, Instant nextCheckInLatest,
                            List<OpenRun> openRuns, int okStreak, List<Failure> failureStreak, Incident activeIncident,
                            List<IncidentEvent> outbox, long version, CheckInRate checkInRate, boolean disabled,
                            Instant mutedUntil, boolean mutedUntilResolved) {
    this(monitorId, name, status, muted, dateCreated, lastCheckIn, lastOk, nextCheckIn, nextCheckInLatest, openRuns,
        okStreak, failureStreak, activeIncident, outbox, version, checkInRate, disabled, mutedUntil, mutedUntilResolved, null);
  }

  /** An environment not snoozed (docs/semantics.md rules N1–N4). */
  public MonitorEnvironment(String monitorId, String name, EnvironmentStatus status, boolean muted, Instant dateCreated,
                            Instant lastCheckIn, Instant lastOk, Instant nextCheckIn, Instant nextCheckInLatest,
                            List<OpenRun> openRuns, int okStreak, List<Failure> failureStreak, Incident activeIncident,
                            List<IncidentEvent> outbox, long version, CheckInRate checkInRate, boolean disabled) {
    this(monitorId, name, status, muted, dateCreated, lastCheckIn, lastOk, nextCheckIn, nextCheckInLatest, openRuns,
        okStreak, failureStreak, activeIncident, outbox, version, checkInRate, disabled, null, false);
  }

  public MonitorEnvironment {
    openRuns = List.copyOf(openRuns);
    failureStreak = List.copyOf(failureStreak);
    outbox = List.copyOf(outbox);
    if (checkInRate == null) checkInRate = CheckInRate.NONE;
  }

  /** An environment that has counted no check-ins yet. */
  public MonitorEnvironment(String monitorId, String name, EnvironmentStatus status, boolean muted, Instant dateCreated,
                            Instant lastCheckIn, Instant lastOk, Instant nextCheckIn, Instant nextCheckInLatest,
                            List<OpenRun> openRuns, int okStreak, List<Failure> failureStreak, Incident activeIncident,
                            List<IncidentEvent> outbox, long version) {
    this(monitorId, name, status, muted, dateCreated, lastCheckIn, lastOk, nextCheckIn, nextCheckInLatest, openRuns,
        okStreak, failureStreak, activeIncident, outbox, version, CheckInRate.NONE, false);
  }

  /** An environment with a check-in count, enabled. */
  public MonitorEnvironment(String monitorId, String name, EnvironmentStatus status, boolean muted, Instant dateCreated,
                            Instant lastCheckIn, Instant lastOk, Instant nextCheckIn, Instant nextCheckInLatest,
                            List<OpenRun> openRuns, int okStreak, List<Failure> failureStreak, Incident activeIncident,
                            List<IncidentEvent> outbox, long version, CheckInRate checkInRate) {
    this(monitorId, name, status, muted, dateCreated, lastCheckIn, lastOk, nextCheckIn, nextCheckInLatest, openRuns,
        okStreak, failureStreak, activeIncident, outbox, version, checkInRate, false);
  }

  /** An environment that has counted no check-ins yet, enabled or disabled. */
  public MonitorEnvironment(String monitorId, String name, EnvironmentStatus status, boolean muted, Instant dateCreated,
                            Instant lastCheckIn, Instant lastOk, Instant nextCheckIn, Instant nextCheckInLatest,
                            List<OpenRun> openRuns, int okStreak, List<Failure> failureStreak, Incident activeIncident,
                            List<IncidentEvent> outbox, long version, boolean disabled) {
    this(monitorId, name, status, muted, dateCreated, lastCheckIn, lastOk, nextCheckIn, nextCheckInLatest, openRuns,
        okStreak, failureStreak, activeIncident, outbox, version, CheckInRate.NONE, disabled);
  }

  public static MonitorEnvironment fresh(String monitorId, String name, Instant now) {
    return new MonitorEnvironment(monitorId, name, EnvironmentStatus.NEW, false, now, null, null, null, null,
        List.of(), 0, List.of(), null, List.of(), 0, CheckInRate.NONE, false);
  }

  /**
   * Whether the environment is muted at {@code now} (docs/semantics.md rules I4, N1–N3): muted for good, or snoozed
   * until a time still ahead or until its open incident resolves. A snooze whose time has passed reads as unmuted; no
   * job has to lift it.
   */
  public boolean mutedAt(Instant now) {
    return muted && (mutedUntil == null || now.isBefore(mutedUntil));
  }

  /** Muted with no end: neither a time nor the incident's resolution lifts it (rule R4 ends reminders then). */
  public boolean mutedForGood() {
    return muted && mutedUntil == null && !mutedUntilResolved;
  }

  /**
   * When the sweeper must look at this environment next: a missed slot, a run timing out, events to publish, the
   * broken-monitor rule's next look at its open incident (docs/semantics.md rule B1), or its next reminder (rule R3).
   */
  public Instant dueAt() {
    if (!outbox.isEmpty()) return Instant.EPOCH;
    if (disabled) return null; // disabled monitors are never swept (docs/semantics.md rule W6)
    return Stream.concat(Stream.of(nextCheckInLatest, brokenDueAt(), reminderDueAt()).filter(java.util.Objects::nonNull),
            openRuns.stream().map(OpenRun::timeoutAt))
        .min(Instant::compareTo)
        .orElse(null);
  }

  /** When the broken-monitor rule must look at the open incident (docs/semantics.md rules B1, B2); null: no need. */
  public Instant brokenDueAt() {
    return activeIncident == null ? null : activeIncident.brokenDueAt();
  }

  /** When the open incident's next reminder is due (docs/semantics.md rule R3); null: none. */
  public Instant reminderDueAt() {
    return activeIncident == null ? null : activeIncident.reminderAt();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Copy-with for the many small transitions; keeps each transition one readable expression. */
  public static final class Builder {
    private String monitorId;
    private String name;
    private EnvironmentStatus status;
    private boolean muted;
    private Instant dateCreated;
    private Instant lastCheckIn;
    private Instant lastOk;
    private Instant nextCheckIn;
    private Instant nextCheckInLatest;
    private List<OpenRun> openRuns;
    private int okStreak;
    private List<Failure> failureStreak;
    private Incident activeIncident;
    private List<IncidentEvent> outbox;
    private long version;
    private CheckInRate checkInRate;
    private boolean disabled;
    private Instant mutedUntil;
    private boolean mutedUntilResolved;
    private Long lastDurationMs;

    private Builder(MonitorEnvironment e) {
      monitorId = e.monitorId; name = e.name; status = e.status; muted = e.muted; dateCreated = e.dateCreated;
      lastCheckIn = e.lastCheckIn; lastOk = e.lastOk; nextCheckIn = e.nextCheckIn;
      nextCheckInLatest = e.nextCheckInLatest; openRuns = e.openRuns; okStreak = e.okStreak;
      failureStreak = e.failureStreak; activeIncident = e.activeIncident; outbox = e.outbox; version = e.version;
      checkInRate = e.checkInRate;
      disabled = e.disabled;
      mutedUntil = e.mutedUntil;
      mutedUntilResolved = e.mutedUntilResolved;
      lastDurationMs = e.lastDurationMs;
    }

    public Builder status(EnvironmentStatus v) { status = v; return this; }
    public Builder muted(boolean v) { muted = v; return this; }
    public Builder lastCheckIn(Instant v) { lastCheckIn = v; return this; }
    public Builder lastOk(Instant v) { lastOk = v; return this; }
    public Builder nextCheckIn(Instant v) { nextCheckIn = v; return this; }
    public Builder nextCheckInLatest(Instant v) { nextCheckInLatest = v; return this; }
    public Builder openRuns(List<OpenRun> v) { openRuns = v; return this; }
    public Builder okStreak(int v) { okStreak = v; return this; }
    public Builder failureStreak(List<Failure> v) { failureStreak = v; return this; }
    public Builder activeIncident(Incident v) { activeIncident = v; return this; }
    public Builder outbox(List<IncidentEvent> v) { outbox = v; return this; }
    public Builder version(long v) { version = v; return this; }
    public Builder checkInRate(CheckInRate v) { checkInRate = v; return this; }
    public Builder disabled(boolean v) { disabled = v; return this; }
    public Builder mutedUntil(Instant v) { mutedUntil = v; return this; }
    public Builder mutedUntilResolved(boolean v) { mutedUntilResolved = v; return this; }
    public Builder lastDurationMs(Long v) { lastDurationMs = v; return this; }

    public MonitorEnvironment build() {
      return new MonitorEnvironment(monitorId, name, status, muted, dateCreated, lastCheckIn, lastOk, nextCheckIn,
          nextCheckInLatest, openRuns, okStreak, failureStreak, activeIncident, outbox, version, checkInRate, disabled, mutedUntil,
          mutedUntilResolved, lastDurationMs);
    }
  }
}
