package dev.cronmon.api.sentry;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Finds the DSN public key in the places Sentry SDKs and tools put it. Every method returns empty
 * for anything it does not recognise and never throws; which source wins is the handler's choice.
 */
public final class SentryAuth {

  private SentryAuth() {}

  /**
   * From {@code X-Sentry-Auth} (or {@code Authorization}, where some SDKs put it):
   * {@code Sentry sentry_key=abc, sentry_version=7, sentry_client=sentry.java/8.62.0}. The
   * {@code Sentry} prefix is optional and case-insensitive; pairs are comma-separated with any
   * spacing; other pairs ({@code sentry_secret}, {@code sentry_timestamp}, ...) are ignored.
   */
  public static Optional<String> publicKeyFromAuthHeader(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String pairs = header.trim();
    if (pairs.regionMatches(true, 0, "sentry ", 0, 7)) {
      pairs = pairs.substring(7);
    }
    for (String pair : pairs.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).trim().equals("sentry_key")) {
        return nonBlank(unquote(pair.substring(eq + 1).trim()));
      }
    }
    return Optional.empty();
  }

  /** From a raw query string such as {@code sentry_key=abc&sentry_version=7} (URL-encoded). */
  public static Optional<String> publicKeyFromQuery(String rawQuery) {
    if (rawQuery == null) {
      return Optional.empty();
    }
    String query = rawQuery.startsWith("?") ? rawQuery.substring(1) : rawQuery;
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && urlDecode(pair.substring(0, eq)).equals("sentry_key")) {
        return nonBlank(urlDecode(pair.substring(eq + 1)));
      }
    }
    return Optional.empty();
  }

  /**
   * From {@code Authorization: Basic base64("<key>:")}, which Sentry's cron endpoint accepts
   * ({@code curl -u <key>:}). The password part is ignored.
   */
  public static Optional<String> publicKeyFromBasicAuth(String authorizationHeader) {
    String credentials = afterScheme(authorizationHeader, "basic");
    if (credentials == null) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    return nonBlank(colon < 0 ? decoded : decoded.substring(0, colon));
  }

  /** From {@code Authorization: DSN <dsn>}, which Sentry's web API accepts in place of a token. */
  public static Optional<Dsn> dsnFromAuthorization(String authorizationHeader) {
    return Dsn.parse(afterScheme(authorizationHeader, "dsn"));
  }

  /** The credentials after an auth scheme such as {@code Basic}, or null for another scheme. */
  private static String afterScheme(String header, String scheme) {
    if (header == null) {
      return null;
    }
    String h = header.trim();
    int space = h.indexOf(' ');
    return space == scheme.length() && h.regionMatches(true, 0, scheme, 0, space)
        ? h.substring(space + 1).trim()
        : null;
  }

  private static String urlDecode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException badEscape) {
      return s;
    }
  }

  // Some hand-written clients quote values, as other HTTP auth schemes do.
  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }

  private static Optional<String> nonBlank(String s) {
    String t = s.trim();
    return t.isEmpty() ? Optional.empty() : Optional.of(t);
  }
}
