package dev.cronmon.domain.service;

import dev.cronmon.domain.tenant.PingKey;
import dev.cronmon.domain.auth.Secrets;
import dev.cronmon.domain.error.ConflictException;
import dev.cronmon.domain.error.NotFoundException;
import dev.cronmon.domain.error.ValidationException;
import dev.cronmon.domain.monitor.DisplayName;
import dev.cronmon.domain.monitor.FieldErrors;
import dev.cronmon.domain.monitor.Slug;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.store.Retry;
import dev.cronmon.domain.store.UpdateOutcome;
import dev.cronmon.domain.tenant.ApiToken;
import dev.cronmon.domain.tenant.DsnKey;
import dev.cronmon.domain.tenant.Project;
import dev.cronmon.domain.tenant.Scope;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What an organization's admin does to its tenancy: projects (create, rename, delete), DSN keys (create, revoke) and
 * API tokens (create with scopes, revoke). Secrets are made here and shown once: a token is stored as its SHA-256.
 * Invalid input is a {@link ValidationException} (field errors), thrown before anything is written; what is not
 * there a {@link NotFoundException}.
 */
public final class OrganizationAdmin {
  public static final int MAX_LABEL_LENGTH = 64;

  private final CronStore store;
  private final Clock clock;
  private final Projects projects;

  public OrganizationAdmin(CronStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.projects = new Projects(store);
  }

  /** The project {@code idOrSlug} of the organization. */
  public Project project(String organization, String idOrSlug) {
    return projects.byIdOrSlug(organization, idOrSlug).orElseThrow(() -> new NotFoundException("Project"));
  }

  /** A new project; its slug defaults to the slugified name and must be unique in the organization. */
  public Project createProject(String organization, String name, String slug) {
    FieldErrors errors = new FieldErrors();
    DisplayName.problem(name).ifPresent(p -> errors.add("name", p));
    String finalSlug = slug != null ? slug : Slug.normalize(name);
    Slug.problem(finalSlug).ifPresent(p -> errors.add("slug", p));
    if (errors.isEmpty() && slugTaken(organization, finalSlug)) errors.add("slug", slugInUse(finalSlug));
    if (!errors.isEmpty()) throw new ValidationException(errors.asMap());
    return Retry.untilWritten("The project", attempt -> {
      Project project = new Project(Secrets.newProjectId(), organization, finalSlug, name, clock.instant());
      if (store.putProject(project)) {
        rotatePingKey(project); // each project has a ping key (docs/semantics.md rule P2)
        return Optional.of(project);
      }
      // Refused: either the random id collided (try another) or the slug was taken meanwhile.
      if (slugTaken(organization, finalSlug)) throw ValidationException.of("slug", slugInUse(finalSlug));
      return Optional.empty();
    });
  }

  /** Renames a project (name and/or slug; null keeps it). */
  public Project updateProject(Project project, String name, String slug) {
    FieldErrors errors = new FieldErrors();
    if (name != null) DisplayName.problem(name).ifPresent(p -> errors.add("name", p));
    if (slug != null) Slug.problem(slug).ifPresent(p -> errors.add("slug", p));
    if (!errors.isEmpty()) throw new ValidationException(errors.asMap());
    return Retry.untilWritten("The project", attempt -> {
      Project current = attempt == 0 ? project : store.project(project.id()).orElseThrow(() -> new NotFoundException("Project"));
      Project updated = new Project(current.id(), current.organization(), slug != null ? slug : current.slug(),
          name != null ? name : current.name(), current.dateCreated());
      if (updated.equals(current)) return Optional.of(current);
      UpdateOutcome outcome = store.updateProject(current, updated);
      if (outcome == UpdateOutcome.SLUG_TAKEN) throw ValidationException.of("slug", slugInUse(updated.slug()));
      return outcome == UpdateOutcome.UPDATED ? Optional.of(updated) : Optional.empty();
    });
  }

