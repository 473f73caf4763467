package dev.cronmon.domain.store;

import dev.cronmon.domain.tenant.ApiToken;
import dev.cronmon.domain.tenant.DsnKey;
import java.util.List;
import java.util.Optional;

/**
 * DSN keys (check-ins of a project) and API tokens (an organization's API). Lookups are strongly consistent: a deleted
 * key or token stops authenticating from the next request on.
 */
public interface CredentialStore {
  Optional<DsnKey> dsnKey(String publicKey);

  /** Creates the key; false when the public key exists. */
  boolean putDsnKey(DsnKey key);

  /** The project's keys, oldest first. */
  List<DsnKey> dsnKeys(String projectId);

  /** Deletes the key; false when it is already gone. */
  boolean deleteDsnKey(DsnKey key);

  Optional<ApiToken> tokenByHash(String sha256);

  /** Creates the token; false when its hash or id exists. */
  boolean putToken(ApiToken token);

  /** The organization's tokens (hashes, never secrets), oldest first. */
  List<ApiToken> tokens(String organization);

  Optional<ApiToken> token(String organization, String tokenId);

  /** Deletes the token; false when it is already gone. */
  boolean deleteToken(ApiToken token);
}
