package dev.cronmon.domain.service;

import dev.cronmon.common.Log;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.processing.ErrorCounter;
import dev.cronmon.domain.processing.ErrorList;
import dev.cronmon.domain.processing.ProcessingError;
import dev.cronmon.domain.processing.Problem;
import dev.cronmon.domain.store.ConcurrentUpdateException;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.store.Page;
import dev.cronmon.domain.store.ProcessingErrorStore.StoredError;
import dev.cronmon.domain.store.Retry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Processing errors (docs/semantics.md rules E1–E4): a check-in an SDK or the cron endpoint sent and cronmon dropped is
 * kept, with why, in the list of its monitor or its project, so that the people who own the job can see it. A list
 * holds its {@value #PER_LIST} newest errors for {@link #RETENTION}: a ring of slots, each error written over the
 * oldest, numbered by the list's counter. A list takes at most {@value #PER_MINUTE} errors a clock minute, so a flood of
 * bad check-ins costs at most 2 × {@value #PER_MINUTE} writes a minute per list (counter and slot), whatever its size.
 */
public final class ProcessingErrors {
  public static final int PER_LIST = ErrorCounter.SLOTS;
  public static final int PER_MINUTE = PER_LIST;
  public static final Duration RETENTION = Duration.ofDays(7);
  /** A kept check-in payload is cut to this many characters: enough to read what was sent, small enough to write cheaply. */
  public static final int MAX_PAYLOAD_CHARS = 4096;

  private final CronStore store;
  private final Clock clock;

  public ProcessingErrors(CronStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Keeps a dropped check-in in {@code list} (rule E2); empty when the list already took its {@value #PER_MINUTE}
   * errors this minute, or lost every race for its counter to other writers (the error is then only logged).
   */
  public Optional<ProcessingError> record(ErrorList list, String projectId, String monitorSlug, String source, String payload,
                                          List<Problem> problems) {
    Instant now = clock.instant();
    ProcessingError error = new ProcessingError(UUID.randomUUID(), projectId, monitorSlug, now, source,
        payload == null ? null : payload.length() > MAX_PAYLOAD_CHARS ? payload.substring(0, MAX_PAYLOAD_CHARS) : payload, problems);
    Instant expires = now.plus(RETENTION);
    try {
      boolean kept = Retry.untilWritten("processing errors of " + list, attempt -> {
        ErrorCounter counter = store.errorCounter(list).orElse(ErrorCounter.NONE);
        if (!counter.allows(now, PER_MINUTE)) return Optional.of(false);
        ErrorCounter next = counter.next(now);
        if (!store.saveErrorCounter(list, next, expires)) return Optional.empty();
        store.putProcessingError(list, next.slot(), next.seq(), error, expires);
        return Optional.of(true);
      });
      if (!kept) Log.warn("processing error not kept: the list took its errors of this minute", "list", list.toString(),
          "monitor", monitorSlug, "type", problems.get(0).type().name());
      return kept ? Optional.of(error) : Optional.empty();
    } catch (ConcurrentUpdateException e) {
      Log.warn("processing error not kept: its list kept changing", "list", list.toString(), "monitor", monitorSlug);
      return Optional.empty();
    }
  }

  /** The list's errors kept less than {@link #RETENTION} ago, newest first (rule E3). */
  public List<ProcessingError> list(ErrorList list) {
    Instant oldest = clock.instant().minus(RETENTION);
    return store.processingErrors(list).stream()
        .filter(s -> s.error().received().isAfter(oldest))
        .sorted(Comparator.comparingLong(StoredError::seq).reversed())
        .map(StoredError::error)
        .toList();
  }

  /** Deletes one error of a monitor's list; false when that list does not hold it. */
  public boolean delete(ErrorList list, UUID id) {
    return store.deleteProcessingError(list, id);
  }

  /**
   * Deletes one error of a project: from the project's own list, else from the list of one of its monitors (the id
   * alone does not say which: each of the project's monitors is looked at, one Query each). False when none holds it.
   */
  public boolean deleteInProject(String organization, String projectId, UUID id) {
    if (store.deleteProcessingError(ErrorList.ofProject(projectId), id)) return true;
    String cursor = null;
    do {
      Page<Monitor> page = store.monitors(organization, cursor, 1000);
      for (Monitor m : page.items()) {
        if (m.projectId().equals(projectId) && store.deleteProcessingError(ErrorList.ofMonitor(m.id()), id)) return true;
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return false;
  }
}
