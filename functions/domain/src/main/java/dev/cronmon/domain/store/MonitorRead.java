package dev.cronmon.domain.store;

import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import java.util.Objects;
import java.util.Optional;

/**
 * A monitor as a check-in reads it ({@link MonitorStore#monitorForCheckIn}): the monitor, and its environment named
 * {@code environmentName} as stored at the time of the read ({@code environment} empty: the monitor has none of that
 * name yet). {@code environmentName} is null when no environment was asked for.
 */
public record MonitorRead(Monitor monitor, String environmentName, Optional<MonitorEnvironment> environment) {
  public MonitorRead {
    Objects.requireNonNull(monitor, "monitor");
    Objects.requireNonNull(environment, "environment");
  }

  /** Whether this read holds the stored state of the monitor's environment {@code name}. */
  public boolean holds(String name) {
    return environmentName != null && environmentName.equals(name);
  }
}
