package dev.cronmon.domain.store;

import dev.cronmon.domain.checkin.CheckIn;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Check-ins, by id and as a monitor's history. The store expires each {@link #RETENTION} after it was created. */
public interface CheckInHistory {
  /** How long a check-in (and a resolved incident, from its resolution) is kept. */
  Duration RETENTION = Duration.ofDays(90);

  Optional<CheckIn> checkIn(UUID id);

  /** Creates (version 1) or replaces (stored version = {@code checkIn.version() - 1}) the check-in. */
  boolean saveCheckIn(CheckIn checkIn);

  /** Newest first; {@code environment} null for all environments. A page may hold fewer than asked, with a cursor. */
  Page<CheckIn> checkIns(String monitorId, String environment, String cursor, int limit);

  /**
   * As above, created in [{@code from}, {@code to}) at millisecond precision (either may be null: unbounded). A cursor
   * from outside the range is refused (IllegalArgumentException).
   */
  Page<CheckIn> checkIns(String monitorId, String environment, Instant from, Instant to, String cursor, int limit);
}
