package dev.cronmon.domain.store;

import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorEnvironment;

/**
 * A monitor as a check-in reads it ({@link CronStore#monitorForCheckIn}), with the environment the check-in is for when
 * the store could read both in one request: {@code environmentRead} then says {@code environment} is what is stored
 * (null: none yet). Otherwise the caller reads the environment itself.
 */
public record MonitorRead(Monitor monitor, boolean environmentRead, MonitorEnvironment environment) {
  public static MonitorRead monitorOnly(Monitor monitor) {
    return new MonitorRead(monitor, false, null);
  }
}
