package dev.cronmon.api.sentry;

/**
 * A request that does not follow the Sentry wire protocol. Handlers map {@link Kind} to a 4xx
 * status; the message is safe to return to the client as the {@code detail}.
 */
public final class SentryProtocolException extends RuntimeException {

  /** What the client got wrong, which decides the HTTP status. */
  public enum Kind {
    /** Malformed body, header or field: 400. */
    BAD_REQUEST,
    /** Body or check-in item over its limit: 413. */
    TOO_LARGE,
    /** A {@code Content-Encoding} we cannot decode: 415. */
    UNSUPPORTED_ENCODING
  }

  private final Kind kind;

  public SentryProtocolException(Kind kind, String message) {
    this(kind, message, null);
  }

  public SentryProtocolException(Kind kind, String message, Throwable cause) {
    // No stack trace: these are client mistakes, raised for hostile input at request rate, and
    // the message says everything a trace would.
    super(message, cause, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  static SentryProtocolException badRequest(String message) {
    return new SentryProtocolException(Kind.BAD_REQUEST, message);
  }

  static SentryProtocolException tooLarge(String message) {
    return new SentryProtocolException(Kind.TOO_LARGE, message);
  }
}
