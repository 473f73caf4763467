package dev.cronmon.domain.service;

import dev.cronmon.domain.monitor.DisplayName;
import dev.cronmon.domain.monitor.FieldErrors;
import dev.cronmon.domain.monitor.Slug;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.tenant.DsnKey;
import dev.cronmon.domain.tenant.Organization;
import dev.cronmon.domain.tenant.Project;
import dev.cronmon.domain.tenant.Scope;
import java.time.Clock;
import java.util.EnumSet;

/** Creates a first organization with a project, a DSN key and an admin token; the only time the token is seen in clear. */
public final class Bootstrap {
  private Bootstrap() {}

  /** What a new organization's admin needs, shown once. */
  public record Credentials(String organization, String projectId, String publicKey, String token) {}

  /** What is wrong with an organization's slug and name, before anything is written. */
  public static FieldErrors problems(String organization, String name) {
    FieldErrors errors = new FieldErrors();
    Slug.problem(organization).ifPresent(p -> errors.add("organization", p));
    DisplayName.problem(name).ifPresent(p -> errors.add("name", p));
    return errors;
  }

  public static Credentials createOrganization(CronStore store, Clock clock, String organization, String name) {
    return createOrganization(store, clock, new Organization(organization, name, clock.instant()));
  }

  /** As above, for an organization that may carry its own limits. */
  public static Credentials createOrganization(CronStore store, Clock clock, Organization organization) {
    if (!store.putOrganization(organization)) {
      throw new IllegalStateException("organization \"" + organization.slug() + "\" already exists");
    }
    OrganizationAdmin admin = new OrganizationAdmin(store, clock);
    Project project = admin.createProject(organization.slug(), "Default", "default");
    DsnKey key = admin.createKey(project, "Default");
    String token = admin.createToken(organization.slug(), "bootstrap admin token", EnumSet.allOf(Scope.class)).secret();
    return new Credentials(organization.slug(), project.id(), key.publicKey(), token);
  }
}
