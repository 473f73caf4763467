package dev.cronmon.domain.tenant;

import dev.cronmon.domain.auth.Secrets;
import dev.cronmon.domain.monitor.DisplayName;
import dev.cronmon.domain.monitor.FieldErrors;
import dev.cronmon.domain.monitor.Slug;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.store.UpdateOutcome;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What an organization's admin does to its tenancy: projects (create, rename, delete), DSN keys (create, revoke) and
 * API tokens (create with scopes, revoke). Secrets are made here and shown once: a token is stored as its SHA-256.
 * Validation errors are values ({@link FieldErrors}); nothing is written when there are any.
 */
public final class OrganizationAdmin {
  public static final int MAX_LABEL_LENGTH = 64;
  private static final int MAX_ATTEMPTS = 5;

  private final CronStore store;
  private final Clock clock;

  public OrganizationAdmin(CronStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** A project, or why it could not be made or changed. */
  public record ProjectResult(Project project, FieldErrors errors) {}

  /** The project {@code idOrSlug} of the organization (ids are numeric, slugs never are). */
  public Optional<Project> project(String organization, String idOrSlug) {
    return store.projects(organization).stream()
        .filter(p -> p.id().equals(idOrSlug) || p.slug().equals(idOrSlug))
        .findFirst();
  }

  /** A new project; its slug defaults to the slugified name and must be unique in the organization. */
  public ProjectResult createProject(String organization, String name, String slug) {
    FieldErrors errors = new FieldErrors();
    DisplayName.problem(name).ifPresent(p -> errors.add("name", p));
    String finalSlug = slug != null ? slug : Slug.normalize(name);
    Slug.problem(finalSlug).ifPresent(p -> errors.add("slug", p));
    if (errors.isEmpty() && slugTaken(organization, finalSlug)) errors.add("slug", slugInUse(finalSlug));
    if (!errors.isEmpty()) return new ProjectResult(null, errors);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Project project = new Project(Secrets.newProjectId(), organization, finalSlug, name, clock.instant());
      if (store.putProject(project)) return new ProjectResult(project, errors);
      // Refused: either the random id collided (try another) or the slug was taken meanwhile.
      if (slugTaken(organization, finalSlug)) break;
    }
    return new ProjectResult(null, errors.add("slug", slugInUse(finalSlug)));
  }

  /** Renames a project (name and/or slug; null keeps it). Empty when the project disappeared meanwhile. */
  public Optional<ProjectResult> updateProject(Project project, String name, String slug) {
    FieldErrors errors = new FieldErrors();
    if (name != null) DisplayName.problem(name).ifPresent(p -> errors.add("name", p));
    if (slug != null) Slug.problem(slug).ifPresent(p -> errors.add("slug", p));
    if (!errors.isEmpty()) return Optional.of(new ProjectResult(null, errors));
    Project current = project;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Project updated = new Project(current.id(), current.organization(), slug != null ? slug : current.slug(),
          name != null ? name : current.name(), current.dateCreated());
      if (updated.equals(current)) return Optional.of(new ProjectResult(current, errors));
      UpdateOutcome outcome = store.updateProject(current, updated);
      if (outcome == UpdateOutcome.UPDATED) return Optional.of(new ProjectResult(updated, errors));
      if (outcome == UpdateOutcome.SLUG_TAKEN) return Optional.of(new ProjectResult(null, errors.add("slug", slugInUse(updated.slug()))));
      Optional<Project> reread = store.project(current.id());
      if (reread.isEmpty()) return Optional.empty();
      current = reread.get();
    }
    throw new IllegalStateException("project " + project.id() + " kept changing");
  }

  public enum Deletion { DELETED, HAS_MONITORS, GONE }

  /**
   * Deletes a project that has no monitors (they would be orphaned: delete or recreate them first). Its DSN keys are
   * deleted first, so that no check-in can reach a project that is going away; a retry finishes an interrupted one.
   */
  public Deletion deleteProject(Project project) {
    if (store.projectHasMonitors(project.organization(), project.id())) return Deletion.HAS_MONITORS;
    for (DsnKey key : store.dsnKeys(project.id())) store.deleteDsnKey(key);
    return store.deleteProject(project) ? Deletion.DELETED : Deletion.GONE;
  }

  /** A key, or why it could not be made. */
  public record KeyResult(DsnKey key, FieldErrors errors) {}

  public KeyResult createKey(Project project, String label) {
    FieldErrors errors = new FieldErrors();
    String finalLabel = label != null ? label : "Default";
    DisplayName.problem(finalLabel, MAX_LABEL_LENGTH).ifPresent(p -> errors.add("name", p));
    if (!errors.isEmpty()) return new KeyResult(null, errors);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      DsnKey key = new DsnKey(Secrets.newPublicKey(), project.id(), project.organization(), finalLabel, false, clock.instant());
      if (store.putDsnKey(key)) return new KeyResult(key, errors);
    }
    throw new IllegalStateException("could not find a free public key");
  }

  /** The project's key with this public key (a key of another project is not found). */
  public Optional<DsnKey> key(Project project, String publicKey) {
    return store.dsnKey(publicKey).filter(k -> k.projectId().equals(project.id()) && k.organization().equals(project.organization()));
  }

  /** Revokes a key: deleted, it stops authenticating check-ins (store reads are eventually consistent: within a second). */
  public boolean revokeKey(DsnKey key) {
    return store.deleteDsnKey(key);
  }

  /** A new token and its secret, shown this once; or why it could not be made. */
  public record TokenResult(ApiToken token, String secret, FieldErrors errors) {}

  public TokenResult createToken(String organization, String name, Set<Scope> scopes) {
    FieldErrors errors = new FieldErrors();
    DisplayName.problem(name, MAX_LABEL_LENGTH).ifPresent(p -> errors.add("name", p));
    if (scopes == null || scopes.isEmpty()) errors.add("scopes", "At least one scope is required.");
    if (!errors.isEmpty()) return new TokenResult(null, null, errors);
    String secret = Secrets.newToken();
    ApiToken token = new ApiToken(UUID.randomUUID().toString(), organization, Secrets.sha256Hex(secret), Set.copyOf(scopes), name, clock.instant());
    if (!store.putToken(token)) throw new IllegalStateException("a fresh token collided with a stored one");
    return new TokenResult(token, secret, errors);
  }

  public Optional<ApiToken> token(String organization, String tokenId) {
    return store.token(organization, tokenId);
  }

  public boolean revokeToken(ApiToken token) {
    return store.deleteToken(token);
  }

  private boolean slugTaken(String organization, String slug) {
    return store.projects(organization).stream().anyMatch(p -> p.slug().equals(slug));
  }

  private static String slugInUse(String slug) {
    return "The slug \"" + slug + "\" is already in use.";
  }
}
