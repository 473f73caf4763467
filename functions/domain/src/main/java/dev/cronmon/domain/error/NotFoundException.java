package dev.cronmon.domain.error;

/** What a request names does not exist (or is not the caller's to see): the HTTP layer answers 404. */
public final class NotFoundException extends RuntimeException {
  private final String what;

  /** {@code what}: the kind of thing, as the answer names it ("Monitor", "Project", "Channel"). */
  public NotFoundException(String what) {
    super(what + " not found", null, false, false);
    this.what = what;
  }

  public String what() {
    return what;
  }
}
