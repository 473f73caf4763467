package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SSRF guard at channel creation, over HTTP against a stack started the AWS way (no --allow-loopback-alerts):
 * each URL is refused with a field error and nothing is written.
 */
class ChannelSsrfTest extends LocalStackTestBase {

  @ParameterizedTest
  @CsvSource({
      "webhook, http://127.0.0.1:9000/hook, URL must use https.",
      "webhook, https://127.0.0.1/hook, 'URL must not point to a private, loopback or link-local address.'",
      "webhook, https://169.254.169.254/latest/meta-data/iam/, 'URL must not point to a private, loopback or link-local address.'",
      "webhook, https://[::ffff:169.254.169.254]/, 'URL must not point to a private, loopback or link-local address.'",
      "slack, https://10.0.0.7/services/x, 'URL must not point to a private, loopback or link-local address.'",
      "slack, https://192.168.1.10/services/x, 'URL must not point to a private, loopback or link-local address.'",
      "webhook, https://localhost/hook, 'URL must not point to a private, loopback or link-local address.'"})
  void create_refusesAUrlToAPrivateTarget(String type, String url, String message) {
    var before = tableItems();

    Response r = api("POST", orgPath("/channels/"), "{\"name\":\"x\",\"type\":\"" + type + "\",\"config\":{\"url\":\"" + url + "\"}}");

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("config.url").get(0).asText()).isEqualTo(message);
    assertThat(tableItems()).isEqualTo(before);
  }
}
