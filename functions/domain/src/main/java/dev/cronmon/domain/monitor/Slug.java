package dev.cronmon.domain.monitor;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Monitor slugs: 1 to 50 of {@code a-z 0-9 _ -}, not all digits (as Sentry accepts them), and Sentry's normalisation of upserted slugs. */
public final class Slug {
  public static final int MAX_LENGTH = 50;
  private static final Pattern VALID = Pattern.compile("^(?![0-9]+$)[a-z0-9_-]{1,50}$");
  private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-z0-9_-]");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private Slug() {}

  public static boolean isValid(String slug) {
    return slug != null && VALID.matcher(slug).matches();
  }

  /** Error message for an invalid slug, empty when valid. */
  public static Optional<String> problem(String slug) {
    if (slug == null || slug.isEmpty()) return Optional.of("This field is required.");
    if (slug.length() > MAX_LENGTH) return Optional.of("Ensure this field has no more than 50 characters.");
    if (isValid(slug)) return Optional.empty();
    return Optional.of("Enter a valid slug consisting of lowercase letters, numbers, underscores or hyphens. It cannot be entirely numeric.");
  }

  /**
   * Sentry slugifies the `monitor_slug` of a check-in before looking it up (ASCII-fold, lowercase,
   * whitespace to hyphens, cut to 50, no trailing hyphen), so "Nightly Job" and "nightly-job" are one monitor.
   */
  public static String normalize(String raw) {
    if (raw == null) return "";
    String ascii = Normalizer.normalize(raw, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    String slug = SPACES.matcher(ascii.strip().toLowerCase(Locale.ROOT)).replaceAll("-");
    slug = NOT_ALLOWED.matcher(slug).replaceAll("");
    if (slug.length() > MAX_LENGTH) slug = slug.substring(0, MAX_LENGTH);
    while (slug.endsWith("-")) slug = slug.substring(0, slug.length() - 1);
    return slug;
  }
}
