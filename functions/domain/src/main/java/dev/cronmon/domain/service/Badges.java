package dev.cronmon.domain.service;

import dev.cronmon.domain.auth.Secrets;
import dev.cronmon.domain.monitor.BadgeState;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.store.Retry;
import dev.cronmon.domain.tenant.BadgeKey;
import dev.cronmon.domain.tenant.Project;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Status badges (docs/semantics.md rules G1–G3): a project's badge key, and what a badge URL shows: the state of one
 * monitor of the key's project, or of all of them, and nothing of any other project.
 */
public final class Badges {
  /** What a badge shows: its label and state, and how many monitor environments it counts in each state. */
  public record Badge(String label, BadgeState state, int total, int late, int down) {
    static Badge of(String label, List<MonitorEnvironment> environments, Instant now) {
      BadgeState state = BadgeState.UP;
      int late = 0;
      int down = 0;
      for (MonitorEnvironment env : environments) {
        BadgeState s = BadgeState.of(env, now);
        if (s == BadgeState.LATE) late++;
        if (s == BadgeState.DOWN) down++;
        state = state.worst(s);
      }
      return new Badge(label, state, environments.size(), late, down);
    }
  }

  private final CronStore store;
  private final Clock clock;
  private final Projects projects;

  public Badges(CronStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.projects = new Projects(store);
  }

  /** Rule G3: the project's badge key, given to it now if it has none yet. */
  public BadgeKey keyOf(Project project) {
    return Retry.untilWritten("badge key of project " + project.id(), attempt -> {
      Optional<BadgeKey> existing = store.badgeKeyOfProject(project.id());
      if (existing.isPresent()) return existing;
      BadgeKey key = new BadgeKey(Secrets.newBadgeKey(), project.organization(), project.id(), clock.instant());
      return store.putBadgeKey(key) ? Optional.of(key) : Optional.empty();
    });
  }

  /** Rule G3: a new badge key; every badge URL with the old one stops working at once. */
  public BadgeKey rotate(Project project) {
    return Retry.untilWritten("badge key of project " + project.id(), attempt -> {
      BadgeKey next = new BadgeKey(Secrets.newBadgeKey(), project.organization(), project.id(), clock.instant());
      Optional<BadgeKey> existing = store.badgeKeyOfProject(project.id());
      boolean written = existing.isPresent() ? store.replaceBadgeKey(existing.get(), next) : store.putBadgeKey(next);
      return written ? Optional.of(next) : Optional.empty();
    });
  }

  /** Rule G2: the badge of every monitor of the key's project, labelled with the project's name; empty for an unknown key. */
  public Optional<Badge> ofProject(String key) {
    return store.badgeKey(key).flatMap(k -> projects.byIdOrSlug(k.organization(), k.projectId())).map(project -> {
      List<MonitorEnvironment> environments = new OrganizationMonitors(store).all(project.organization(), project.id(), true)
          .stream().flatMap(l -> l.environments().stream()).toList();
      return Badge.of(project.name(), environments, clock.instant());
    });
  }

  /** Rule G2: the badge of the monitor {@code slug} of the key's project, labelled with its name; empty for an unknown key or a monitor of another project. */
  public Optional<Badge> ofMonitor(String key, String slug) {
    return store.badgeKey(key)
        .flatMap(k -> store.monitor(k.organization(), slug).filter(m -> m.projectId().equals(k.projectId())))
        .map(m -> Badge.of(m.name(), store.environments(m.id()), clock.instant()));
  }
}
