package dev.cronmon.domain.store;

import dev.cronmon.domain.checkin.JobOutput;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The storage port of job output (docs/semantics.md rule C12): one item beside each check-in that has output, kept out
 * of the check-in item so that history pages stay small, and expiring with it.
 */
public interface JobOutputs {

  /**
   * Stores {@code output} as the output of check-in {@code checkInId} (created at {@code checkInCreated}, which sets the
   * same expiry as the check-in's), unless output received later is stored already; false then.
   */
  boolean saveOutput(UUID checkInId, Instant checkInCreated, Instant received, JobOutput output);

  Optional<JobOutput> output(UUID checkInId);
}