  /**
   * Deletes a project that has no monitors (they would be orphaned: delete or recreate them first). Its DSN keys and
   * ping key (and its badge key) are deleted first, so that no check-in can reach a project that is going away; a retry finishes an
   * interrupted one.
   */
  public void deleteProject(Project project) {
    if (store.projectHasMonitors(project.organization(), project.id())) {
      throw new ConflictException("The project still has monitors; delete them first.");
    }
    for (DsnKey key : store.dsnKeys(project.id())) store.deleteDsnKey(key);
    store.pingKeyOfProject(project.id()).ifPresent(store::deletePingKey);
    store.badgeKeyOfProject(project.id()).ifPresent(store::deleteBadgeKey);
    if (!store.deleteProject(project)) throw new NotFoundException("Project");
  }

  public DsnKey createKey(Project project, String label) {
    String finalLabel = label != null ? label : "Default";
    DisplayName.problem(finalLabel, MAX_LABEL_LENGTH).ifPresent(p -> {
      throw ValidationException.of("name", p);
    });
    return Retry.untilWritten("The key", attempt -> {
      DsnKey key = new DsnKey(Secrets.newPublicKey(), project.id(), project.organization(), finalLabel, false, clock.instant());
      return store.putDsnKey(key) ? Optional.of(key) : Optional.empty();
    });
  }

  /** The project's key with this public key (a key of another project is not found). */
  public DsnKey key(Project project, String publicKey) {
    return store.dsnKey(publicKey).filter(k -> k.projectId().equals(project.id()) && k.organization().equals(project.organization()))
        .orElseThrow(() -> new NotFoundException("Key"));
  }

  /** Revokes a key: deleted, it stops authenticating check-ins (store reads are eventually consistent: within a second). */
  public void revokeKey(DsnKey key) {
    if (!store.deleteDsnKey(key)) throw new NotFoundException("Key");
  }

  /** The project's ping key, if it has one (projects made before pings existed get theirs when rotated). */
  public Optional<PingKey> pingKey(Project project) {
    return store.pingKeyOfProject(project.id());
  }

  /** Rule P3: a new ping key for the project (its first, or in place of the old one, which stops working at once). */
  public PingKey rotatePingKey(Project project) {
    return Retry.untilWritten("The ping key", attempt -> {
      PingKey next = new PingKey(Secrets.newPingKey(), project.organization(), project.id(), clock.instant());
      Optional<PingKey> existing = store.pingKeyOfProject(project.id());
      boolean written = existing.isPresent() ? store.replacePingKey(existing.get(), next) : store.putPingKey(next);
      return written ? Optional.of(next) : Optional.empty();
    });
  }

  /** Revokes the project's ping key {@code key}: its slug URLs stop working at once. */
  public void revokePingKey(Project project, String key) {
    PingKey current = store.pingKeyOfProject(project.id()).filter(k -> k.key().equals(key))
        .orElseThrow(() -> new NotFoundException("Ping key"));
    if (!store.deletePingKey(current)) throw new NotFoundException("Ping key");
  }

  /** A new token and its secret, shown this once. */
  public record NewToken(ApiToken token, String secret) {}

  public NewToken createToken(String organization, String name, Set<Scope> scopes) {
    FieldErrors errors = new FieldErrors();
    DisplayName.problem(name, MAX_LABEL_LENGTH).ifPresent(p -> errors.add("name", p));
    if (scopes == null || scopes.isEmpty()) errors.add("scopes", "At least one scope is required.");
    if (!errors.isEmpty()) throw new ValidationException(errors.asMap());
    String secret = Secrets.newToken();
    ApiToken token = new ApiToken(UUID.randomUUID().toString(), organization, Secrets.sha256Hex(secret), Set.copyOf(scopes), name, clock.instant());
    if (!store.putToken(token)) throw new IllegalStateException("a fresh token collided with a stored one");
    return new NewToken(token, secret);
  }

  public ApiToken token(String organization, String tokenId) {
    return store.token(organization, tokenId).orElseThrow(() -> new NotFoundException("Token"));
  }

  public void revokeToken(ApiToken token) {
    if (!store.deleteToken(token)) throw new NotFoundException("Token");
  }

  private boolean slugTaken(String organization, String slug) {
    return store.projects(organization).stream().anyMatch(p -> p.slug().equals(slug));
  }

  private static String slugInUse(String slug) {
    return "The slug \"" + slug + "\" is already in use.";
  }
}
