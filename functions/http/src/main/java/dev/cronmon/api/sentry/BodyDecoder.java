package dev.cronmon.api.sentry;

import dev.cronmon.api.sentry.SentryProtocolException.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/** Undoes the request's {@code Content-Encoding}, never producing more than a given size. */
public final class BodyDecoder {

  private static final int CHUNK = 8192;

  private BodyDecoder() {}

  /**
   * Decodes {@code raw} as {@code contentEncoding} says: none/{@code identity}, {@code gzip},
   * {@code x-gzip} or {@code deflate} (case-insensitive; a list such as {@code gzip, identity} is
   * undone last-applied first, as HTTP defines).
   *
   * @throws SentryProtocolException UNSUPPORTED_ENCODING for any other coding, BAD_REQUEST for a
   *     corrupt stream, TOO_LARGE as soon as the output passes {@code maxDecodedBytes}
   */
  public static byte[] decode(byte[] raw, String contentEncoding, int maxDecodedBytes) {
    if (maxDecodedBytes < 0) {
      throw new IllegalArgumentException("maxDecodedBytes must not be negative");
    }
    byte[] body = raw == null ? new byte[0] : raw;
    String[] codings = contentEncoding == null ? new String[0] : contentEncoding.split(",");
    for (int i = codings.length - 1; i >= 0; i--) {
      String coding = codings[i].trim().toLowerCase(Locale.ROOT);
      body = switch (coding) {
        case "", "identity" -> body;
        // x-gzip is the pre-RFC 2616 name; RFC 9110 says to treat it as gzip.
        case "gzip", "x-gzip" -> gunzip(body, maxDecodedBytes);
        case "deflate" -> inflate(body, maxDecodedBytes);
        // Relay passes unknown codings through as identity; we refuse them (415) so that a br or
        // zstd body is reported as such instead of as a malformed envelope.
        default -> throw new SentryProtocolException(
            Kind.UNSUPPORTED_ENCODING, "unsupported Content-Encoding: " + codings[i].trim());
      };
    }
    if (body.length > maxDecodedBytes) {
      throw tooLarge(maxDecodedBytes);
    }
    return body;
  }

  private static byte[] gunzip(byte[] raw, int max) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), CHUNK)) {
      return readAtMost(in, max);
    } catch (IOException e) {
      throw corrupt("gzip", e);
    }
  }

  private static byte[] inflate(byte[] raw, int max) {
    // HTTP's "deflate" means zlib-wrapped, but some clients send raw deflate; browsers and curl
    // accept both by sniffing the zlib header, and so do we.
    Inflater inflater = new Inflater(!hasZlibHeader(raw));
    try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(raw), inflater, CHUNK)) {
      byte[] out = readAtMost(in, max);
      if (inflater.needsDictionary()) {
        throw SentryProtocolException.badRequest("deflate body needs a preset dictionary");
      }
      return out;
    } catch (IOException e) {
      throw corrupt("deflate", e);
    } finally {
      inflater.end(); // InflaterInputStream only ends inflaters it created itself
    }
  }

  /** Reads in small chunks and stops at the limit, so a gzip bomb costs at most {@code max} bytes. */
  private static byte[] readAtMost(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, CHUNK));
    byte[] chunk = new byte[CHUNK];
    for (int n; (n = in.read(chunk)) != -1; ) {
      if ((long) out.size() + n > max) {
        throw tooLarge(max);
      }
      out.write(chunk, 0, n);
    }
    return out.toByteArray();
  }

  /** RFC 1950: method 8 (deflate), window ≤ 32 KiB, and the two header bytes a multiple of 31. */
  private static boolean hasZlibHeader(byte[] raw) {
    if (raw.length < 2) {
      return false;
    }
    int cmf = raw[0] & 0xFF;
    int flg = raw[1] & 0xFF;
    return (cmf & 0x0F) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
  }

  private static SentryProtocolException corrupt(String coding, IOException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new SentryProtocolException(
        Kind.BAD_REQUEST, "body is not valid " + coding + " data: " + reason, e);
  }

  private static SentryProtocolException tooLarge(int max) {
    return SentryProtocolException.tooLarge("decoded body is larger than " + max + " bytes");
  }
}
