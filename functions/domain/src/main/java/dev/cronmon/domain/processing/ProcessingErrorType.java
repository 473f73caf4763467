package dev.cronmon.domain.processing;

import java.util.Optional;

/**
 * Why a check-in sent by an SDK or the cron endpoint was dropped: Sentry's processing error types, with Sentry's
 * integer codes (its {@code ProcessingErrorType}), which its API gives as {@code errors[].type}. cronmon never makes
 * {@link #MONITOR_DISABLED_NO_QUOTA}, {@link #MONITOR_OVER_QUOTA} or {@link #ORGANIZATION_KILLSWITCH_ENABLED} (it has
 * no quotas or kill switch); they are listed so that every code reads back.
 */
public enum ProcessingErrorType {
  CHECKIN_ENVIRONMENT_MISMATCH(0),
  CHECKIN_FINISHED(1),
  CHECKIN_GUID_PROJECT_MISMATCH(2),
  CHECKIN_INVALID_DURATION(3),
  CHECKIN_INVALID_GUID(4),
  CHECKIN_VALIDATION_FAILED(5),
  MONITOR_DISABLED(6),
  MONITOR_DISABLED_NO_QUOTA(7),
  MONITOR_INVALID_CONFIG(8),
  MONITOR_INVALID_ENVIRONMENT(9),
  MONITOR_LIMIT_EXCEEDED(10),
  MONITOR_NOT_FOUND(11),
  MONITOR_OVER_QUOTA(12),
  MONITOR_ENVIRONMENT_LIMIT_EXCEEDED(13),
  MONITOR_ENVIRONMENT_RATELIMITED(14),
  ORGANIZATION_KILLSWITCH_ENABLED(15),
  MONITOR_INVALID_OWNER(16);

  private final int code;

  ProcessingErrorType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<ProcessingErrorType> fromCode(int code) {
    for (ProcessingErrorType t : values()) if (t.code == code) return Optional.of(t);
    return Optional.empty();
  }
}
