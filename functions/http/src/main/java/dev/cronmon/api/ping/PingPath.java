package dev.cronmon.api.ping;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The path of a healthchecks ping, read as healthchecks' own URL patterns read it: {@code /ping/<uuid>[/<signal>]} or
 * {@code /ping/<ping-key>/<slug>[/<signal>]}, where a signal is {@code start}, {@code fail}, {@code log} or an exit
 * status. A path no pattern matches is {@link Invalid} with healthchecks' answer ({@code 404 not found}); one that matches
 * but cannot be served is {@code 400 invalid url format} (an exit status above 255, a slug with capitals).
 */
public sealed interface PingPath {

  /** What the ping says about the run. */
  enum Kind { SUCCESS, START, FAIL, LOG, EXIT_STATUS }

  /** A signal; {@code exitStatus} is set (0–255) for {@link Kind#EXIT_STATUS} only. */
  record Signal(Kind kind, Integer exitStatus) {
    public static final Signal SUCCESS = new Signal(Kind.SUCCESS, null);
  }

  /** {@code /ping/<uuid>…}: a monitor by its ping UUID. */
  record ByUuid(UUID pingId, Signal signal) implements PingPath {}

  /** {@code /ping/<ping-key>/<slug>…}: a monitor by its project's ping key and its slug. */
  record BySlug(String pingKey, String slug, Signal signal) implements PingPath {}

  /** Not a ping healthchecks would serve: the status and text it answers. */
  record Invalid(int status, String text) implements PingPath {}

  Invalid NOT_FOUND = new Invalid(404, "not found");
  Invalid INVALID_URL = new Invalid(400, "invalid url format");

  /** Django's {@code uuid} converter (any case here) and its {@code slug} converter. */
  Pattern UUID_SEGMENT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  Pattern SLUG_SEGMENT = Pattern.compile("[-a-zA-Z0-9_]+");
  Pattern DIGITS = Pattern.compile("[0-9]+");

  /**
   * The path after {@code /ping/}, URL-decoded: like healthchecks (Django resolves the decoded path), an encoded slash
   * separates segments too.
   */
  static PingPath parse(String path) {
    return parse(List.of(path.split("/", -1)));
  }

  private static PingPath parse(List<String> segments) {
    if (segments.isEmpty() || segments.size() > 3) return NOT_FOUND;
    String first = segments.get(0);
    boolean uuid = UUID_SEGMENT.matcher(first).matches();
    if (segments.size() == 1) return uuid ? new ByUuid(UUID.fromString(first), Signal.SUCCESS) : NOT_FOUND;
    if (segments.size() == 2 && uuid) {
      // healthchecks tries the UUID patterns first; a UUID followed by something else is a ping key and a slug.
      if (exitStatusOutOfRange(segments.get(1))) return INVALID_URL;
      Signal signal = signal(segments.get(1));
      if (signal != null) return new ByUuid(UUID.fromString(first), signal);
    }
    if (!SLUG_SEGMENT.matcher(first).matches() || !SLUG_SEGMENT.matcher(segments.get(1)).matches()) return NOT_FOUND;
    Signal signal = Signal.SUCCESS;
    if (segments.size() == 3) {
      if (exitStatusOutOfRange(segments.get(2))) return INVALID_URL;
      signal = signal(segments.get(2));
      if (signal == null) return NOT_FOUND;
    }
    String slug = segments.get(1);
    if (!slug.equals(slug.toLowerCase(Locale.ROOT))) return INVALID_URL;
    return new BySlug(first, slug, signal);
  }

  /** The signal a segment names: a known word or an exit status of 0–255; null for anything else. */
  private static Signal signal(String segment) {
    return switch (segment) {
      case "start" -> new Signal(Kind.START, null);
      case "fail" -> new Signal(Kind.FAIL, null);
      case "log" -> new Signal(Kind.LOG, null);
      default -> DIGITS.matcher(segment).matches() && !exitStatusOutOfRange(segment)
          ? new Signal(Kind.EXIT_STATUS, Integer.parseInt(segment)) : null;
    };
  }

  /** A number healthchecks' URL accepts as an exit status, but above 255: answered 400, not 404. */
  private static boolean exitStatusOutOfRange(String segment) {
    return DIGITS.matcher(segment).matches() && new BigInteger(segment).compareTo(BigInteger.valueOf(255)) > 0;
  }
}
