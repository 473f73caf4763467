package dev.cronmon.domain.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit: the rate limit's configuration and its per-minute count, no I/O. */
class CheckInLimitsTest {

  @Test
  void fromEnvironment_usesTheDefaults_whenTheVariableIsUnsetOrBlank() {
    assertThat(CheckInLimits.fromEnvironment(name -> null)).isEqualTo(new CheckInLimits(60, 100));
    assertThat(CheckInLimits.fromEnvironment(name -> " ")).isEqualTo(CheckInLimits.DEFAULTS);
  }

  @Test
  void fromEnvironment_readsCheckInRateLimitPerMinute() {
    CheckInLimits limits = CheckInLimits.fromEnvironment(Map.of("CHECKIN_RATE_LIMIT_PER_MINUTE", "120")::get);

    assertThat(limits.perMinute()).isEqualTo(120);
    assertThat(limits.maxOpenRuns()).isEqualTo(100);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "sixty", "1.5", "99999999999"})
  void fromEnvironment_failsAtStart_forAnythingButAPositiveInteger(String value) {
    assertThatThrownBy(() -> CheckInLimits.fromEnvironment(Map.of("CHECKIN_RATE_LIMIT_PER_MINUTE", value)::get))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CHECKIN_RATE_LIMIT_PER_MINUTE");
  }

  @Test
  void fromEnvironment_readsTheJobOutputLimit_upTo100000Bytes() {
    assertThat(CheckInLimits.fromEnvironment(name -> null).outputBytes()).isEqualTo(10_000);
    assertThat(CheckInLimits.fromEnvironment(Map.of("JOB_OUTPUT_LIMIT_BYTES", "100000")::get).outputBytes()).isEqualTo(100_000);
    assertThatThrownBy(() -> CheckInLimits.fromEnvironment(Map.of("JOB_OUTPUT_LIMIT_BYTES", "100001")::get))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("JOB_OUTPUT_LIMIT_BYTES");
  }

  @Test
  void checkInRate_countsWithinOneClockMinute_andStartsOverInTheNext() {
    Instant t = Instant.parse("2026-03-02T10:00:59.900Z");
    CheckInRate two = CheckInRate.NONE.plusOne(t).plusOne(t);

    assertThat(two.countAt(t)).isEqualTo(2);
    assertThat(two.countAt(Instant.parse("2026-03-02T10:01:00Z"))).isZero();
    assertThat(two.plusOne(Instant.parse("2026-03-02T10:01:00Z"))).isEqualTo(new CheckInRate(Instant.parse("2026-03-02T10:01:00Z"), 1));
  }

  @Test
  void secondsUntilNextMinute_isRoundedUp_andNeverZero() {
    assertThat(CheckInRate.secondsUntilNextMinute(Instant.parse("2026-03-02T10:00:00Z"))).isEqualTo(60);
    assertThat(CheckInRate.secondsUntilNextMinute(Instant.parse("2026-03-02T10:00:15Z"))).isEqualTo(45);
    assertThat(CheckInRate.secondsUntilNextMinute(Instant.parse("2026-03-02T10:00:59.999Z"))).isEqualTo(1);
  }
}
