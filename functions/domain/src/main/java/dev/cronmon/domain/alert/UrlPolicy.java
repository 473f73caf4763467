package dev.cronmon.domain.alert;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs cronmon may send to (SSRF guard): https only, and a host whose every address is public — never
 * loopback, link-local (169.254.0.0/16, the instance metadata address), private, shared (CGNAT), multicast or
 * reserved. Checked when a channel is saved and again before each send, since DNS may change in between
 * (rebinding). The local stack may allow http and private addresses when started with an explicit flag.
 */
public final class UrlPolicy {
  public static final int MAX_URL_LENGTH = 2048;

  /** Resolves a host name to its addresses; the JDK's resolver in production, a table in tests. */
  @FunctionalInterface
  public interface HostResolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  public static final HostResolver SYSTEM_RESOLVER = host -> List.of(InetAddress.getAllByName(host));

  private final boolean allowPrivate;
  private final HostResolver resolver;

  private UrlPolicy(boolean allowPrivate, HostResolver resolver) {
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
  }

  /** The AWS policy: https to public addresses only. */
  public static UrlPolicy publicHttpsOnly(HostResolver resolver) {
    return new UrlPolicy(false, resolver);
  }

  /** The local stack's opt-in: http and loopback/private addresses allowed too. */
  public static UrlPolicy allowingPrivateTargets(HostResolver resolver) {
    return new UrlPolicy(true, resolver);
  }

  public boolean allowsPrivateTargets() {
    return allowPrivate;
  }

  /** Why {@code url} may not be used, or empty when it may. Never throws, whatever the input. */
  public Optional<String> problem(String url) {
    if (url == null || url.isBlank()) return Optional.of("This field is required.");
    if (url.length() > MAX_URL_LENGTH) return Optional.of("URL too long (max " + MAX_URL_LENGTH + " characters).");
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("Enter a valid URL.");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http"))) return Optional.of("Enter a valid http(s) URL.");
    if (scheme.equals("http") && !allowPrivate) return Optional.of("URL must use https.");
    String host = uri.getHost();
    if (host == null || host.isEmpty()) return Optional.of("Enter a valid URL with a host name.");
    if (uri.getRawUserInfo() != null) return Optional.of("URL must not contain credentials.");
    if (allowPrivate) return Optional.empty();
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    } catch (UnknownHostException | RuntimeException e) {
      return Optional.of("Host \"" + host + "\" could not be resolved.");
    }
    if (addresses.isEmpty()) return Optional.of("Host \"" + host + "\" could not be resolved.");
    for (InetAddress address : addresses) {
      if (!isPublic(address)) return Optional.of("URL must not point to a private, loopback or link-local address.");
    }
    return Optional.empty();
  }

  /** Whether {@code address} is on the public internet (not in any special-purpose range of RFC 6890 and friends). */
  public static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
        || address.isSiteLocalAddress() || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) return isPublicV4(b);
    if (address instanceof Inet6Address) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) return false; // fc00::/7 unique local
      if (first == 0xfe && (b[1] & 0xc0) == 0xc0) return false; // fec0::/10 site-local (deprecated)
      if (first == 0x20 && b[1] == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) return false; // 2001:db8::/32
      if (allZero(b, 0, 10) && (((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) || allZero(b, 10, 12))) {
        // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d, also :: and ::1) carry an IPv4 address.
        return !allZero(b, 12, 16) && isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
      }
      if (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
        return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]}); // 64:ff9b::/96 NAT64
      }
      return true;
    }
    return false;
  }

  private static boolean isPublicV4(byte[] b) {
    int a = b[0] & 0xff;
    int c = b[1] & 0xff;
    if (a == 0 || a == 10 || a == 127) return false; // "this network", private, loopback
    if (a == 100 && c >= 64 && c <= 127) return false; // 100.64.0.0/10 shared address space (CGNAT)
    if (a == 169 && c == 254) return false; // link-local, instance metadata
    if (a == 172 && c >= 16 && c <= 31) return false;
    if (a == 192 && c == 168) return false;
    if (a == 192 && c == 0 && ((b[2] & 0xff) == 0 || (b[2] & 0xff) == 2)) return false; // IETF assignments, TEST-NET-1
    if (a == 198 && (c == 18 || c == 19)) return false; // benchmarking
    if (a == 198 && c == 51 && (b[2] & 0xff) == 100) return false; // TEST-NET-2
    if (a == 203 && c == 0 && (b[2] & 0xff) == 113) return false; // TEST-NET-3
    return a < 224; // multicast, reserved and broadcast above
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) if (b[i] != 0) return false;
    return true;
  }
}
