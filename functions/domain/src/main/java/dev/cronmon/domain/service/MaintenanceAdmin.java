package dev.cronmon.domain.service;

import dev.cronmon.domain.error.NotFoundException;
import dev.cronmon.domain.error.ValidationException;
import dev.cronmon.domain.maintenance.MaintenanceWindow;
import dev.cronmon.domain.maintenance.codec.MaintenanceWindowJson;
import dev.cronmon.domain.monitor.FieldErrors;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.store.Retry;
import dev.cronmon.domain.tenant.Project;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An organization's maintenance windows (docs/semantics.md rule M1): created, replaced and deleted whole. A body
 * arrives parsed ({@link MaintenanceWindowJson}); what needs the stored state (the monitors and the project a window
 * names exist, the organization's cap) is checked here, before anything is written.
 */
public final class MaintenanceAdmin {
  public static final int MAX_WINDOWS_PER_ORGANIZATION = 100;

  private final CronStore store;
  private final Clock clock;
  private final Projects projects;

  public MaintenanceAdmin(CronStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.projects = new Projects(store);
  }

  /** A window with its current or next period at the time it was read (none: a one-off window that is over). */
  public record Scheduled(MaintenanceWindow window, Optional<MaintenanceWindow.Period> period, boolean active) {}

  public MaintenanceWindow window(String organization, String id) {
    return store.maintenanceWindow(organization, id).orElseThrow(() -> new NotFoundException("Maintenance window"));
  }

  /** The organization's windows (those applying to {@code monitorSlug} when given), soonest period first, ended last. */
  public List<Scheduled> windows(String organization, String monitorSlug) {
    Instant now = clock.instant();
    List<MaintenanceWindow> all = store.maintenanceWindows(organization);
    if (monitorSlug != null) {
      Monitor monitor = store.monitor(organization, monitorSlug).orElseThrow(() -> new NotFoundException("Monitor"));
      all = all.stream().filter(w -> w.appliesTo(monitor)).toList();
    }
    return all.stream().map(w -> scheduled(w, now))
        .sorted(Comparator.comparing((Scheduled s) -> s.period().map(MaintenanceWindow.Period::start).orElse(Instant.MAX))
            .thenComparing(s -> s.window().name()).thenComparing(s -> s.window().id()))
        .toList();
  }

  public Scheduled scheduled(MaintenanceWindow window) {
    return scheduled(window, clock.instant());
  }

  private static Scheduled scheduled(MaintenanceWindow window, Instant now) {
    Optional<MaintenanceWindow.Period> period = window.currentOrNext(now);
    return new Scheduled(window, period, period.map(p -> p.start().isBefore(now)).orElse(false));
  }

  public MaintenanceWindow create(String organization, MaintenanceWindowJson.Parsed body) {
    MaintenanceWindow.Target target = resolve(organization, body);
    if (store.maintenanceWindows(organization).size() >= MAX_WINDOWS_PER_ORGANIZATION) {
      throw ValidationException.detail("An organization can have at most " + MAX_WINDOWS_PER_ORGANIZATION + " maintenance windows.");
    }
    MaintenanceWindow window = new MaintenanceWindow(UUID.randomUUID().toString(), organization, body.name(), body.timing(),
        target, clock.instant(), 1);
    if (!store.saveMaintenanceWindow(window)) throw new IllegalStateException("maintenance window id collision " + window.id());
    return window;
  }

  /** Replaces the window's name, timing and target with {@code body}'s. */
  public MaintenanceWindow replace(String organization, String id, MaintenanceWindowJson.Parsed body) {
    MaintenanceWindow.Target target = resolve(organization, body);
    return Retry.untilWritten("The maintenance window", attempt -> {
      MaintenanceWindow current = window(organization, id);
      MaintenanceWindow next = new MaintenanceWindow(id, organization, body.name(), body.timing(), target,
          current.dateCreated(), current.version() + 1);
      return store.saveMaintenanceWindow(next) ? Optional.of(next) : Optional.empty();
    });
  }

  public MaintenanceWindow delete(String organization, String id) {
    return Retry.untilWritten("The maintenance window", attempt -> {
      MaintenanceWindow current = window(organization, id);
      return store.deleteMaintenanceWindow(organization, id, current.version()) ? Optional.of(current) : Optional.empty();
    });
  }

  /** The body's target with its project as an id; the monitors and the project it names must exist. */
  private MaintenanceWindow.Target resolve(String organization, MaintenanceWindowJson.Parsed body) {
    if (!body.valid()) throw new ValidationException(body.errors().asMap());
    FieldErrors errors = new FieldErrors();
    MaintenanceWindow.Target target = body.target();
    if (target instanceof MaintenanceWindow.Project p) {
      Optional<Project> project = projects.byIdOrSlug(organization, p.projectId());
      if (project.isEmpty()) errors.add("project", "Unknown project \"" + p.projectId() + "\".");
      else target = new MaintenanceWindow.Project(project.get().id());
    } else if (target instanceof MaintenanceWindow.Monitors m) {
      for (String slug : m.slugs()) {
        if (store.monitor(organization, slug).isEmpty()) errors.add("monitors", "Unknown monitor \"" + slug + "\".");
      }
    }
    if (!errors.isEmpty()) throw new ValidationException(errors.asMap());
    return target;
  }
}
