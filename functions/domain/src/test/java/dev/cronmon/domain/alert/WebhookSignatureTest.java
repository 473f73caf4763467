package dev.cronmon.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Unit layer: Stripe-style signatures, against a vector computed independently (Python's hmac). */
class WebhookSignatureTest {

  @Test
  void header_matchesAnIndependentlyComputedHmac() {
    // GIVEN secret, timestamp and body
    // WHEN signed
    String header = WebhookSignature.header("whsec_test", 1767225600L, "{\"id\":\"x\"}");

    // THEN v1 is HMAC-SHA256(secret, t + "." + body) in hex
    assertThat(header).isEqualTo("t=1767225600,v1=f2a0e9cc79f6a8d5063bc6718561e872509983827740ea4ee5622da1c7e8d2b4");
  }

  @Test
  void verify_acceptsTheOriginal_andRefusesTamperingOrReplay() {
    String header = WebhookSignature.header("whsec_test", 1_000L, "{\"a\":1}");

    assertThat(WebhookSignature.verify("whsec_test", header, "{\"a\":1}", 1_100L, 300)).isTrue();
    assertThat(WebhookSignature.verify("whsec_test", header, "{\"a\":2}", 1_100L, 300)).as("body changed").isFalse();
    assertThat(WebhookSignature.verify("whsec_other", header, "{\"a\":1}", 1_100L, 300)).as("other secret").isFalse();
    assertThat(WebhookSignature.verify("whsec_test", header, "{\"a\":1}", 1_400L, 300)).as("too old").isFalse();
    assertThat(WebhookSignature.verify("whsec_test", "t=abc,v1=00", "{\"a\":1}", 1_100L, 300)).isFalse();
    assertThat(WebhookSignature.verify("whsec_test", null, "{\"a\":1}", 1_100L, 300)).isFalse();
  }

  @Test
  void newSecret_isPrefixedAndRandom() {
    assertThat(WebhookSignature.newSecret()).startsWith("whsec_").hasSize(6 + 64).isNotEqualTo(WebhookSignature.newSecret());
  }
}
