package dev.cronmon.domain.incident;

import dev.cronmon.domain.checkin.CheckInStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Human text for a set of failures, as Sentry words it. */
public final class Reasons {
  private Reasons() {}

  public static String describe(List<Failure> failures) {
    if (failures.isEmpty()) return "No failing check-ins";
    if (failures.size() == 1) {
      return switch (failures.get(0).status()) {
        case MISSED -> "A missed check-in was detected";
        case TIMEOUT -> "A timeout check-in was detected";
        default -> "An error check-in was detected";
      };
    }
    Map<CheckInStatus, Integer> counts = new EnumMap<>(CheckInStatus.class);
    failures.forEach(f -> counts.merge(f.status(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    counts.forEach((status, n) -> parts.add(n + " " + status.wire()));
    String joined = parts.size() == 1 ? parts.get(0) : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    return joined + " check-ins detected";
  }
}
