package dev.cronmon.domain.store;

import static dev.cronmon.domain.store.KeyParts.require;
import static dev.cronmon.domain.store.KeyParts.valid;

import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.alert.Channel;
import dev.cronmon.domain.maintenance.MaintenanceWindow;
import dev.cronmon.domain.alert.Delivery;
import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.JobOutput;
import dev.cronmon.domain.incident.ResolvedIncident;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.monitor.MonitorPing;
import dev.cronmon.domain.processing.ErrorCounter;
import dev.cronmon.domain.processing.ErrorList;
import dev.cronmon.domain.processing.ProcessingError;
import dev.cronmon.domain.tenant.ApiToken;
import dev.cronmon.domain.tenant.DsnKey;
import dev.cronmon.domain.tenant.Organization;
import dev.cronmon.domain.tenant.BadgeKey;
import dev.cronmon.domain.tenant.PingKey;
import dev.cronmon.domain.tenant.Project;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The storage ports in memory, for fast tests of the domain services. It keeps the DynamoDB store's rules, as the
 * shared {@code StoreContract} checks: the same conditions (create only, on the version, on existence), the same
 * all-or-nothing writes of several records (every condition is checked before anything is written, under one lock),
 * the same orders, page sizes, cursors and refusals of keys that cannot exist. What it does not model: eventual
 * consistency (every read sees every write), DynamoDB's costs, and the expiry of old records (it reports when each would
 * expire: {@link #expiresAt}).
 */
public final class InMemoryStore implements CronStore {
  private static final DateTimeFormatter SORTABLE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern HISTORY_POSITION =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern INCIDENT_POSITION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#[A-Za-z0-9-]{1,64}");

  private final Map<String, Organization> organizations = new HashMap<>();
  private final NavigableMap<String, Project> projects = new TreeMap<>();
  private final NavigableMap<String, Project> projectCopies = new TreeMap<>(); // org / id
  private final Map<String, String> projectSlugs = new HashMap<>(); // org / slug -> project id
  private final Map<String, DsnKey> dsnKeys = new HashMap<>();
  private final Map<String, DsnKey> dsnKeyCopies = new HashMap<>(); // project / public key
  private final Map<String, ApiToken> tokens = new HashMap<>();
  private final Map<String, ApiToken> tokenCopies = new HashMap<>(); // org / id
  private final NavigableMap<String, Monitor> monitors = new TreeMap<>(); // org / slug
  private final Map<String, Monitor> monitorRefs = new HashMap<>(); // id
  private final NavigableMap<String, MonitorEnvironment> environments = new TreeMap<>(); // monitor / name
  private final Map<UUID, CheckIn> checkIns = new HashMap<>();
  private final NavigableMap<String, ResolvedIncident> incidents = new TreeMap<>(); // monitor / started#id
  private final NavigableMap<String, Channel> channels = new TreeMap<>(); // org / id
  private final NavigableMap<String, MaintenanceWindow> windows = new TreeMap<>(); // org / id
  private final Map<String, AlertRule> alertRules = new HashMap<>(); // kind / owner id
  private final Map<String, Delivery> deliveries = new HashMap<>(); // channel / event
  private final Map<UUID, StoredOutput> outputs = new HashMap<>();
  private final Addresses<UUID, MonitorPing> pings = new Addresses<>(MonitorPing::pingId, MonitorPing::monitorId);
  private final Addresses<String, PingKey> pingKeys = new Addresses<>(PingKey::key, PingKey::projectId);
  private final Addresses<String, BadgeKey> badgeKeys = new Addresses<>(BadgeKey::key, BadgeKey::projectId);

  private record StoredOutput(Instant received, Instant checkInCreated, JobOutput output) {}
  private final Map<ErrorList, ErrorCounter> errorCounters = new HashMap<>();
  private final Map<ErrorList, Map<Integer, StoredError>> errorSlots = new HashMap<>();

  private static String k(String... parts) {
    return String.join("\u0000", parts);
  }

  private static String sortable(Instant instant) {
    return SORTABLE.format(instant);
  }

  /** The version a record at {@code version} replaces (0: none, it creates); below 1 is a programming error. */
  private static long replaces(long version) {
    if (version < 1) throw new IllegalArgumentException("version must be at least 1, got " + version);
    return version - 1;
  }

  /** Whether {@code stored} is what a write of version {@code version} may replace (absent for version 1). */
  private static <T> boolean versionMatches(T stored, long version, Function<T, Long> versionOf) {
    long previous = replaces(version);
    return previous == 0 ? stored == null : stored != null && versionOf.apply(stored) == previous;
  }

  /** When the store lets a record go: check-ins and resolved incidents after {@link CheckInHistory#RETENTION}, deliveries after {@link AlertStore#DELIVERY_RETENTION}. */
  public static Instant expiresAt(Object record) {
    if (record instanceof CheckIn c) return c.dateCreated().plus(CheckInHistory.RETENTION);
    if (record instanceof ResolvedIncident r) return r.resolved().plus(CheckInHistory.RETENTION);
    if (record instanceof Delivery d) return d.updatedAt().plus(AlertStore.DELIVERY_RETENTION);
    throw new IllegalArgumentException("not a record that expires: " + record);
  }

  // --- TenantStore ------------------------------------------------------------------------------------------------

  @Override
  public synchronized Optional<Organization> organization(String slug) {
    return valid(slug) ? Optional.ofNullable(organizations.get(slug)) : Optional.empty();
  }

  @Override
  public synchronized boolean putOrganization(Organization organization) {
    require(organization.slug(), "organization slug");
    return organizations.putIfAbsent(organization.slug(), organization) == null;
  }

  @Override
  public synchronized boolean replaceOrganization(Organization organization) {
    require(organization.slug(), "organization slug");
    return organizations.replace(organization.slug(), organization) != null;
  }

  @Override
  public synchronized Optional<Project> project(String projectId) {
    return valid(projectId) ? Optional.ofNullable(projects.get(projectId)) : Optional.empty();
  }

  @Override
  public synchronized List<Project> projects(String organization) {
    if (!valid(organization)) return List.of();
    return List.copyOf(projectCopies.subMap(k(organization, ""), k(organization, "\uffff")).values());
  }

  @Override
  public synchronized boolean putProject(Project project) {
    require(project.id(), "project id");
    require(project.organization(), "organization");
    require(project.slug(), "project slug");
    String copy = k(project.organization(), project.id());
    String slug = k(project.organization(), project.slug());
    if (projects.containsKey(project.id()) || projectCopies.containsKey(copy) || projectSlugs.containsKey(slug)) return false;
    projects.put(project.id(), project);
    projectCopies.put(copy, project);
    projectSlugs.put(slug, project.id());
    return true;
  }

  @Override
  public synchronized UpdateOutcome updateProject(Project previous, Project updated) {
    if (!previous.id().equals(updated.id()) || !previous.organization().equals(updated.organization())) {
      throw new IllegalArgumentException("a project keeps its id and organization");
    }
    require(updated.slug(), "project slug");
    Project stored = projects.get(previous.id());
    boolean projectFails = stored == null || !stored.slug().equals(previous.slug()) || !stored.name().equals(previous.name());
    boolean copyFails = !projectCopies.containsKey(k(previous.organization(), previous.id()));
    boolean slugMoves = !previous.slug().equals(updated.slug());
    String oldClaim = k(previous.organization(), previous.slug());
    String newClaim = k(updated.organization(), updated.slug());
    boolean releaseFails = slugMoves && !releasable(oldClaim, previous.id());
    boolean claimFails = slugMoves && projectSlugs.containsKey(newClaim);
    if (projectFails || copyFails || releaseFails || claimFails) {
      return slugMoves && claimFails && !projectFails ? UpdateOutcome.SLUG_TAKEN : UpdateOutcome.STALE;
    }
    projects.put(updated.id(), updated);
    projectCopies.put(k(updated.organization(), updated.id()), updated);
    if (slugMoves) {
      projectSlugs.remove(oldClaim);
      projectSlugs.put(newClaim, updated.id());
    }
    return UpdateOutcome.UPDATED;
  }

  /** A slug claim is this project's, or absent (as for a project older than claims in a DynamoDB table). */
  private boolean releasable(String claim, String projectId) {
    String owner = projectSlugs.get(claim);
    return owner == null || owner.equals(projectId);
  }

  @Override
  public synchronized boolean deleteProject(Project project) {
    String copy = k(project.organization(), project.id());
    String claim = k(project.organization(), project.slug());
    if (!projects.containsKey(project.id()) || !projectCopies.containsKey(copy) || !releasable(claim, project.id())) return false;
    projects.remove(project.id());
    projectCopies.remove(copy);
    projectSlugs.remove(claim);
    return true;
  }

  // --- CredentialStore --------------------------------------------------------------------------------------------

  @Override
  public synchronized Optional<DsnKey> dsnKey(String publicKey) {
    return valid(publicKey) ? Optional.ofNullable(dsnKeys.get(publicKey)) : Optional.empty();
  }

  @Override
  public synchronized boolean putDsnKey(DsnKey key) {
    require(key.publicKey(), "public key");
    require(key.projectId(), "project id");
    String copy = k(key.projectId(), key.publicKey());
    if (dsnKeys.containsKey(key.publicKey()) || dsnKeyCopies.containsKey(copy)) return false;
    dsnKeys.put(key.publicKey(), key);
    dsnKeyCopies.put(copy, key);
    return true;
  }

  @Override
  public synchronized List<DsnKey> dsnKeys(String projectId) {
    if (!valid(projectId)) return List.of();
    return dsnKeyCopies.values().stream().filter(key -> key.projectId().equals(projectId))
        .sorted(Comparator.comparing(DsnKey::dateCreated)).toList();
  }

  @Override
  public synchronized boolean deleteDsnKey(DsnKey key) {
    String copy = k(key.projectId(), key.publicKey());
    if (!dsnKeys.containsKey(key.publicKey()) || !dsnKeyCopies.containsKey(copy)) return false;
    dsnKeys.remove(key.publicKey());
    dsnKeyCopies.remove(copy);
    return true;
  }

  @Override
  public synchronized Optional<ApiToken> tokenByHash(String sha256) {
    return valid(sha256) ? Optional.ofNullable(tokens.get(sha256)) : Optional.empty();
  }

  @Override
  public synchronized boolean putToken(ApiToken token) {
    require(token.sha256(), "token hash");
    require(token.id(), "token id");
    require(token.organization(), "organization");
    String copy = k(token.organization(), token.id());
    if (tokens.containsKey(token.sha256()) || tokenCopies.containsKey(copy)) return false;
    tokens.put(token.sha256(), token);
    tokenCopies.put(copy, token);
    return true;
  }

  @Override
  public synchronized List<ApiToken> tokens(String organization) {
    if (!valid(organization)) return List.of();
    return tokenCopies.values().stream().filter(t -> t.organization().equals(organization))
        .sorted(Comparator.comparing(ApiToken::dateCreated)).toList();
  }

  @Override
  public synchronized Optional<ApiToken> token(String organization, String tokenId) {
    if (!valid(organization) || !valid(tokenId)) return Optional.empty();
    return Optional.ofNullable(tokenCopies.get(k(organization, tokenId)));
  }

  @Override
  public synchronized boolean deleteToken(ApiToken token) {
    String copy = k(token.organization(), token.id());
    if (!tokens.containsKey(token.sha256()) || !tokenCopies.containsKey(copy)) return false;
    tokens.remove(token.sha256());
    tokenCopies.remove(copy);
    return true;
  }

  // --- MonitorStore -----------------------------------------------------------------------------------------------

  @Override
  public synchronized Optional<Monitor> monitor(String organization, String slug) {
    if (!valid(organization) || !valid(slug)) return Optional.empty();
    return Optional.ofNullable(monitors.get(k(organization, slug)));
  }

  @Override
  public synchronized Optional<MonitorRead> monitorForCheckIn(String organization, String slug, String environment) {
    return monitor(organization, slug).map(m -> new MonitorRead(m, environment,
        environment == null ? Optional.empty() : environment(m.id(), environment)));
  }

  @Override
  public synchronized boolean putMonitor(Monitor monitor) {
    require(monitor.organization(), "organization");
    require(monitor.slug(), "monitor slug");
    require(monitor.id(), "monitor id");
    String key = k(monitor.organization(), monitor.slug());
    if (monitors.containsKey(key) || monitorRefs.containsKey(monitor.id())) return false;
    monitors.put(key, monitor);
    monitorRefs.put(monitor.id(), monitor);
    return true;
  }

  @Override
  public synchronized boolean replaceMonitor(Monitor monitor) {
    if (monitor.version() < 2) throw new IllegalArgumentException("replaceMonitor needs version >= 2, got " + monitor.version());
    String key = k(monitor.organization(), monitor.slug());
    if (!versionMatches(monitors.get(key), monitor.version(), Monitor::version)) return false;
    monitors.put(key, monitor);
    monitorRefs.put(monitor.id(), monitor);
    return true;
  }

  @Override
  public synchronized UpdateOutcome renameMonitor(Monitor previous, Monitor renamed) {
    if (renamed.version() != previous.version() + 1) throw new IllegalArgumentException("renamed monitor must be the next version");
    require(renamed.slug(), "monitor slug");
    String newKey = k(renamed.organization(), renamed.slug());
    String oldKey = k(previous.organization(), previous.slug());
    Monitor stored = monitors.get(oldKey);
    boolean stale = stored == null || stored.version() != previous.version();
    if (stale) return UpdateOutcome.STALE;
    if (monitors.containsKey(newKey)) return UpdateOutcome.SLUG_TAKEN;
    monitors.remove(oldKey);
    monitors.put(newKey, renamed);
    monitorRefs.put(renamed.id(), renamed);
    return UpdateOutcome.UPDATED;
  }

  @Override
  public synchronized boolean deleteMonitor(Monitor monitor) {
    String key = k(monitor.organization(), monitor.slug());
    Monitor stored = monitors.get(key);
    if (stored == null || stored.version() != monitor.version()) return false;
    monitors.remove(key);
    monitorRefs.remove(monitor.id());
    alertRules.remove(ruleKey(AlertRule.Owner.monitor(monitor.id())));
    return true;
  }

  @Override
  public synchronized Page<Monitor> monitors(String organization, String cursor, int limit) {
    int size = Page.size(limit);
    if (!valid(organization)) return Page.empty();
    String from = k(organization, "");
    if (cursor != null && !cursor.isEmpty()) {
      String slug = Cursors.decode(cursor, "m1:");
      if (!valid(slug)) throw Cursors.invalid();
      from = k(organization, slug);
    }
    List<Monitor> after = List.copyOf(monitors.subMap(from, false, k(organization, "\uffff"), false).values());
    return page(after, size, m -> Cursors.encode("m1:", m.slug()));
  }

  private static <T> Page<T> page(List<T> after, int size, Function<T, String> cursorOf) {
    if (after.size() <= size) return new Page<>(after, null);
    List<T> items = after.subList(0, size);
    return new Page<>(List.copyOf(items), cursorOf.apply(items.get(size - 1)));
  }

  @Override
  public synchronized int countMonitors(String organization, int atMost) {
    if (!valid(organization) || atMost < 1) return 0;
    return Math.min(atMost, monitors.subMap(k(organization, ""), k(organization, "\uffff")).size());
  }

  @Override
  public synchronized boolean projectHasMonitors(String organization, String projectId) {
    if (!valid(organization) || !valid(projectId)) return false;
    return monitors.subMap(k(organization, ""), k(organization, "\uffff")).values().stream()
        .anyMatch(m -> projectId.equals(m.projectId()));
  }

  @Override
  public synchronized Map<String, Monitor> monitorsById(Collection<String> monitorIds) {
    Map<String, Monitor> out = new HashMap<>();
    for (String id : monitorIds) {
      if (valid(id) && monitorRefs.containsKey(id)) out.put(id, monitorRefs.get(id));
    }
    return out;
  }

  // --- EnvironmentStore -------------------------------------------------------------------------------------------

  @Override
  public synchronized Optional<MonitorEnvironment> environment(String monitorId, String name) {
    if (!valid(monitorId) || !valid(name)) return Optional.empty();
    return Optional.ofNullable(environments.get(k(monitorId, name)));
  }

  @Override
  public synchronized List<MonitorEnvironment> environments(String monitorId) {
    if (!valid(monitorId)) return List.of();
    return List.copyOf(environments.subMap(k(monitorId, ""), k(monitorId, "\uffff")).values());
  }

  @Override
  public synchronized int countEnvironments(String monitorId, int atMost) {
    if (!valid(monitorId) || atMost < 1) return 0;
    return Math.min(atMost, environments.subMap(k(monitorId, ""), k(monitorId, "\uffff")).size());
  }

  @Override
  public synchronized boolean saveEnvironment(MonitorEnvironment env) {
    return saveEnvironmentChange(env, List.of(), List.of());
  }

  @Override
  public synchronized boolean saveEnvironmentChange(MonitorEnvironment env, List<CheckIn> created, List<ResolvedIncident> resolved) {
    require(env.monitorId(), "monitor id");
    require(env.name(), "environment name");
    boolean holds = versionMatches(environments.get(k(env.monitorId(), env.name())), env.version(), MonitorEnvironment::version);
    for (CheckIn c : created) {
      requireKeys(c);
      holds &= versionMatches(checkIns.get(c.id()), c.version(), CheckIn::version);
    }
    for (ResolvedIncident r : resolved) holds &= !incidents.containsKey(incidentKey(r));
    if (!holds) return false;
    environments.put(k(env.monitorId(), env.name()), env);
    for (CheckIn c : created) checkIns.put(c.id(), c);
    for (ResolvedIncident r : resolved) incidents.put(incidentKey(r), r);
    return true;
  }

  @Override
  public synchronized boolean deleteEnvironment(MonitorEnvironment env) {
    String key = k(env.monitorId(), env.name());
    MonitorEnvironment stored = environments.get(key);
    if (stored == null || stored.version() != env.version()) return false;
    environments.remove(key);
    return true;
  }

  // --- CheckInHistory ---------------------------------------------------------------------------------------------

  private static void requireKeys(CheckIn c) {
    require(c.monitorId(), "monitor id");
    require(c.environment(), "environment");
  }

  private static String historyPosition(CheckIn c) {
    return sortable(c.dateCreated()) + "#" + c.id();
  }

  @Override
  public synchronized Optional<CheckIn> checkIn(UUID id) {
    return Optional.ofNullable(checkIns.get(id));
  }

  @Override
  public synchronized boolean saveCheckIn(CheckIn checkIn) {
    requireKeys(checkIn);
    if (!versionMatches(checkIns.get(checkIn.id()), checkIn.version(), CheckIn::version)) return false;
    checkIns.put(checkIn.id(), checkIn);
    return true;
  }

  @Override
  public Page<CheckIn> checkIns(String monitorId, String environment, String cursor, int limit) {
    return checkIns(monitorId, environment, null, null, cursor, limit);
  }

  @Override
  public synchronized Page<CheckIn> checkIns(String monitorId, String environment, Instant from, Instant to, String cursor, int limit) {
    int size = Page.size(limit);
    if (!valid(monitorId) || (environment != null && !valid(environment))) return Page.empty();
    if (from != null && to != null && !from.isBefore(to)) return Page.empty();
    String lower = from == null ? null : sortable(from);
    String upper = to == null ? null : sortable(to);
    String before = null;
    if (cursor != null && !cursor.isEmpty()) {
      before = Cursors.decode(cursor, "c1:");
      if (!HISTORY_POSITION.matcher(before).matches()) throw Cursors.invalid();
      if ((lower != null && before.compareTo(lower) < 0) || (upper != null && before.compareTo(upper) >= 0)) throw Cursors.invalid();
    }
    String start = before;
    List<CheckIn> after = checkIns.values().stream()
        .filter(c -> c.monitorId().equals(monitorId) && (environment == null || environment.equals(c.environment())))
        .filter(c -> {
          String position = historyPosition(c);
          return (lower == null || position.compareTo(lower) >= 0) && (upper == null || position.compareTo(upper) < 0)
              && (start == null || position.compareTo(start) < 0);
        })
        .sorted(Comparator.comparing(InMemoryStore::historyPosition).reversed()).toList();
    return page(after, size, c -> Cursors.encode("c1:", historyPosition(c)));
  }

  // --- IncidentHistory --------------------------------------------------------------------------------------------

  private static String incidentKey(ResolvedIncident r) {
    return k(r.monitorId(), sortable(r.started()) + "#" + r.id());
  }

  @Override
  public synchronized Page<ResolvedIncident> resolvedIncidents(String monitorId, String environment, String cursor, int limit) {
    int size = Page.size(limit);
    if (!valid(monitorId) || (environment != null && !valid(environment))) return Page.empty();
    String upper = k(monitorId, "\uffff");
    if (cursor != null && !cursor.isEmpty()) {
      String position = Cursors.decode(cursor, "i1:");
      if (!position.startsWith("INCIDENT#") || !INCIDENT_POSITION.matcher(position.substring("INCIDENT#".length())).matches()) {
        throw Cursors.invalid();
      }
      upper = k(monitorId, position.substring("INCIDENT#".length()));
    }
    List<ResolvedIncident> after = incidents.subMap(k(monitorId, ""), true, upper, false).descendingMap().values().stream()
        .filter(r -> environment == null || environment.equals(r.environment())).toList();
    return page(after, size, r -> Cursors.encode("i1:", "INCIDENT#" + sortable(r.started()) + "#" + r.id()));
  }

  @Override
  public synchronized void deleteResolvedIncidents(String monitorId, String environment) {
    if (!valid(monitorId) || !valid(environment)) return;
    incidents.subMap(k(monitorId, ""), k(monitorId, "\uffff")).values().removeIf(r -> environment.equals(r.environment()));
  }

  // --- MaintenanceStore -------------------------------------------------------------------------------------------

  @Override
  public synchronized Optional<MaintenanceWindow> maintenanceWindow(String organization, String id) {
    if (!valid(organization) || !valid(id)) return Optional.empty();
    return Optional.ofNullable(windows.get(k(organization, id)));
  }

  @Override
  public synchronized List<MaintenanceWindow> maintenanceWindows(String organization) {
    if (!valid(organization)) return List.of();
    return List.copyOf(windows.subMap(k(organization, ""), k(organization, "\uffff")).values());
  }

  @Override
  public synchronized boolean saveMaintenanceWindow(MaintenanceWindow window) {
    require(window.organization(), "organization");
    require(window.id(), "window id");
    String key = k(window.organization(), window.id());
    if (!versionMatches(windows.get(key), window.version(), MaintenanceWindow::version)) return false;
    windows.put(key, window);
    return true;
  }

  @Override
  public synchronized boolean deleteMaintenanceWindow(String organization, String id, long version) {
    if (!valid(organization) || !valid(id)) return false;
    String key = k(organization, id);
    MaintenanceWindow stored = windows.get(key);
    if (stored == null || stored.version() != version) return false;
    windows.remove(key);
    return true;
  }

  // --- AlertStore -------------------------------------------------------------------------------------------------

  @Override
  public synchronized Optional<Channel> channel(String organization, String channelId) {
    if (!valid(organization) || !valid(channelId)) return Optional.empty();
    return Optional.ofNullable(channels.get(k(organization, channelId)));
  }

  @Override
  public synchronized List<Channel> channels(String organization) {
    if (!valid(organization)) return List.of();
    return List.copyOf(channels.subMap(k(organization, ""), k(organization, "\uffff")).values());
  }

  @Override
  public synchronized boolean saveChannel(Channel channel) {
    require(channel.organization(), "organization");
    require(channel.id(), "channel id");
    String key = k(channel.organization(), channel.id());
    if (!versionMatches(channels.get(key), channel.version(), Channel::version)) return false;
    channels.put(key, channel);
    return true;
  }

  @Override
  public synchronized boolean deleteChannel(String organization, String channelId, long version) {
    if (!valid(organization) || !valid(channelId)) return false;
    String key = k(organization, channelId);
    Channel stored = channels.get(key);
    if (stored == null || stored.version() != version) return false;
    channels.remove(key);
    return true;
  }

  @Override
  public synchronized boolean recordChannelOutcome(String organization, String channelId, Instant at, String error) {
    if (!valid(organization) || !valid(channelId)) return false;
    String key = k(organization, channelId);
    Channel c = channels.get(key);
    if (c == null) return false;
    channels.put(key, error == null
        ? new Channel(c.id(), c.organization(), c.name(), c.config(), c.signingSecret(), c.dateCreated(), at, c.lastError(),
            c.lastErrorAt(), false, c.version() + 1)
        : new Channel(c.id(), c.organization(), c.name(), c.config(), c.signingSecret(), c.dateCreated(), c.lastDeliveredAt(),
            error, at, true, c.version() + 1));
    return true;
  }

  private static String ruleKey(AlertRule.Owner owner) {
    return k(owner.kind().name(), owner.id());
  }

  @Override
  public synchronized Optional<AlertRule> alertRule(AlertRule.Owner owner) {
    return valid(owner.id()) ? Optional.ofNullable(alertRules.get(ruleKey(owner))) : Optional.empty();
  }

  @Override
  public synchronized boolean saveAlertRule(AlertRule.Owner owner, AlertRule rule) {
    require(owner.id(), "alert rule owner");
    if (!versionMatches(alertRules.get(ruleKey(owner)), rule.version(), AlertRule::version)) return false;
    alertRules.put(ruleKey(owner), rule);
    return true;
  }

  @Override
  public synchronized boolean deleteAlertRule(AlertRule.Owner owner, long version) {
    if (!valid(owner.id())) return false;
    AlertRule stored = alertRules.get(ruleKey(owner));
    if (stored == null || stored.version() != version) return false;
    alertRules.remove(ruleKey(owner));
    return true;
  }

  @Override
  public synchronized Optional<Delivery> delivery(String channelId, String eventId) {
    if (!valid(channelId) || !valid(eventId)) return Optional.empty();
    return Optional.ofNullable(deliveries.get(k(channelId, eventId)));
  }

  @Override
  public synchronized boolean saveDelivery(Delivery delivery) {
    require(delivery.channelId(), "channel id");
    require(delivery.eventId(), "event id");
    String key = k(delivery.channelId(), delivery.eventId());
    if (!versionMatches(deliveries.get(key), delivery.version(), Delivery::version)) return false;
    deliveries.put(key, delivery);
    return true;
  }

  // --- DueIndex ---------------------------------------------------------------------------------------------------

  /** Partitions of the due index here: a few, so that sweeps over parts of it are tested too. */
  public static final int DUE_PARTITIONS = 4;

  @Override
  public int partitions() {
    return DUE_PARTITIONS;
  }

  /** The {@code limit} earliest deadlines at or before {@code now}, of the environments in {@code partitions}. */
  @Override
  public synchronized List<MonitorEnvironment> due(Instant now, int limit, Set<Integer> partitions) {
    if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    Map<String, MonitorEnvironment> due = new LinkedHashMap<>();
    environments.forEach((key, env) -> {
      Instant dueAt = env.dueAt();
      if (dueAt != null && !dueAt.isAfter(now) && partitions.contains(partition(env))) due.put(key, env);
    });
    List<MonitorEnvironment> out = new ArrayList<>(due.values());
    out.sort(Comparator.comparing(MonitorEnvironment::dueAt));
    return List.copyOf(out.subList(0, Math.min(limit, out.size())));
  }

  private static int partition(MonitorEnvironment env) {
    return Math.floorMod((env.monitorId() + "#" + env.name()).hashCode(), DUE_PARTITIONS);
  }

  // --- JobOutputs -------------------------------------------------------------------------------------------------

  @Override
  public synchronized boolean saveOutput(UUID checkInId, Instant checkInCreated, Instant received, JobOutput output) {
    StoredOutput stored = outputs.get(checkInId);
    if (stored != null && stored.received().isAfter(received)) return false;
    outputs.put(checkInId, new StoredOutput(received, checkInCreated, output));
    return true;
  }

  @Override
  public synchronized Optional<JobOutput> output(UUID checkInId) {
    return Optional.ofNullable(outputs.get(checkInId)).map(StoredOutput::output);
  }

  /** When the output of check-in {@code checkInId} expires: with its check-in. */
  public synchronized Instant outputExpiresAt(UUID checkInId) {
    return outputs.get(checkInId).checkInCreated().plus(CheckInHistory.RETENTION);
  }

  // --- PingAddresses ----------------------------------------------------------------------------------------------

  /** Secrets of one kind by secret and by owner, written together as the DynamoDB store's transactions do. */
  private static final class Addresses<S, T> {
    final Map<S, T> bySecret = new HashMap<>();
    final Map<String, T> byOwner = new HashMap<>();
    final Function<T, S> secret;
    final Function<T, String> owner;

    Addresses(Function<T, S> secret, Function<T, String> owner) {
      this.secret = secret;
      this.owner = owner;
    }

    boolean put(T value) {
      if (bySecret.containsKey(secret.apply(value)) || byOwner.containsKey(owner.apply(value))) return false;
      bySecret.put(secret.apply(value), value);
      byOwner.put(owner.apply(value), value);
      return true;
    }

    boolean current(T value) {
      T stored = byOwner.get(owner.apply(value));
      return bySecret.containsKey(secret.apply(value)) && stored != null && secret.apply(stored).equals(secret.apply(value));
    }

    boolean replace(T previous, T next) {
      if (!owner.apply(previous).equals(owner.apply(next))) throw new IllegalArgumentException("a secret moves within its owner only");
      if (!current(previous) || bySecret.containsKey(secret.apply(next))) return false;
      bySecret.remove(secret.apply(previous));
      bySecret.put(secret.apply(next), next);
      byOwner.put(owner.apply(next), next);
      return true;
    }

    boolean delete(T value) {
      if (!current(value)) return false;
      bySecret.remove(secret.apply(value));
      byOwner.remove(owner.apply(value));
      return true;
    }
  }

  @Override
  public synchronized Optional<MonitorPing> monitorPing(UUID pingId) {
    return Optional.ofNullable(pings.bySecret.get(pingId));
  }

  @Override
  public synchronized Optional<MonitorPing> pingOfMonitor(String monitorId) {
    return valid(monitorId) ? Optional.ofNullable(pings.byOwner.get(monitorId)) : Optional.empty();
  }

  @Override
  public synchronized boolean putMonitorPing(MonitorPing ping) {
    return pings.put(ping);
  }

  @Override
  public synchronized boolean replaceMonitorPing(MonitorPing previous, MonitorPing next) {
    return pings.replace(previous, next);
  }

  @Override
  public synchronized boolean deleteMonitorPing(MonitorPing ping) {
    return pings.delete(ping);
  }

  @Override
  public synchronized Optional<PingKey> pingKey(String key) {
    return valid(key) ? Optional.ofNullable(pingKeys.bySecret.get(key)) : Optional.empty();
  }

  @Override
  public synchronized Optional<PingKey> pingKeyOfProject(String projectId) {
    return valid(projectId) ? Optional.ofNullable(pingKeys.byOwner.get(projectId)) : Optional.empty();
  }

  @Override
  public synchronized boolean putPingKey(PingKey key) {
    return pingKeys.put(key);
  }

  @Override
  public synchronized boolean replacePingKey(PingKey previous, PingKey next) {
    return pingKeys.replace(previous, next);
  }

  @Override
  public synchronized boolean deletePingKey(PingKey key) {
    return pingKeys.delete(key);
  }
  // --- BadgeKeys --------------------------------------------------------------------------------------------------

  @Override
  public synchronized Optional<BadgeKey> badgeKey(String key) {
    return valid(key) ? Optional.ofNullable(badgeKeys.bySecret.get(key)) : Optional.empty();
  }

  @Override
  public synchronized Optional<BadgeKey> badgeKeyOfProject(String projectId) {
    return valid(projectId) ? Optional.ofNullable(badgeKeys.byOwner.get(projectId)) : Optional.empty();
  }

  @Override
  public synchronized boolean putBadgeKey(BadgeKey key) {
    return badgeKeys.put(key);
  }

  @Override
  public synchronized boolean replaceBadgeKey(BadgeKey previous, BadgeKey next) {
    return badgeKeys.replace(previous, next);
  }

  @Override
  public synchronized boolean deleteBadgeKey(BadgeKey key) {
    return badgeKeys.delete(key);
  }


  // --- ProcessingErrorStore ---------------------------------------------------------------------------------------

  @Override
  public synchronized Optional<ErrorCounter> errorCounter(ErrorList list) {
    return valid(list.id()) ? Optional.ofNullable(errorCounters.get(list)) : Optional.empty();
  }

  @Override
  public synchronized boolean saveErrorCounter(ErrorList list, ErrorCounter counter, Instant expiresAt) {
    require(list.id(), "error list id");
    ErrorCounter stored = errorCounters.get(list);
    if (!versionMatches(stored, counter.seq(), ErrorCounter::seq)) return false;
    errorCounters.put(list, counter);
    return true;
  }

  @Override
  public synchronized void putProcessingError(ErrorList list, int slot, long seq, ProcessingError error, Instant expiresAt) {
    require(list.id(), "error list id");
    errorSlots.computeIfAbsent(list, l -> new HashMap<>()).put(slot, new StoredError(seq, error));
  }

  @Override
  public synchronized List<StoredError> processingErrors(ErrorList list) {
    return List.copyOf(errorSlots.getOrDefault(list, Map.of()).values());
  }

  @Override
  public synchronized boolean deleteProcessingError(ErrorList list, UUID id) {
    Map<Integer, StoredError> slots = errorSlots.getOrDefault(list, Map.of());
    return slots.entrySet().removeIf(e -> e.getValue().error().id().equals(id));
  }
}
