package dev.cronmon.domain.service;

import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.tenant.Project;
import java.util.Comparator;
import java.util.Optional;

/** How a request names a project, and which project is an organization's default: the one place of both rules. */
public final class Projects {
  private final CronStore store;

  public Projects(CronStore store) {
    this.store = store;
  }

  /** The project {@code idOrSlug} of the organization: ids are numeric and slugs never are, so either names one. */
  public Optional<Project> byIdOrSlug(String organization, String idOrSlug) {
    if (idOrSlug == null) return Optional.empty();
    return store.projects(organization).stream()
        .filter(p -> p.id().equals(idOrSlug) || p.slug().equals(idOrSlug))
        .findFirst();
  }

  /**
   * Where a monitor goes when its creator names no project (a token's check-in, an API create): the oldest project
   * (projects created in the same instant: the lowest id, so the answer never depends on the order of a listing).
   */
  public Optional<Project> defaultProject(String organization) {
    return store.projects(organization).stream().min(Comparator.comparing(Project::dateCreated).thenComparing(Project::id));
  }
}
