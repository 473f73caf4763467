package dev.cronmon.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit layer: the SSRF guard, with a resolver table instead of DNS. */
class UrlPolicyTest {
  private static final Map<String, String> DNS = Map.of(
      "hooks.slack.com", "34.226.31.100",
      "rebound.example", "169.254.169.254",
      "internal.example", "10.1.2.3",
      "mixed.example", "93.184.215.14");

  static final UrlPolicy.HostResolver TABLE = host -> {
    if (host.equals("mixed.example")) return List.of(InetAddress.getByName("93.184.215.14"), InetAddress.getByName("127.0.0.1"));
    String ip = DNS.get(host);
    if (ip == null) {
      // IP literals resolve to themselves, as with the JDK resolver; anything else is unknown.
      if (host.matches("\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) return List.of(InetAddress.getByName(host));
      throw new UnknownHostException(host);
    }
    return List.of(InetAddress.getByName(ip));
  };

  private final UrlPolicy strict = UrlPolicy.publicHttpsOnly(TABLE);
  private final UrlPolicy local = UrlPolicy.allowingPrivateTargets(TABLE);

  @Test
  void strict_acceptsHttpsToAPublicHost() {
    assertThat(strict.problem("https://hooks.slack.com/services/T0/B0/abc")).isEmpty();
    assertThat(strict.problem("https://93.184.215.14:8443/hook")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://169.254.169.254/latest/meta-data/", "https://127.0.0.1/", "https://localhost.localdomain.invalid/",
      "https://10.0.0.1/", "https://172.16.5.4/", "https://192.168.1.1/", "https://100.64.0.1/", "https://0.0.0.0/",
      "https://[::1]/", "https://[fe80::1]/", "https://[fd00::1]/", "https://[::ffff:127.0.0.1]/", "https://[::ffff:a9fe:a9fe]/",
      "https://[64:ff9b::a9fe:a9fe]/", "https://224.0.0.1/", "https://255.255.255.255/",
      "https://rebound.example/hook", "https://internal.example/hook", "https://mixed.example/hook"})
  void strict_refusesEveryNonPublicTarget(String url) {
    assertThat(strict.problem(url)).isPresent();
  }

  @Test
  void strict_refusesHttp_credentials_andNonsense() {
    assertThat(strict.problem("http://hooks.slack.com/x")).contains("URL must use https.");
    assertThat(strict.problem("https://user:pw@hooks.slack.com/x")).contains("URL must not contain credentials.");
    assertThat(strict.problem("ftp://hooks.slack.com/x")).contains("Enter a valid http(s) URL.");
    assertThat(strict.problem("not a url")).isPresent();
    assertThat(strict.problem("")).contains("This field is required.");
    assertThat(strict.problem("https://" + "a".repeat(3000) + ".com/")).isPresent();
  }

  @Test
  void strict_refusesMetadataAddress_withALinkLocalMessage() {
    assertThat(strict.problem("https://169.254.169.254/latest/meta-data/"))
        .contains("URL must not point to a private, loopback or link-local address.");
  }

  @Test
  void localFlag_allowsHttpAndLoopback_butNotOtherSchemes() {
    assertThat(local.problem("http://127.0.0.1:9000/hook")).isEmpty();
    assertThat(local.problem("http://localhost:9000/hook")).isEmpty();
    assertThat(local.problem("file:///etc/passwd")).isPresent();
  }

  @Test
  void isPublic_classifiesSpecialRanges() throws Exception {
    assertThat(UrlPolicy.isPublic(InetAddress.getByName("8.8.8.8"))).isTrue();
    assertThat(UrlPolicy.isPublic(InetAddress.getByName("2606:4700::1111"))).isTrue();
    assertThat(UrlPolicy.isPublic(InetAddress.getByName("198.18.0.1"))).isFalse();
    assertThat(UrlPolicy.isPublic(InetAddress.getByName("2001:db8::1"))).isFalse();
    assertThat(UrlPolicy.isPublic(InetAddress.getByName("::"))).isFalse();
  }
}
