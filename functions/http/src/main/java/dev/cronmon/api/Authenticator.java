package dev.cronmon.api;

import dev.cronmon.api.sentry.SentryAuth;
import dev.cronmon.domain.auth.Secrets;
import dev.cronmon.domain.store.CheckInRead;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.store.Credential;
import dev.cronmon.domain.tenant.ApiToken;
import dev.cronmon.domain.tenant.DsnKey;
import dev.cronmon.domain.tenant.Scope;
import java.util.Optional;
import java.util.Set;

/**
 * The one auth component of every route: bearer tokens (looked up by SHA-256) of the organization in the path.
 * A credential of another organization is answered exactly like a wrong one (401 vs 404 never tells which orgs exist).
 */
public final class Authenticator {
  private final CronStore store;

  public Authenticator(CronStore store) {
    this.store = store;
  }

  /** The principal for {@code organization} holding {@code needed}, or a 401/403 {@link ApiException}. */
  public Principal require(ApiRequest request, String organization, Scope needed) {
    return require(request, organization, needed, null);
  }

  private Principal require(ApiRequest request, String organization, Scope needed, CheckInRead readAhead) {
    String authorization = request.header("authorization").orElseThrow(
        () -> ApiException.detail(401, "Authentication credentials were not provided."));
    Principal principal = bearer(authorization, readAhead)
        .orElseThrow(() -> ApiException.detail(401, "Invalid token"));
    if (!principal.organization().equals(organization)) {
      // Same answer as a missing organization: a token never learns which other organizations exist.
      throw ApiException.detail(404, "Organization not found");
    }
    if (!principal.allows(needed)) {
      throw ApiException.detail(403, "This token lacks the " + needed.wire() + " scope");
    }
    return principal;
  }

  /**
   * For the org check-in routes: a token with {@code org:write}, or, as Sentry's legacy endpoints allowed,
   * {@code Authorization: DSN <dsn>} whose live key belongs to a project of {@code organization}.
   */
  public Principal requireCheckIn(ApiRequest request, String organization) {
    return requireCheckIn(request, organization, null);
  }

  /**
   * As above, taking the credential from {@code readAhead} when it holds this request's (the check-in's one read,
   * {@link dev.cronmon.domain.store.CronStore#checkInRead}); null: read it.
   */
  public Principal requireCheckIn(ApiRequest request, String organization, CheckInRead readAhead) {
    String authorization = request.header("authorization").orElse("");
    if (!authorization.regionMatches(true, 0, "DSN ", 0, 4)) return require(request, organization, Scope.WRITE, readAhead);
    DsnKey key = SentryAuth.dsnFromAuthorization(authorization)
        .flatMap(dsn -> dsnKey(dsn.publicKey(), readAhead).filter(k -> !k.revoked() && k.projectId().equals(dsn.projectId())))
        .orElseThrow(() -> ApiException.detail(401, "Invalid DSN"));
    if (!key.organization().equals(organization)) throw ApiException.detail(404, "Organization not found");
    return new Principal(organization, Set.of(Scope.WRITE), key.projectId());
  }

  /**
   * The credential a check-in request presents in its Authorization header (a bearer token, or {@code DSN <dsn>}), for
   * {@link CheckInIntake#readAhead}; null when it presents none that could be valid.
   */
  public static Credential checkInCredential(ApiRequest request) {
    String authorization = request.header("authorization").orElse("");
    if (authorization.regionMatches(true, 0, "DSN ", 0, 4)) {
      return SentryAuth.dsnFromAuthorization(authorization).map(dsn -> Credential.dsnKey(dsn.publicKey())).orElse(null);
    }
    return bearerToken(authorization).orElse(null);
  }

  private Optional<Principal> bearer(String authorization, CheckInRead readAhead) {
    return bearerToken(authorization)
        .flatMap(c -> readAhead != null && readAhead.holds(c) ? readAhead.token() : store.tokenByHash(c.id()))
        .map(Authenticator::principal);
  }

  /** The token a {@code Bearer} header names, by the SHA-256 of its secret. */
  private static Optional<Credential> bearerToken(String authorization) {
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
    String secret = authorization.substring(7).trim();
    if (secret.isEmpty() || secret.length() > 200) return Optional.empty();
    return Optional.of(Credential.token(Secrets.sha256Hex(secret)));
  }

  /** The DSN key {@code publicKey} as {@code readAhead} read it when it did, else as stored now. */
  Optional<DsnKey> dsnKey(String publicKey, CheckInRead readAhead) {
    Credential c = Credential.dsnKey(publicKey);
    return readAhead != null && readAhead.holds(c) ? readAhead.dsnKey() : store.dsnKey(publicKey);
  }

  private static Principal principal(ApiToken token) {
    return new Principal(token.organization(), token.scopes(), null);
  }
}
