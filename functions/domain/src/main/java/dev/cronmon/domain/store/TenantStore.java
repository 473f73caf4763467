package dev.cronmon.domain.store;

import dev.cronmon.domain.tenant.Organization;
import dev.cronmon.domain.tenant.Project;
import java.util.List;
import java.util.Optional;

/** Organizations and their projects. Project slugs are unique per organization. */
public interface TenantStore {
  Optional<Organization> organization(String slug);

  /** Creates the organization; false when the slug is taken (the stored one is untouched). */
  boolean putOrganization(Organization organization);

  /** Replaces the organization (name, limits); false when it does not exist. */
  boolean replaceOrganization(Organization organization);

  Optional<Project> project(String projectId);

  /** The organization's projects (read eventually consistently: projects are created rarely and never lost). */
  List<Project> projects(String organization);

  /** Creates the project; false, with nothing written, when its id or its slug is taken. */
  boolean putProject(Project project);

  /**
   * Renames a project ({@code updated} has the same id and organization): {@link UpdateOutcome#STALE} when the stored
   * project is no longer {@code previous}, {@link UpdateOutcome#SLUG_TAKEN} when another project has the new slug.
   */
  UpdateOutcome updateProject(Project previous, Project updated);

  /** Deletes the project and frees its slug; false when it is already gone. */
  boolean deleteProject(Project project);
}
