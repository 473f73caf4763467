package dev.cronmon.domain.checkin;

/**
 * What a check-in records about its run beyond its status (docs/semantics.md rules C10–C13): the job's exit status
 * (healthchecks' {@code /<exit-status>}), a short reason for an {@code error} (an exit status, {@code /fail}, a run
 * shorter than {@code min_runtime}), the size of the output kept beside it (null: none), whether cronmon chose its
 * id (the client sent none), which is what a later start without an id may supersede, and whether its outcome fell in a
 * maintenance window ({@code maintenance}, docs/semantics.md rule M3): then it counts for nothing, as `unknown` does.
 */
public record RunFacts(Integer exitStatus, String reason, Long outputBytes, boolean outputTruncated, boolean assignedId,
                       boolean maintenance) {
  public static final RunFacts NONE = new RunFacts(null, null, null, false, false);
  /** Reasons are one short line; a longer one is cut. */
  public static final int MAX_REASON_LENGTH = 200;
  /** The reason of a run replaced by a start without id (rule C13). */
  public static final String SUPERSEDED = "superseded by a later start";

  public RunFacts(Integer exitStatus, String reason, Long outputBytes, boolean outputTruncated, boolean assignedId) {
    this(exitStatus, reason, outputBytes, outputTruncated, assignedId, false);
  }

  public RunFacts {
    if (exitStatus != null && (exitStatus < 0 || exitStatus > 255)) throw new IllegalArgumentException("exit status out of 0-255: " + exitStatus);
    if (reason != null) {
      reason = reason.replaceAll("\\p{Cntrl}", " ").strip();
      if (reason.isEmpty()) reason = null;
      else if (reason.length() > MAX_REASON_LENGTH) reason = reason.substring(0, MAX_REASON_LENGTH);
    }
  }

  /** The reason of an error reported with a non-zero exit status. */
  public static String exited(int exitStatus) {
    return "exited with status " + exitStatus;
  }

  /** The reason of an error reported with healthchecks' {@code /fail}. */
  public static final String FAIL_SIGNALLED = "the job reported a failure (/fail)";

  public RunFacts withReason(String newReason) {
    return new RunFacts(exitStatus, newReason, outputBytes, outputTruncated, assignedId, maintenance);
  }

  /** These facts of an outcome that fell in a maintenance window (rule M3). */
  public RunFacts inMaintenance() {
    return new RunFacts(exitStatus, reason, outputBytes, outputTruncated, assignedId, true);
  }

  /** These facts with the outcome of a close: the exit status and reason given, the output if any came. */
  public RunFacts closedWith(Integer newExitStatus, String newReason, JobOutput output) {
    return new RunFacts(newExitStatus != null ? newExitStatus : exitStatus, newReason != null ? newReason : reason,
        output != null ? Long.valueOf(output.receivedBytes()) : outputBytes, output != null ? output.truncated() : outputTruncated,
        assignedId, maintenance);
  }

  public boolean hasOutput() {
    return outputBytes != null;
  }
}
