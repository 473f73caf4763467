package dev.cronmon.domain.monitor;

import java.util.Locale;

/** The state of a monitor in one environment, as the API shows it. */
public enum EnvironmentStatus {
  NEW,
  OK,
  ERROR;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
