package dev.cronmon.domain.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.incident.Incident;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit layer, no I/O: docs/semantics.md rule G1, an environment's badge state as its slot and deadline pass. */
class BadgeStateTest {
  private static final Instant SLOT = Instant.parse("2026-03-02T11:00:00Z");
  private static final Instant DEADLINE = SLOT.plusSeconds(300);

  private static MonitorEnvironment waitingFor(Instant slot, Incident incident) {
    MonitorEnvironment fresh = MonitorEnvironment.fresh("m1", "production", Instant.parse("2026-03-02T09:00:00Z"));
    return new MonitorEnvironment(fresh.monitorId(), fresh.name(), EnvironmentStatus.OK, false, fresh.dateCreated(),
        Instant.parse("2026-03-02T10:00:00Z"), null, slot, slot == null ? null : slot.plusSeconds(300), List.of(), 1, List.of(),
        incident, List.of(), 1);
  }

  @Test
  void up_beforeTheSlot_late_fromTheSlotOn_untilAnIncidentOpens() {
    MonitorEnvironment env = waitingFor(SLOT, null);

    assertThat(BadgeState.of(env, SLOT.minusMillis(1))).isEqualTo(BadgeState.UP);
    assertThat(BadgeState.of(env, SLOT)).isEqualTo(BadgeState.LATE);
    assertThat(BadgeState.of(env, DEADLINE.minusMillis(1))).isEqualTo(BadgeState.LATE);
    assertThat(BadgeState.of(env, DEADLINE.plusSeconds(60))).as("past the deadline, not yet swept").isEqualTo(BadgeState.LATE);
  }

  @Test
  void down_whileAnIncidentIsOpen_whateverTheSlot() {
    MonitorEnvironment env = waitingFor(SLOT, new Incident("i1", SLOT.minusSeconds(3600), List.of()));

    assertThat(BadgeState.of(env, SLOT.minusSeconds(60))).isEqualTo(BadgeState.DOWN);
    assertThat(BadgeState.of(env, SLOT.plusSeconds(60))).isEqualTo(BadgeState.DOWN);
  }

  @Test
  void up_withoutAnExpectedSlot_andTheWorstOfSeveralWins() {
    assertThat(BadgeState.of(waitingFor(null, null), SLOT)).isEqualTo(BadgeState.UP);
    assertThat(BadgeState.UP.worst(BadgeState.LATE)).isEqualTo(BadgeState.LATE);
    assertThat(BadgeState.DOWN.worst(BadgeState.LATE)).isEqualTo(BadgeState.DOWN);
    assertThat(BadgeState.LATE.worst(BadgeState.UP)).isEqualTo(BadgeState.LATE);
  }
}
