package dev.cronmon.domain.checkin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a job printed, as cronmon keeps it: at most {@code limit} bytes of what it received (plus a marker). Over the
 * limit it keeps the first and the last half of the limit with a marker between, because the error that ended a run is
 * usually in its last lines and the command that began it in its first. The bytes are kept as received (binary output
 * included); {@link #text()} is the only way they are shown, escaped (docs/semantics.md rule C12).
 */
public final class JobOutput {
  /** The default number of bytes kept per check-in; a deployment may set up to {@link #MAX_LIMIT}. */
  public static final int DEFAULT_LIMIT = 10_000;
  public static final int MAX_LIMIT = 100_000;

  private final byte[] kept;
  private final long receivedBytes;
  private final boolean truncated;

  private JobOutput(byte[] kept, long receivedBytes, boolean truncated) {
    this.kept = kept;
    this.receivedBytes = receivedBytes;
    this.truncated = truncated;
  }

  /** The output as stored: {@code kept} bytes of the {@code receivedBytes} the job sent. */
  public static JobOutput stored(byte[] kept, long receivedBytes, boolean truncated) {
    return new JobOutput(kept.clone(), receivedBytes, truncated);
  }

  /** {@code received} cut to {@code limit} bytes (first and last half, a marker between); null when nothing came. */
  public static JobOutput of(byte[] received, int limit) {
    if (received == null || received.length == 0) return null;
    if (limit < 2) throw new IllegalArgumentException("limit must be at least 2 bytes");
    if (received.length <= limit) return new JobOutput(received.clone(), received.length, false);
    int head = limit / 2;
    int tail = limit - head;
    byte[] marker = marker(received.length - limit);
    ByteArrayOutputStream out = new ByteArrayOutputStream(limit + marker.length);
    out.write(received, 0, head);
    out.write(marker, 0, marker.length);
    out.write(received, received.length - tail, tail);
    return new JobOutput(out.toByteArray(), received.length, true);
  }

  /** The marker between the two kept halves: it says how much of the middle is gone. */
  static byte[] marker(long cut) {
    return ("\n[… " + cut + " bytes of output not kept …]\n").getBytes(StandardCharsets.UTF_8);
  }

  public byte[] kept() {
    return kept.clone();
  }

  /** How many bytes the job sent, before truncation. */
  public long receivedBytes() {
    return receivedBytes;
  }

  public boolean truncated() {
    return truncated;
  }

  /**
   * The output as text that is safe to show anywhere: valid UTF-8 is kept, every byte that is not (binary output, a
   * multi-byte character cut by truncation) and every control character but newline, tab and carriage return is written
   * as {@code \xNN}. It is still data: pages and messages escape it for their own markup.
   */
  public String text() {
    return escape(kept);
  }

  /** The last {@code lines} lines of {@link #text()}, at most {@code maxChars} characters (the end kept). */
  public String tail(int lines, int maxChars) {
    String[] all = text().replaceAll("[\\r\\n]+$", "").split("\n", -1);
    String tail = String.join("\n", Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
    return tail.length() <= maxChars ? tail : tail.substring(tail.length() - maxChars);
  }

  static String escape(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length);
    int i = 0;
    while (i < bytes.length) {
      int b = bytes[i] & 0xff;
      int length = b < 0x80 ? 1 : (b >> 5) == 0b110 ? 2 : (b >> 4) == 0b1110 ? 3 : (b >> 3) == 0b11110 ? 4 : 0;
      if (length == 1) {
        if ((b < 0x20 && b != '\n' && b != '\t' && b != '\r') || b == 0x7f) hex(out, b);
        else out.append((char) b);
        i++;
        continue;
      }
      if (length > 1 && i + length <= bytes.length) {
        byte[] sequence = Arrays.copyOfRange(bytes, i, i + length);
        String decoded = new String(sequence, StandardCharsets.UTF_8);
        // Java's decoder replaces overlong forms, surrogates and bad continuations; only a clean round trip is text.
        if (Arrays.equals(decoded.getBytes(StandardCharsets.UTF_8), sequence) && !isControl(decoded.codePointAt(0))) {
          out.append(decoded);
          i += length;
          continue;
        }
      }
      hex(out, b);
      i++;
    }
    return out.toString();
  }

  private static boolean isControl(int codePoint) {
    return codePoint >= 0x80 && codePoint < 0xa0;
  }

  private static void hex(StringBuilder out, int b) {
    out.append("\\x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JobOutput other && receivedBytes == other.receivedBytes && truncated == other.truncated
        && Arrays.equals(kept, other.kept);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(kept) * 31 + Long.hashCode(receivedBytes);
  }

  @Override
  public String toString() {
    return "JobOutput[" + kept.length + " of " + receivedBytes + " bytes" + (truncated ? ", truncated" : "") + "]";
  }
}
