package dev.cronmon.domain.schedule;

import java.util.Objects;

/**
 * Either a valid {@link Schedule} or the user-facing error message for the schedule field.
 * Exactly one of the two is non-null.
 */
public record ScheduleResult(Schedule schedule, String error) {

    public ScheduleResult {
        if ((schedule == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of schedule and error must be set");
        }
    }

    public static ScheduleResult valid(Schedule schedule) {
        return new ScheduleResult(Objects.requireNonNull(schedule), null);
    }

    public static ScheduleResult invalid(String error) {
        return new ScheduleResult(null, Objects.requireNonNull(error));
    }

    public boolean isValid() {
        return schedule != null;
    }
}
