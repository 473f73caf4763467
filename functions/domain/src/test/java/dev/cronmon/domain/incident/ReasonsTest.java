package dev.cronmon.domain.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.checkin.CheckInStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Unit layer (no I/O): the reason text of incident events, worded as Sentry words it. */
class ReasonsTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  @Test
  void reasons_readLikeSentrys() {
    assertThat(Reasons.describe(List.of(new Failure(UUID.randomUUID(), CheckInStatus.ERROR, T0))))
        .isEqualTo("An error check-in was detected");
    assertThat(Reasons.describe(List.of(
        new Failure(UUID.randomUUID(), CheckInStatus.ERROR, T0),
        new Failure(UUID.randomUUID(), CheckInStatus.MISSED, T0),
        new Failure(UUID.randomUUID(), CheckInStatus.TIMEOUT, T0))))
        .isEqualTo("1 error, 1 missed and 1 timeout check-ins detected");
  }
}
