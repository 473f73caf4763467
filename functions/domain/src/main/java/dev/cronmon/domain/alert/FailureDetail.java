package dev.cronmon.domain.alert;

/**
 * What an incident's opening alert says about the check-in that opened it (docs/semantics.md rules C11, C12): its exit
 * status and reason, and the last lines of its output ({@code outputTail}, already escaped by
 * {@link dev.cronmon.domain.checkin.JobOutput#text()}; each channel escapes it again for its own markup). Read when the
 * alert is sent, so that incident events stay small.
 */
public record FailureDetail(Integer exitStatus, String reason, String outputTail) {
  public static final FailureDetail NONE = new FailureDetail(null, null, null);
  /** Lines of output an alert carries, and characters at most. */
  public static final int TAIL_LINES = 20;
  public static final int TAIL_CHARS = 2000;

  public boolean isEmpty() {
    return exitStatus == null && reason == null && outputTail == null;
  }
}
