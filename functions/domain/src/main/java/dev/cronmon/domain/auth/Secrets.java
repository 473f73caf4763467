package dev.cronmon.domain.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Making credentials and hashing tokens: the only place that knows their formats. */
public final class Secrets {
  public static final String TOKEN_PREFIX = "cronmon_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** A new API token secret; shown once, only its hash is stored. */
  public static String newToken() {
    return TOKEN_PREFIX + randomHex(32);
  }

  /** A DSN public key in Sentry's format (32 lowercase hex characters). */
  public static String newPublicKey() {
    return randomHex(16);
  }

  /** A project's ping key in healthchecks' format: 16 random bytes, URL-safe base64 without padding (22 characters). */
  public static String newPingKey() {
    return urlSafe16();
  }

  /** A project's badge key: as unguessable as a ping key (22 URL-safe characters), and never one. */
  public static String newBadgeKey() {
    return urlSafe16();
  }

  private static String urlSafe16() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** A numeric project id: SDKs parse the DSN's project id as an integer. */
  public static String newProjectId() {
    return Integer.toString(1_000_000 + RANDOM.nextInt(9_000_000));
  }

  public static String sha256Hex(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  public static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
