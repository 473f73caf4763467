package dev.cronmon.domain.maintenance;

import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.Owner;
import dev.cronmon.domain.schedule.CrontabSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A named time when an organization's chosen monitors are under planned maintenance (docs/semantics.md rules M1–M5):
 * once ({@link OneOff}) or at every start of a crontab in a timezone for a duration ({@link Recurring}), applying to
 * monitors named by slug, to every monitor of a project, or to the monitors of an owner. Instances come out of
 * {@code MaintenanceWindowJson} (or the store), so they are always valid.
 */
public record MaintenanceWindow(String id, String organization, String name, Timing timing, Target target,
                                Instant dateCreated, long version) {
  /** The longest window, one-off or each occurrence of a recurring one. */
  public static final Duration MAX_DURATION = Duration.ofDays(31);
  public static final int MAX_NAME_LENGTH = 200;
  public static final int MAX_MONITORS = 100;

  public MaintenanceWindow {
    if (id == null || organization == null || name == null || timing == null || target == null) {
      throw new IllegalArgumentException("a maintenance window has an id, an organization, a name, a timing and a target");
    }
  }

  /** One period of a window, {@code (start, end]} as the deaf periods are: a wait ending at its start is outside. */
  public record Period(Instant start, Instant end) {
    public Period {
      if (!end.isAfter(start)) throw new IllegalArgumentException("empty maintenance period (" + start + ", " + end + "]");
    }

    /** Whether this period and {@code (from, to]} share an instant. */
    public boolean overlaps(Instant from, Instant to) {
      return start.isBefore(to) && from.isBefore(end);
    }
  }

  /** When a window is. */
  public sealed interface Timing permits OneOff, Recurring {
    /** The first period that ends after {@code after}, if any. */
    Optional<Period> firstEndingAfter(Instant after);
  }

  /** Once, from {@code start} to {@code end}. */
  public record OneOff(Instant start, Instant end) implements Timing {
    public OneOff {
      if (!end.isAfter(start) || Duration.between(start, end).compareTo(MAX_DURATION) > 0) {
        throw new IllegalArgumentException("a one-off window lasts from a minute to " + MAX_DURATION.toDays() + " days");
      }
    }

    @Override
    public Optional<Period> firstEndingAfter(Instant after) {
      return end.isAfter(after) ? Optional.of(new Period(start, end)) : Optional.empty();
    }
  }

  /**
   * At every slot of {@code schedule} in {@code timezone} (fired as a monitor's crontab is, DST included), for
   * {@code duration}: the wall-clock start stays put across DST changes, the length in real time does too.
   */
  public record Recurring(CrontabSchedule schedule, ZoneId timezone, Duration duration) implements Timing {
    public Recurring {
      if (duration.compareTo(Duration.ofMinutes(1)) < 0 || duration.compareTo(MAX_DURATION) > 0) {
        throw new IllegalArgumentException("a recurring window lasts from a minute to " + MAX_DURATION.toDays() + " days");
      }
    }

    @Override
    public Optional<Period> firstEndingAfter(Instant after) {
      // A start after (after - duration) ends after `after`; the first such start begins the first such period.
      Instant start = schedule.nextSlotAfter(after.minus(duration), timezone);
      return Optional.of(new Period(start, start.plus(duration)));
    }
  }

  /** Which monitors a window applies to. */
  public sealed interface Target permits Monitors, Project, OwnedBy {
    boolean appliesTo(Monitor monitor);
  }

  /** The monitors of these slugs. */
  public record Monitors(List<String> slugs) implements Target {
    public Monitors {
      slugs = List.copyOf(slugs);
      if (slugs.isEmpty()) throw new IllegalArgumentException("a window names at least one monitor");
    }

    @Override
    public boolean appliesTo(Monitor monitor) {
      return slugs.contains(monitor.slug());
    }
  }

  /** Every monitor of the project {@code projectId}. */
  public record Project(String projectId) implements Target {
    @Override
    public boolean appliesTo(Monitor monitor) {
      return projectId.equals(monitor.projectId());
    }
  }

  /** Every monitor {@code owner} owns (docs/semantics.md rule O1). */
  public record OwnedBy(Owner owner) implements Target {
    @Override
    public boolean appliesTo(Monitor monitor) {
      return monitor.owner() != null && monitor.owner().matches(owner);
    }
  }

  public boolean appliesTo(Monitor monitor) {
    return monitor.organization().equals(organization) && target.appliesTo(monitor);
  }

  /** Whether a period of this window overlaps {@code (from, to]}. */
  public boolean during(Instant from, Instant to) {
    return timing.firstEndingAfter(from).map(p -> p.overlaps(from, to)).orElse(false);
  }

  /** The period under way at {@code now} ({@code start < now <= end}), else the next one; empty when none is left. */
  public Optional<Period> currentOrNext(Instant now) {
    return timing.firstEndingAfter(now);
  }

  public MaintenanceWindow withVersion(long newVersion) {
    return new MaintenanceWindow(id, organization, name, timing, target, dateCreated, newVersion);
  }
}
