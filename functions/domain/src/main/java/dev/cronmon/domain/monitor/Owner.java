package dev.cronmon.domain.monitor;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who owns a monitor (docs/semantics.md rule O1): Sentry's actor forms {@code user:<id>} and {@code team:<id>}, kept as
 * given (cronmon has no users or teams to resolve them to), or an email address, which an email channel can mail.
 * Instances only come out of {@link #parse}, so they are always valid.
 */
public record Owner(Kind kind, String value) {
  public enum Kind {
    USER, TEAM, EMAIL;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The longest address SMTP can carry in a path (RFC 5321), and so the longest owner. */
  public static final int MAX_LENGTH = 254;
  private static final Pattern ACTOR = Pattern.compile("(user|team):([A-Za-z0-9][A-Za-z0-9_.-]{0,63})");
  // An address an SMTP server takes as given: a dot-atom local part, a dotted domain of DNS labels, nothing quoted.
  private static final Pattern EMAIL = Pattern.compile(
      "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
          + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

  public Owner {
    if (kind == null || value == null) throw new IllegalArgumentException("an owner has a kind and a value");
  }

  /** The owner {@code raw} names, or why it names none. */
  public static Parsed parse(String raw) {
    if (raw == null) return new Parsed(null, "This field may not be null.");
    if (raw.length() > MAX_LENGTH) return new Parsed(null, "Ensure this field has no more than " + MAX_LENGTH + " characters.");
    var actor = ACTOR.matcher(raw);
    if (actor.matches()) return new Parsed(new Owner(actor.group(1).equals("user") ? Kind.USER : Kind.TEAM, raw), null);
    if (EMAIL.matcher(raw).matches() && raw.indexOf('@') <= 64) return new Parsed(new Owner(Kind.EMAIL, raw), null);
    return new Parsed(null, "Expected \"user:<id>\", \"team:<id>\" or an email address.");
  }

  /** What {@link #parse} found: an owner, or the message of a field error. */
  public record Parsed(Owner owner, String problem) {
    public Optional<Owner> value() {
      return Optional.ofNullable(owner);
    }
  }

  /** The part after {@code user:}/{@code team:}, or the address. */
  public String id() {
    return kind == Kind.EMAIL ? value : value.substring(5);
  }

  /** The address to mail, when the owner is one. */
  public Optional<String> email() {
    return kind == Kind.EMAIL ? Optional.of(value) : Optional.empty();
  }

  /** Whether {@code filter} (an owner as given in {@code ?owner=}) names this owner; addresses compare without case. */
  public boolean matches(Owner filter) {
    return kind == filter.kind && (kind == Kind.EMAIL ? value.equalsIgnoreCase(filter.value) : value.equals(filter.value));
  }

  @Override
  public String toString() {
    return value;
  }
}
