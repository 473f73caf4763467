package dev.cronmon.domain.service;

import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.store.AlertStore;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** Which alert rule applies to a monitor: its own, else its project's default (read only when it has none of its own). */
final class AlertRules {
  private AlertRules() {}

  static Optional<AlertRule> of(AlertStore store, String monitorId, Supplier<Optional<String>> projectId) {
    return of(store, monitorId, projectId, p -> store.alertRule(AlertRule.Owner.project(p)));
  }

  /** As above, the project's rule found by {@code projectRule} (a caller's cache of project rules). */
  static Optional<AlertRule> of(AlertStore store, String monitorId, Supplier<Optional<String>> projectId,
                                Function<String, Optional<AlertRule>> projectRule) {
    Optional<AlertRule> own = store.alertRule(AlertRule.Owner.monitor(monitorId));
    if (own.isPresent()) return own;
    return projectId.get().flatMap(projectRule);
  }
}
