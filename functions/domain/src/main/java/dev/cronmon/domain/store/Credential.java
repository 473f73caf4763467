package dev.cronmon.domain.store;

import java.util.Objects;

/**
 * The secret a check-in request presents, as the store finds it: an API token by the SHA-256 of its secret, a DSN key
 * by its public key, a ping key (healthchecks' {@code /ping/<key>/<slug>}) or a monitor's ping UUID
 * ({@code /ping/<uuid>}). Only a name for the lookup: whether it is valid is what the lookup answers.
 */
public record Credential(Kind kind, String id) {
  public enum Kind { TOKEN, DSN_KEY, PING_KEY, PING_ID }

  public Credential {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
  }

  public static Credential token(String sha256) {
    return new Credential(Kind.TOKEN, sha256);
  }

  public static Credential dsnKey(String publicKey) {
    return new Credential(Kind.DSN_KEY, publicKey);
  }

  public static Credential pingKey(String key) {
    return new Credential(Kind.PING_KEY, key);
  }

  public static Credential pingId(java.util.UUID pingId) {
    return new Credential(Kind.PING_ID, pingId.toString());
  }
}
