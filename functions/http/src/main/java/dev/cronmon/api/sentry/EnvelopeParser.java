package dev.cronmon.api.sentry;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a Sentry envelope into its header and items, following Relay's parser
 * ({@code relay-server/src/envelope}) so that whatever Sentry accepts, cronmon accepts:
 *
 * <pre>
 * {envelope header JSON}\n
 * {item header JSON, with "type" and optional "length"}\n
 * payload\n
 * ...
 * </pre>
 *
 * With {@code length} the payload is exactly that many bytes (newlines included) followed by
 * {@code \n} or the end of the body; without it the payload runs to the next {@code \n} or the end.
 *
 * <p>Where this differs from Relay it accepts more: spaces or {@code \r} after a header's JSON, and
 * blank lines after the last item. The one exception is a header spread over several lines, which
 * Relay's serde reader happens to take but its own format description forbids.
 */
public final class EnvelopeParser {

  /** The item type cronmon acts on; the only one whose size is limited here. */
  public static final String CHECK_IN = "check_in";

  private EnvelopeParser() {}

  /**
   * @param maxItemBytes the largest {@code check_in} payload accepted (Sentry: 100 KiB)
   * @throws SentryProtocolException BAD_REQUEST for a malformed envelope, TOO_LARGE for a
   *     {@code check_in} payload over {@code maxItemBytes}; never any other exception
   */
  public static Envelope parse(byte[] body, int maxItemBytes) {
    // Relay reads headers with serde_json's stream reader, which skips JSON whitespace before a
    // value: leading blank lines, and blank lines between items, are tolerated.
    int pos = body == null ? 0 : skipWhitespace(body, 0);
    if (body == null || pos == body.length) {
      throw SentryProtocolException.badRequest("envelope is empty");
    }
    int end = lineEnd(body, pos);
    JsonNode header = SentryJson.readObject(utf8(body, pos, end), "envelope header");

    List<EnvelopeItem> items = new ArrayList<>();
    pos = end + 1;
    while ((pos = skipWhitespace(body, pos)) < body.length) {
      String what = "item " + (items.size() + 1);
      end = lineEnd(body, pos);
      JsonNode itemHeader = SentryJson.readObject(utf8(body, pos, end), what + " header");
      String type = type(itemHeader, what);

      // The header of a last, empty item need not end with a newline.
      int payloadStart = Math.min(end + 1, body.length);
      int payloadEnd;
      long length = length(itemHeader, what);
      if (length >= 0) {
        if (length > body.length - payloadStart) {
          throw SentryProtocolException.badRequest(what + " declares length " + itemHeader.get("length")
              + " but only " + (body.length - payloadStart) + " bytes follow its header");
        }
        payloadEnd = payloadStart + (int) length;
        if (payloadEnd < body.length && body[payloadEnd] != '\n') {
          throw SentryProtocolException.badRequest(
              what + " payload of length " + length + " is not followed by a newline");
        }
      } else {
        payloadEnd = lineEnd(body, payloadStart);
      }
      int size = payloadEnd - payloadStart;
      if (CHECK_IN.equals(type) && size > maxItemBytes) {
        throw SentryProtocolException.tooLarge(
            what + " (check_in) is " + size + " bytes; the limit is " + maxItemBytes);
      }
      items.add(new EnvelopeItem(type, itemHeader, Arrays.copyOfRange(body, payloadStart, payloadEnd)));
      pos = payloadEnd + 1;
    }
    return new Envelope(header, items);
  }

  private static String type(JsonNode itemHeader, String what) {
    JsonNode type = itemHeader.get("type");
    if (type == null || type.isNull()) {
      throw SentryProtocolException.badRequest(what + " header has no \"type\"");
    }
    if (!type.isTextual() || type.textValue().isEmpty()) {
      throw SentryProtocolException.badRequest(what + " header \"type\" must be a non-empty string");
    }
    return type.textValue();
  }

  /** The declared length, or -1 when absent; {@code null} counts as absent, as in Relay. */
  private static long length(JsonNode itemHeader, String what) {
    JsonNode length = itemHeader.get("length");
    if (length == null || length.isNull()) {
      return -1;
    }
    if (!length.isIntegralNumber() || length.bigIntegerValue().signum() < 0) {
      throw SentryProtocolException.badRequest(what + " header \"length\" must be a non-negative"
          + " integer" + (length.isNumber() ? ", got " + length : ""));
    }
    // Anything beyond long range is beyond the end of any body we hold.
    return length.canConvertToLong() ? length.longValue() : Long.MAX_VALUE;
  }

  private static int skipWhitespace(byte[] body, int from) {
    int i = from;
    while (i < body.length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
      i++;
    }
    return i;
  }

  /** Index of the next {@code \n} at or after {@code from}, or the body's length. */
  private static int lineEnd(byte[] body, int from) {
    for (int i = from; i < body.length; i++) {
      if (body[i] == '\n') {
        return i;
      }
    }
    return body.length;
  }

  private static String utf8(byte[] body, int from, int to) {
    return new String(body, from, to - from, StandardCharsets.UTF_8);
  }
}
