package dev.cronmon.domain.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Listing cursors: a kind and a position, base64url-encoded. Opaque to clients; anything that is not a cursor of the
 * listing's kind is refused with IllegalArgumentException ("Invalid cursor", a 400 for the API).
 */
public final class Cursors {
  private static final int MAX_LENGTH = 1024;

  private Cursors() {}

  public static String encode(String kind, String position) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + position).getBytes(StandardCharsets.UTF_8));
  }

  /** The position in {@code cursor}, which must be of {@code kind}. */
  public static String decode(String cursor, String kind) {
    if (cursor.length() > MAX_LENGTH) throw invalid();
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (!decoded.startsWith(kind)) throw invalid();
    return decoded.substring(kind.length());
  }

  public static IllegalArgumentException invalid() {
    return new IllegalArgumentException("Invalid cursor");
  }
}
