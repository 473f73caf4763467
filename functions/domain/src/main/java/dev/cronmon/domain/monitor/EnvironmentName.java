package dev.cronmon.domain.monitor;

import java.util.Optional;

/** Environment names: `production` when none is given, at most 64 printable characters. */
public final class EnvironmentName {
  public static final String DEFAULT = "production";
  public static final int MAX_LENGTH = 64;

  private EnvironmentName() {}

  public static String orDefault(String raw) {
    return raw == null || raw.isEmpty() ? DEFAULT : raw;
  }

  /** Error message for a name that cannot be used, empty when it is fine. */
  public static Optional<String> problem(String name) {
    if (name.length() > MAX_LENGTH) return Optional.of("Environment name too long (max 64 characters).");
    if (name.isBlank()) return Optional.of("Environment name must not be blank.");
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      // '#' is refused because it separates key parts in storage and URLs; control characters are never meaningful.
      if (Character.isISOControl(c) || c == '#' || c == '/') return Optional.of("Environment name contains invalid characters.");
    }
    if (DisplayName.hasUnprintable(name)) return Optional.of("Environment name contains invalid characters.");
    return Optional.empty();
  }
}
