package dev.cronmon.domain.store;

import dev.cronmon.domain.processing.ErrorCounter;
import dev.cronmon.domain.processing.ErrorList;
import dev.cronmon.domain.processing.ProcessingError;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Storage of processing errors (dev.cronmon.domain.processing): per list, a counter and a fixed ring of slots. The
 * rules (how many slots, how many writes a minute, how long they are kept) are {@code ProcessingErrors}'; the store
 * writes what it is given, each item expiring at the instant it is given (DynamoDB TTL).
 */
public interface ProcessingErrorStore {
  /** An error as stored: its number in its list (newer errors have higher numbers) and the error. */
  record StoredError(long seq, ProcessingError error) {}

  /** The list's counter, strongly consistent; empty when nothing was ever written to it (or it expired). */
  Optional<ErrorCounter> errorCounter(ErrorList list);

  /**
   * Creates ({@code counter.seq() == 1}) or replaces (stored seq = {@code counter.seq() - 1}) the list's counter;
   * false when another writer got there first.
   */
  boolean saveErrorCounter(ErrorList list, ErrorCounter counter, Instant expiresAt);

  /** Writes {@code error} as number {@code seq} into slot {@code slot} of the list, replacing what the slot held. */
  void putProcessingError(ErrorList list, int slot, long seq, ProcessingError error, Instant expiresAt);

  /** The errors in the list's slots, in no particular order (expired ones may still be there). */
  List<StoredError> processingErrors(ErrorList list);

  /** Deletes the error {@code id} from the list; false when the list does not hold it. */
  boolean deleteProcessingError(ErrorList list, UUID id);
}
