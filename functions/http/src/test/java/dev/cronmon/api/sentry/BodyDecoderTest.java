package dev.cronmon.api.sentry;

import static dev.cronmon.api.sentry.Bytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronmon.api.sentry.SentryProtocolException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit tests, no I/O: {@link BodyDecoder}. */
class BodyDecoderTest {

  private static final byte[] BODY = utf8("{}\n{\"type\":\"check_in\"}\n{\"status\":\"ok\"}\n");

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "identity", " IDENTITY "})
  void decode_shouldReturnBodyUnchanged_whenNotEncoded(String encoding) {
    assertThat(BodyDecoder.decode(BODY, encoding, 1024)).isEqualTo(BODY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "GZIP", "x-gzip", "X-Gzip", " gzip "})
  void decode_shouldGunzip_whenGzipInAnySpelling(String encoding) {
    assertThat(BodyDecoder.decode(Bytes.gzip(BODY), encoding, 1024)).isEqualTo(BODY);
  }

  @Test
  void decode_shouldInflate_whenDeflateIsZlibWrapped() {
    assertThat(BodyDecoder.decode(Bytes.deflate(BODY, false), "deflate", 1024)).isEqualTo(BODY);
  }

  @Test
  void decode_shouldInflate_whenDeflateIsRaw() {
    assertThat(BodyDecoder.decode(Bytes.deflate(BODY, true), "Deflate", 1024)).isEqualTo(BODY);
  }

  @Test
  void decode_shouldUndoEveryCodingLastFirst_whenAListIsGiven() {
    byte[] twice = Bytes.deflate(Bytes.gzip(BODY), false);
    assertThat(BodyDecoder.decode(twice, "gzip, deflate", 1024)).isEqualTo(BODY);
    assertThat(BodyDecoder.decode(Bytes.gzip(BODY), "identity,gzip", 1024)).isEqualTo(BODY);
  }

  @Test
  void decode_shouldReturnEmpty_whenGzipOfNothing() {
    assertThat(BodyDecoder.decode(Bytes.gzip(new byte[0]), "gzip", 0)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"br", "zstd", "compress", "gzip;q=1", "gzip, br"})
  void decode_shouldRefuseWithUnsupportedEncoding_whenCodingIsUnknown(String encoding) {
    assertThatThrownBy(() -> BodyDecoder.decode(BODY, encoding, 1024))
        .isInstanceOfSatisfying(SentryProtocolException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED_ENCODING))
        .hasMessageContaining("Content-Encoding");
  }

  @Test
  void decode_shouldRefuseWithBadRequest_whenGzipIsCorrupt() {
    byte[] gz = Bytes.gzip(BODY);
    byte[] truncated = Arrays.copyOf(gz, gz.length / 2);
    assertBadRequest(truncated, "gzip");
    assertBadRequest(BODY, "gzip"); // not gzip at all
    assertBadRequest(new byte[0], "gzip");
  }

  @Test
  void decode_shouldRefuseWithBadRequest_whenGzipChecksumIsWrong() {
    byte[] gz = Bytes.gzip(BODY);
    gz[gz.length - 8] ^= 0x01; // CRC32 of the trailer
    assertBadRequest(gz, "gzip");
  }

  @Test
  void decode_shouldRefuseWithBadRequest_whenDeflateIsCorrupt() {
    byte[] zlib = Bytes.deflate(BODY, false);
    assertBadRequest(Arrays.copyOf(zlib, zlib.length / 2), "deflate");
    assertBadRequest(utf8("not deflate at all"), "deflate");
  }

  @Test
  void decode_shouldRefuseWithTooLarge_whenIdentityBodyIsOverTheLimit() {
    assertTooLarge(() -> BodyDecoder.decode(BODY, null, BODY.length - 1));
    assertThat(BodyDecoder.decode(BODY, null, BODY.length)).isEqualTo(BODY);
  }

  @Test
  void decode_shouldAcceptOutputOfExactlyTheLimit() {
    assertThat(BodyDecoder.decode(Bytes.gzip(BODY), "gzip", BODY.length)).isEqualTo(BODY);
    assertTooLarge(() -> BodyDecoder.decode(Bytes.gzip(BODY), "gzip", BODY.length - 1));
  }

  @Test
  @Timeout(5)
  void decode_shouldStopInflatingAtTheLimit_whenGivenAGzipBomb() throws IOException {
    // GIVEN 50 MB of zeros, gzipped to about 50 KB
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 50; i++) {
        gz.write(zeros);
      }
    }
    byte[] bomb = compressed.toByteArray();
    assertThat(bomb.length).isLessThan(200_000);

    // WHEN decoding with a 1 MiB limit THEN it is refused, quickly
    long start = System.nanoTime();
    assertTooLarge(() -> BodyDecoder.decode(bomb, "gzip", 1 << 20));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

    byte[] deflateBomb = Bytes.deflate(new byte[50 << 20], false);
    assertTooLarge(() -> BodyDecoder.decode(deflateBomb, "deflate", 1 << 20));
  }

  private static void assertBadRequest(byte[] raw, String encoding) {
    assertThatThrownBy(() -> BodyDecoder.decode(raw, encoding, 1 << 20))
        .isInstanceOfSatisfying(SentryProtocolException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST))
        .hasMessageContaining("not valid " + encoding);
  }

  private static void assertTooLarge(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(SentryProtocolException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE))
        .hasMessageContaining("larger than");
  }
}
