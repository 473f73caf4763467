package dev.cronmon.domain.tenant;

import dev.cronmon.domain.auth.Secrets;
import dev.cronmon.domain.store.CronStore;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;

/** Creates a first organization with a project, a DSN key and an admin token; the only time the token is seen in clear. */
public final class Bootstrap {
  private Bootstrap() {}

  /** What a new organization's admin needs, shown once. */
  public record Credentials(String organization, String projectId, String publicKey, String token) {}

  public static Credentials createOrganization(CronStore store, Clock clock, String organization, String name) {
    Instant now = clock.instant();
    if (!store.putOrganization(new Organization(organization, name, now))) {
      throw new IllegalStateException("organization \"" + organization + "\" already exists");
    }
    Project project;
    do {
      project = new Project(Secrets.newProjectId(), organization, "default", "Default", now);
    } while (!store.putProject(project));
    String publicKey = Secrets.newPublicKey();
    store.putDsnKey(new DsnKey(publicKey, project.id(), organization, "Default", false, now));
    String token = Secrets.newToken();
    store.putToken(new ApiToken(UUID.randomUUID().toString(), organization, Secrets.sha256Hex(token),
        EnumSet.allOf(Scope.class), "bootstrap admin token", now));
    return new Credentials(organization, project.id(), publicKey, token);
  }
}
