package dev.cronmon.domain.processing;

/**
 * Where a processing error is kept: the list of the monitor the check-in named when it exists (in the check-in's
 * project), else the list of the project whose DSN key sent it.
 */
public record ErrorList(Kind kind, String id) {
  public enum Kind { MONITOR, PROJECT }

  public static ErrorList ofMonitor(String monitorId) {
    return new ErrorList(Kind.MONITOR, monitorId);
  }

  public static ErrorList ofProject(String projectId) {
    return new ErrorList(Kind.PROJECT, projectId);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + id;
  }
}
