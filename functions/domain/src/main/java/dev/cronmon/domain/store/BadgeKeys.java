package dev.cronmon.domain.store;

import dev.cronmon.domain.tenant.BadgeKey;
import java.util.Optional;

/**
 * The storage port of projects' badge keys (docs/semantics.md rule G3): each found by the secret alone with one
 * strongly consistent read, so that a rotated key stops showing badges at once. Every write is conditional; a refused
 * condition is a {@code false}.
 */
public interface BadgeKeys {

  /** The project a badge key belongs to (strongly consistent). */
  Optional<BadgeKey> badgeKey(String key);

  /** The project's current badge key. */
  Optional<BadgeKey> badgeKeyOfProject(String projectId);

  /** Gives the project its first badge key; false when it has one (or the key is taken). */
  boolean putBadgeKey(BadgeKey key);

  /** Replaces the project's badge key {@code previous} with {@code next} at once; false when it is no longer {@code previous}. */
  boolean replaceBadgeKey(BadgeKey previous, BadgeKey next);

  /** Deletes the project's badge key (the project is going away); false when it is already gone. */
  boolean deleteBadgeKey(BadgeKey key);
}
