package dev.cronmon.domain.monitor;

import java.util.Optional;

/**
 * Human-readable names (monitors, projects, tokens, DSN keys, organizations): any printable Unicode, within a length.
 * Control, format (bidi overrides, zero-width), private-use, unassigned and unpaired surrogate characters are refused:
 * they spoof other names in lists and alerts, and an unpaired surrogate cannot even be stored as UTF-8.
 */
public final class DisplayName {
  public static final int MAX_LENGTH = 128;

  private DisplayName() {}

  /** Error message for a name that cannot be used, empty when it is fine. */
  public static Optional<String> problem(String name) {
    return problem(name, MAX_LENGTH);
  }

  public static Optional<String> problem(String name, int maxLength) {
    if (name == null || name.isBlank()) return Optional.of("This field is required.");
    if (name.length() > maxLength * 2 || name.codePointCount(0, name.length()) > maxLength) {
      return Optional.of("Ensure this field has no more than " + maxLength + " characters.");
    }
    if (hasUnprintable(name)) return Optional.of("Must not contain control, format or unassigned characters.");
    return Optional.empty();
  }

  /** Whether {@code text} holds a character no name may contain (see the class comment). */
  public static boolean hasUnprintable(String text) {
    return text.codePoints().anyMatch(DisplayName::unprintable);
  }

  private static boolean unprintable(int codePoint) {
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
           Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
      default -> false;
    };
  }
}
