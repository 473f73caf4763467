package dev.cronmon.domain.service;

import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorSearch;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.store.Page;
import java.util.ArrayList;
import java.util.List;

/**
 * Every monitor of an organization (or of one of its projects) with its environments: the monitors' Queries of the
 * organization's partition, 1,000 a page, then one Query of each monitor's partition; never a Scan, and bounded by the
 * organization's monitor cap. What the filtered monitor list, the metrics and a project's badge read.
 */
public final class OrganizationMonitors {
  private final CronStore store;

  public OrganizationMonitors(CronStore store) {
    this.store = store;
  }

  /** {@code projectId} null: every project's. Environments are read only when {@code withEnvironments}. */
  public List<MonitorSearch.Listed> all(String organization, String projectId, boolean withEnvironments) {
    List<MonitorSearch.Listed> all = new ArrayList<>();
    String cursor = null;
    do {
      Page<Monitor> page = store.monitors(organization, cursor, Page.MAX_SIZE);
      for (Monitor m : page.items()) {
        if (projectId != null && !projectId.equals(m.projectId())) continue;
        all.add(new MonitorSearch.Listed(m, withEnvironments ? store.environments(m.id()) : List.of()));
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return all;
  }
}
