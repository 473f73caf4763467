package dev.cronmon.domain.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unit layer: the deployment's limits from its environment, and an organization's own. */
class LimitsTest {

  @Test
  void fromEnvironment_takesTheVariables_orTheDefaults() {
    Limits set = Limits.fromEnvironment(Map.of("MAX_MONITORS_PER_ORG", "250", "MAX_ENVIRONMENTS_PER_MONITOR", " 7 ")::get);
    Limits unset = Limits.fromEnvironment(name -> null);

    assertThat(set).isEqualTo(new Limits(250, 7));
    assertThat(unset).isEqualTo(Limits.DEFAULT);
  }

  @Test
  void fromEnvironment_refusesNonsense_atStartup() {
    assertThatThrownBy(() -> Limits.fromEnvironment(Map.of("MAX_MONITORS_PER_ORG", "0")::get))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("MAX_MONITORS_PER_ORG");
    assertThatThrownBy(() -> Limits.fromEnvironment(Map.of("MAX_ENVIRONMENTS_PER_MONITOR", "lots")::get))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("MAX_ENVIRONMENTS_PER_MONITOR");
  }

  @Test
  void forOrganization_overridesOnlyWhatTheOperatorSet() {
    Organization onlyMonitors = new Organization("acme", "Acme", Instant.EPOCH, 5000, null);

    assertThat(new Limits(1000, 100).forOrganization(onlyMonitors)).isEqualTo(new Limits(5000, 100));
    assertThat(new Limits(1000, 100).forOrganization(null)).isEqualTo(new Limits(1000, 100));
  }
}
