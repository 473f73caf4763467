package dev.cronmon.domain.tenant;

import java.time.Instant;
import java.util.Set;

/** A bearer token of one organization. Only the SHA-256 of the secret is ever stored. */
public record ApiToken(String id, String organization, String sha256, Set<Scope> scopes, String name, Instant dateCreated) {

  public boolean allows(Scope needed) {
    return scopes.stream().anyMatch(s -> s.includes(needed));
  }
}
