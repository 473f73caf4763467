package dev.cronmon.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Property layer, no I/O: no URL, however hostile, makes the policy throw, and none resolving to a non-public address passes. */
class UrlPolicyProperties {
  private final UrlPolicy strict = UrlPolicy.publicHttpsOnly(UrlPolicyTest.TABLE);

  @Property
  void urlProblem_neverThrows(@ForAll("urlLike") String url) {
    strict.problem(url);
    UrlPolicy.allowingPrivateTargets(UrlPolicyTest.TABLE).problem(url);
  }

  @Property
  void urlProblem_acceptsOnlyHostsWhoseEveryAddressIsPublic(@ForAll("addresses") byte[] address, @ForAll boolean https) throws Exception {
    // GIVEN a host resolving to an arbitrary IPv4 or IPv6 address
    InetAddress resolved = InetAddress.getByAddress(address);
    UrlPolicy policy = UrlPolicy.publicHttpsOnly(host -> List.of(resolved));

    // WHEN its URL is checked
    var problem = policy.problem((https ? "https" : "http") + "://receiver.example/hook");

    // THEN it passes exactly when it is https and the address is public
    assertThat(problem.isEmpty()).isEqualTo(https && UrlPolicy.isPublic(resolved));
    if (problem.isEmpty()) {
      assertThat(resolved.isLoopbackAddress() || resolved.isLinkLocalAddress() || resolved.isSiteLocalAddress()).isFalse();
    }
  }


  // --- generators -------------------------------------------------------------------------------------------

  @Provide
  Arbitrary<byte[]> addresses() {
    Arbitrary<byte[]> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4);
    Arbitrary<byte[]> v6 = Arbitraries.bytes().array(byte[].class).ofSize(16);
    Arbitrary<byte[]> special = Arbitraries.of(
        new byte[] {127, 0, 0, 1}, new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254}, new byte[] {10, 0, 0, 5},
        new byte[] {(byte) 172, 20, 1, 1}, new byte[] {(byte) 192, (byte) 168, 0, 1}, new byte[] {100, 100, 0, 1},
        new byte[] {0, 0, 0, 0}, new byte[] {8, 8, 8, 8});
    return Arbitraries.oneOf(v4, v6, special);
  }

  @Provide
  Arbitrary<String> urlLike() {
    Arbitrary<String> scheme = Arbitraries.of("https://", "http://", "ftp://", "", "https:", "//", "HTTPS://");
    Arbitrary<String> host = Arbitraries.oneOf(
        Arbitraries.of("hooks.slack.com", "127.0.0.1", "[::1]", "169.254.169.254", "rebound.example", "unknown.invalid",
            "[::ffff:10.0.0.1]", "", "a@b", "user:pw@hooks.slack.com", "[zz", "%00"),
        Arbitraries.strings().ofMaxLength(20));
    Arbitrary<String> rest = Arbitraries.oneOf(Arbitraries.of("", "/", "/hook?x=1", ":99999/", ":8080/x#f", "/%zz"),
        Arbitraries.strings().ofMaxLength(30));
    return Combinators.combine(scheme, host, rest).as((s, h, r) -> s + h + r);
  }
}
