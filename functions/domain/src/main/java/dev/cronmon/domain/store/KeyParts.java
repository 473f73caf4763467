package dev.cronmon.domain.store;

import java.nio.charset.StandardCharsets;

/**
 * What a store accepts as a part of a key (slug, name, id): 1 to {@value #MAX_LENGTH} characters that encode as UTF-8.
 * Far above every domain limit and far below DynamoDB's key limits. Lookups with anything else find nothing instead of
 * failing (they come from untrusted requests); writes with anything else are programming errors.
 */
public final class KeyParts {
  public static final int MAX_LENGTH = 256;

  private KeyParts() {}

  public static boolean valid(String part) {
    if (part == null || part.isEmpty() || part.length() > MAX_LENGTH) return false;
    return StandardCharsets.UTF_8.newEncoder().canEncode(part);
  }

  public static void require(String part, String what) {
    if (!valid(part)) throw new IllegalArgumentException("invalid " + what + ": " + part);
  }
}
