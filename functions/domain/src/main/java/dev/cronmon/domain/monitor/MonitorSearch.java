package dev.cronmon.domain.monitor;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Filtering and sorting an organization's monitors for the list API, as Sentry does: by project, by environment, by
 * a text query (name or slug containing it, case-insensitive, or the exact id); sorted by status (failing first,
 * muted and disabled last, then the most recent check-in) or by name. Pure: the caller loads the monitors.
 */
public final class MonitorSearch {
  private MonitorSearch() {}

  public enum Sort { STATUS, NAME }

  /** A monitor with its environments, as listed. */
  public record Listed(Monitor monitor, List<MonitorEnvironment> environments) {}

  /**
   * Null fields do not filter; {@code sort} null keeps slug order. {@code owner}: only that owner's monitors;
   * {@code unassigned}: only monitors without an owner (Sentry's {@code owner=unassigned}).
   */
  public record Criteria(String projectId, String environment, String query, Sort sort, boolean ascending, Owner owner, boolean unassigned) {
    public Criteria(String projectId, String environment, String query, Sort sort, boolean ascending) {
      this(projectId, environment, query, sort, ascending, null, false);
    }
  }

  public static List<Listed> select(List<Listed> all, Criteria criteria) {
    String query = criteria.query() == null || criteria.query().isBlank() ? null : criteria.query().strip().toLowerCase(Locale.ROOT);
    Comparator<Listed> order = switch (criteria.sort() == null ? Sort.NAME : criteria.sort()) {
      case STATUS -> Comparator.comparingInt(MonitorSearch::statusRank)
          .thenComparing(MonitorSearch::lastCheckIn, Comparator.nullsLast(Comparator.reverseOrder()));
      case NAME -> Comparator.comparing(l -> l.monitor().name().toLowerCase(Locale.ROOT));
    };
    order = order.thenComparing(l -> l.monitor().slug());
    if (criteria.sort() == null) order = Comparator.comparing(l -> l.monitor().slug());
    if (!criteria.ascending()) order = order.reversed();
    return all.stream()
        .filter(l -> criteria.projectId() == null || l.monitor().projectId().equals(criteria.projectId()))
        .filter(l -> query == null || matches(l.monitor(), query))
        .filter(l -> criteria.owner() == null || l.monitor().owner() != null && l.monitor().owner().matches(criteria.owner()))
        .filter(l -> !criteria.unassigned() || l.monitor().owner() == null)
        .map(l -> criteria.environment() == null ? l
            : new Listed(l.monitor(), l.environments().stream().filter(e -> e.name().equals(criteria.environment())).toList()))
        .filter(l -> criteria.environment() == null || !l.environments().isEmpty())
        .sorted(order)
        .toList();
  }

  private static boolean matches(Monitor m, String query) {
    return m.name().toLowerCase(Locale.ROOT).contains(query) || m.slug().contains(query) || m.id().equalsIgnoreCase(query);
  }

  /**
   * Sentry's order: environments in error, then ok, then new (no check-in yet); muted environments after those;
   * then muted monitors, then disabled ones. A monitor ranks as its best-ranked environment.
   */
  static int statusRank(Listed l) {
    if (l.monitor().status() == MonitorStatus.DISABLED) return 6;
    if (l.monitor().muted()) return 5;
    return l.environments().stream().mapToInt(MonitorSearch::environmentRank).min().orElse(4);
  }

  private static int environmentRank(MonitorEnvironment e) {
    if (e.muted()) return 3;
    return switch (e.status()) {
      case ERROR -> 0;
      case OK -> 1;
      case NEW -> 2;
    };
  }

  private static Instant lastCheckIn(Listed l) {
    return l.environments().stream().map(MonitorEnvironment::lastCheckIn).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
  }
}
