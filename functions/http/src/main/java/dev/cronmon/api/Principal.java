package dev.cronmon.api;

import dev.cronmon.domain.tenant.Scope;
import java.util.Set;

/**
 * Who is calling: an organization and what the credential may do there. A DSN key may only send check-ins
 * ({@code projectId} set); a bearer token carries its scopes.
 */
public record Principal(String organization, Set<Scope> scopes, String projectId) {

  public boolean allows(Scope needed) {
    return scopes.stream().anyMatch(s -> s.includes(needed));
  }
}
