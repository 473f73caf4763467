package dev.cronmon.api.sentry;

import java.util.Locale;
import java.util.Optional;

/**
 * A Sentry DSN, {@code http[s]://<public_key>[:<secret>]@<host>[:<port>][/<path>]/<project_id>}.
 *
 * @param secretKey the legacy secret, or null; Sentry ignores it and so does cronmon
 * @param path the prefix before the project id, without surrounding slashes ("" if none)
 */
public record Dsn(String scheme, String publicKey, String secretKey, String host, int port,
    String path, String projectId) {

  /** Parses a DSN; empty when the string is not one. Never throws. */
  public static Optional<Dsn> parse(String dsn) {
    if (dsn == null) {
      return Optional.empty();
    }
    String s = dsn.trim();
    int schemeEnd = s.indexOf("://");
    if (schemeEnd < 0) {
      return Optional.empty();
    }
    String scheme = s.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    String rest = s.substring(schemeEnd + 3);
    // Like the Sentry SDKs and Relay: only http(s), and no query or fragment.
    if (!(scheme.equals("http") || scheme.equals("https"))
        || rest.indexOf('?') >= 0 || rest.indexOf('#') >= 0) {
      return Optional.empty();
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    int at = authority.lastIndexOf('@');
    if (at <= 0 || slash < 0) {
      return Optional.empty();
    }
    String userInfo = authority.substring(0, at);
    int colon = userInfo.indexOf(':');
    String publicKey = colon < 0 ? userInfo : userInfo.substring(0, colon);
    String secret = colon < 0 || colon == userInfo.length() - 1 ? null : userInfo.substring(colon + 1);

    String hostPort = authority.substring(at + 1);
    int portSep = hostPort.lastIndexOf(':');
    String host = hostPort;
    int port = -1;
    if (portSep > hostPort.lastIndexOf(']')) { // a colon inside [IPv6] is not a port separator
      host = hostPort.substring(0, portSep);
      port = port(hostPort.substring(portSep + 1));
      if (port < 0) {
        return Optional.empty();
      }
    }

    // Relay trims slashes around the path; the last segment is the project id, the rest a prefix.
    String path = trimSlashes(rest.substring(slash));
    int lastSlash = path.lastIndexOf('/');
    String projectId = path.substring(lastSlash + 1);
    String prefix = lastSlash < 0 ? "" : path.substring(0, lastSlash);
    // Project ids are numeric: the Python SDK refuses a DSN whose id does not parse as an int.
    if (publicKey.isBlank() || host.isEmpty() || !isDigits(projectId)) {
      return Optional.empty();
    }
    return Optional.of(new Dsn(scheme, publicKey, secret, host, port, prefix, projectId));
  }

  private static int port(String digits) {
    if (!isDigits(digits) || digits.length() > 5) {
      return -1;
    }
    int port = Integer.parseInt(digits);
    return port <= 65535 ? port : -1;
  }

  private static boolean isDigits(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static String trimSlashes(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) == '/') {
      from++;
    }
    while (to > from && s.charAt(to - 1) == '/') {
      to--;
    }
    return s.substring(from, to);
  }
}
