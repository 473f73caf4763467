package dev.cronmon.domain.monitor;

import java.util.Optional;

/** Whether a monitor takes check-ins and is swept. */
public enum MonitorStatus {
  ACTIVE,
  DISABLED;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Optional<MonitorStatus> fromWire(String s) {
    if ("active".equals(s)) return Optional.of(ACTIVE);
    if ("disabled".equals(s)) return Optional.of(DISABLED);
    return Optional.empty();
  }
}
