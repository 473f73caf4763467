package dev.cronmon.domain.tenant;

import java.util.Optional;

/** Token scopes, each including the ones below it: admin ⊃ write ⊃ read. */
public enum Scope {
  READ("org:read"),
  WRITE("org:write"),
  ADMIN("org:admin");

  private final String wire;

  Scope(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public boolean includes(Scope other) {
    return ordinal() >= other.ordinal();
  }

  public static Optional<Scope> fromWire(String name) {
    for (Scope s : values()) if (s.wire.equals(name)) return Optional.of(s);
    return Optional.empty();
  }
}
