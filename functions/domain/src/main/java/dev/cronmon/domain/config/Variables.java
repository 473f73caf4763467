package dev.cronmon.domain.config;

import java.util.function.Function;

/** Deployment settings from a function's environment variables (template.yaml sets them; the local stack too). */
public final class Variables {
  private Variables() {}

  /**
   * The integer variable {@code name} in [{@code min}, {@code max}]; unset or blank means {@code absent}, anything else
   * fails at start, naming the variable.
   */
  public static int integer(Function<String, String> env, String name, int absent, int min, int max) {
    String raw = env.apply(name);
    if (raw == null || raw.isBlank()) return absent;
    try {
      int value = Integer.parseInt(raw.trim());
      if (value >= min && value <= max) return value;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalStateException("environment variable " + name + " must be an integer between " + min + " and " + max
        + ", got \"" + raw + "\"");
  }
}
