package dev.cronmon.domain.store;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A monitor as a check-in reads it ({@link MonitorStore#monitorForCheckIn}): the monitor, and its environment named
 * {@code environmentName} as stored at the time of the read ({@code environment} empty: the monitor has none of that
 * name yet). {@code environmentName} is null when no environment was asked for. {@code checkInId}, when not null, is a
 * check-in id read in the same request, {@code checkIn} what it found.
 */
public record MonitorRead(Monitor monitor, String environmentName, Optional<MonitorEnvironment> environment, UUID checkInId,
                          Optional<CheckIn> checkIn) {
  public MonitorRead {
    Objects.requireNonNull(monitor, "monitor");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(checkIn, "checkIn");
  }

  public MonitorRead(Monitor monitor, String environmentName, Optional<MonitorEnvironment> environment) {
    this(monitor, environmentName, environment, null, Optional.empty());
  }

  /** Whether this read holds the stored state of the monitor's environment {@code name}. */
  public boolean holds(String name) {
    return environmentName != null && environmentName.equals(name);
  }

  /** Whether this read holds the lookup of check-in {@code id}. */
  public boolean holdsCheckIn(UUID id) {
    return checkInId != null && checkInId.equals(id);
  }

  /** This read with the lookup of check-in {@code id} added. */
  public MonitorRead withCheckIn(UUID id, Optional<CheckIn> found) {
    return new MonitorRead(monitor, environmentName, environment, id, found);
  }
}
