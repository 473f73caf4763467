package dev.cronmon.domain.store;

/** What became of an update that may also move a unique slug. */
public enum UpdateOutcome {
  UPDATED,
  /** Another item of the organization already has the new slug; nothing was written. */
  SLUG_TAKEN,
  /** The stored item changed or disappeared since it was read; nothing was written, re-read and decide again. */
  STALE
}
