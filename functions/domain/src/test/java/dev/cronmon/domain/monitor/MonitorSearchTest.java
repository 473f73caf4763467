package dev.cronmon.domain.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.schedule.CrontabSchedule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit layer: filtering and Sentry's status order of the monitor list. */
class MonitorSearchTest {
  private static final MonitorConfig CONFIG = new MonitorConfig(new CrontabSchedule("@hourly"), ZoneId.of("UTC"), 1, 30, 1, 1);
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  private static MonitorSearch.Listed listed(String slug, String name, String project, MonitorStatus status, boolean muted,
                                             MonitorEnvironment... environments) {
    Monitor m = new Monitor("id-" + slug, "acme", project, slug, name, status, muted, CONFIG, T0, null, 1);
    return new MonitorSearch.Listed(m, List.of(environments));
  }

  private static MonitorEnvironment env(String name, EnvironmentStatus status, boolean muted, int minutesAgo) {
    return MonitorEnvironment.fresh("m", name, T0).toBuilder().status(status).muted(muted)
        .lastCheckIn(status == EnvironmentStatus.NEW ? null : T0.minusSeconds(60L * minutesAgo)).build();
  }

  private static List<String> slugs(List<MonitorSearch.Listed> listed) {
    return listed.stream().map(l -> l.monitor().slug()).toList();
  }

  private final List<MonitorSearch.Listed> all = List.of(
      listed("disabled", "Zulu", "1", MonitorStatus.DISABLED, false, env("production", EnvironmentStatus.ERROR, false, 1)),
      listed("muted", "Yankee", "1", MonitorStatus.ACTIVE, true, env("production", EnvironmentStatus.ERROR, false, 1)),
      listed("healthy-old", "Alpha", "1", MonitorStatus.ACTIVE, false, env("production", EnvironmentStatus.OK, false, 50)),
      listed("healthy-new", "bravo", "2", MonitorStatus.ACTIVE, false, env("production", EnvironmentStatus.OK, false, 5)),
      listed("failing", "Charlie", "2", MonitorStatus.ACTIVE, false,
          env("production", EnvironmentStatus.OK, false, 3), env("staging", EnvironmentStatus.ERROR, false, 2)),
      listed("waiting", "Delta", "1", MonitorStatus.ACTIVE, false, env("production", EnvironmentStatus.NEW, false, 0)),
      listed("quiet", "Echo", "1", MonitorStatus.ACTIVE, false, env("production", EnvironmentStatus.ERROR, true, 1)));

  @Test
  void sortByStatus_failingFirst_thenOk_byLatestCheckIn_thenNew_mutedEnvironments_mutedMonitors_disabledLast() {
    List<MonitorSearch.Listed> sorted = MonitorSearch.select(all, new MonitorSearch.Criteria(null, null, null, MonitorSearch.Sort.STATUS, true));

    assertThat(slugs(sorted)).containsExactly("failing", "healthy-new", "healthy-old", "waiting", "quiet", "muted", "disabled");
  }

  @Test
  void sortByName_isCaseInsensitive_andAscZeroReverses() {
    List<MonitorSearch.Listed> descending = MonitorSearch.select(all, new MonitorSearch.Criteria(null, null, null, MonitorSearch.Sort.NAME, false));

    assertThat(slugs(descending)).containsExactly("disabled", "muted", "quiet", "waiting", "failing", "healthy-new", "healthy-old");
  }

  @Test
  void filters_byProject_query_andEnvironment_whichAlsoNarrowsTheEnvironmentsShown() {
    assertThat(slugs(MonitorSearch.select(all, new MonitorSearch.Criteria("2", null, null, null, true)))).containsExactly("failing", "healthy-new");
    assertThat(slugs(MonitorSearch.select(all, new MonitorSearch.Criteria(null, null, "HEALTHY", null, true)))).containsExactly("healthy-new", "healthy-old");
    assertThat(slugs(MonitorSearch.select(all, new MonitorSearch.Criteria(null, null, "id-quiet", null, true)))).containsExactly("quiet");
    List<MonitorSearch.Listed> staging = MonitorSearch.select(all, new MonitorSearch.Criteria(null, "staging", null, null, true));
    assertThat(slugs(staging)).containsExactly("failing");
    assertThat(staging.get(0).environments()).extracting(MonitorEnvironment::name).containsExactly("staging");
  }
}
