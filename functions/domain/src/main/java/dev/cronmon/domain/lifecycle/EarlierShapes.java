package dev.cronmon.domain.lifecycle;

import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.MonitorEnvironment;

/**
 * The one place the state core reads environments in a shape other than the one it writes. {@link Lifecycle#apply}
 * passes every environment through {@link #read} before any rule sees it; the result is written back with the next
 * change (never alone), so an item is migrated by the first write that touches it anyway.
 *
 * <p>Shapes read here:
 * <ul>
 *   <li>a deadline ({@code nextCheckInLatest}) without its pending slot ({@code nextCheckIn}): the slot is the deadline
 *       minus the margin. Every release of cronmon writes both together (since the first commit); the sweeper has
 *       always read this shape so, and this is where it still does, rather than failing on the item at every tick.</li>
 * </ul>
 */
final class EarlierShapes {
  private EarlierShapes() {}

  static MonitorEnvironment read(MonitorEnvironment env, MonitorConfig config) {
    if (env.nextCheckIn() == null && env.nextCheckInLatest() != null) {
      return env.toBuilder().nextCheckIn(env.nextCheckInLatest().minus(config.margin())).build();
    }
    return env;
  }
}
