package dev.cronmon.domain.alert;

import dev.cronmon.domain.auth.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signatures in Stripe's scheme: header {@code Cronmon-Signature: t=<unix seconds>,v1=<hex>} where the hex
 * is HMAC-SHA256, keyed with the channel's secret (its UTF-8 bytes), over {@code t + "." + body}. The timestamp
 * lets receivers refuse replays; {@code v1} names the scheme so it can change without breaking receivers.
 */
public final class WebhookSignature {
  public static final String HEADER = "Cronmon-Signature";
  public static final String SECRET_PREFIX = "whsec_";

  private WebhookSignature() {}

  public static String newSecret() {
    return SECRET_PREFIX + Secrets.randomHex(32);
  }

  public static String header(String secret, long unixSeconds, String body) {
    return "t=" + unixSeconds + ",v1=" + hmacHex(secret, unixSeconds + "." + body);
  }

  /** What a receiver does: the signature matches and its timestamp is within {@code toleranceSeconds} of now. */
  public static boolean verify(String secret, String header, String body, long nowUnixSeconds, long toleranceSeconds) {
    if (header == null) return false;
    Long t = null;
    String v1 = null;
    for (String part : header.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length != 2) continue;
      if (kv[0].equals("t")) {
        try {
          t = Long.parseLong(kv[1]);
        } catch (NumberFormatException e) {
          return false;
        }
      } else if (kv[0].equals("v1")) {
        v1 = kv[1];
      }
    }
    if (t == null || v1 == null || Math.abs(nowUnixSeconds - t) > toleranceSeconds) return false;
    byte[] expected = hmacHex(secret, t + "." + body).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII));
  }

  static String hmacHex(String secret, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
    }
  }
}
