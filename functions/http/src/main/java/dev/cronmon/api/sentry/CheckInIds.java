package dev.cronmon.api.sentry;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Check-in ids as clients write them. */
public final class CheckInIds {

  private static final Pattern SIMPLE = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern HYPHENATED =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private CheckInIds() {}

  /**
   * Reads a check-in id: 32 hex digits (what SDKs send) or the hyphenated form, in any case; also
   * {@code {...}} and {@code urn:uuid:...}, which Relay's UUID parser accepts. Null or blank means
   * "no id" (Sentry then updates the newest open run).
   *
   * @throws SentryProtocolException BAD_REQUEST when the string is not a UUID
   */
  public static Optional<UUID> normalize(String id) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    String s = id.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("urn:uuid:")) {
      s = s.substring(9);
    } else if (s.startsWith("{") && s.endsWith("}")) {
      s = s.substring(1, s.length() - 1);
    }
    // UUID.fromString alone would take "1-2-3-4-5"; the patterns keep only real UUIDs.
    if (HYPHENATED.matcher(s).matches()) {
      s = s.replace("-", "");
    } else if (!SIMPLE.matcher(s).matches()) {
      throw SentryProtocolException.badRequest("check_in_id must be a UUID");
    }
    return Optional.of(new UUID(
        Long.parseUnsignedLong(s.substring(0, 16), 16), Long.parseUnsignedLong(s.substring(16), 16)));
  }

  /** The all-zero id, which SDKs send to mean "no id" (treated like a missing one). */
  public static boolean isNil(UUID id) {
    return id.getMostSignificantBits() == 0 && id.getLeastSignificantBits() == 0;
  }
}
