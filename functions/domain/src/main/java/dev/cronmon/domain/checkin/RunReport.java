package dev.cronmon.domain.checkin;

/**
 * What a check-in reports about its run besides its status (docs/semantics.md rules C11–C13): the exit status and reason
 * of a failure, the job's output (null: none came), and whether a start without id replaces the run a start without id
 * left open (healthchecks' pings do; Sentry's check-ins keep overlapping runs apart).
 */
public record RunReport(Integer exitStatus, String reason, JobOutput output, boolean supersedesAssignedRun) {
  public static final RunReport NONE = new RunReport(null, null, null, false);
}
