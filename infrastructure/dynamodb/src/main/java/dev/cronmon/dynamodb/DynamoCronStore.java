package dev.cronmon.dynamodb;

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
import dev.cronmon.domain.store.CheckInRead;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.store.Credential;
import dev.cronmon.domain.store.MonitorRead;
import dev.cronmon.domain.store.Page;
import dev.cronmon.domain.store.UpdateOutcome;
import dev.cronmon.domain.tenant.ApiToken;
import dev.cronmon.domain.tenant.DsnKey;
import dev.cronmon.domain.tenant.Organization;
import dev.cronmon.domain.tenant.BadgeKey;
import dev.cronmon.domain.tenant.PingKey;
import dev.cronmon.domain.tenant.Project;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link CronStore} on one DynamoDB table (layout: docs/data-model.md, table: {@link TableSchema}): one adapter per
 * port ({@link DynamoTenantStore}, {@link DynamoCredentialStore}, {@link DynamoMonitorStore},
 * {@link DynamoEnvironmentStore}, {@link DynamoCheckInHistory}, {@link DynamoIncidentHistory}, {@link DynamoAlertStore},
 * {@link DynamoDueIndex}, {@link DynamoProcessingErrorStore}) over one {@link Table}, and this class handing each call to
 * its adapter.
 *
 * <p>Every write is conditional: creating requires {@code attribute_not_exists(PK)}, replacing requires the stored
 * {@code version} to be the caller's previous one; a refused condition is a {@code false}, never an exception. Reads
 * of items that writes are conditioned on are strongly consistent, so a caller that lost a race re-reads the winner's
 * state. Lookups with keys that cannot exist ({@link dev.cronmon.domain.store.KeyParts}) find nothing instead of
 * failing, since they come from untrusted requests. To measure what it costs, give it a client carrying a
 * {@link CapacityMeter}.
 *
 * <p>Thread-safe; build one per process, outside the handler, like its {@link DynamoDbClient}.
 */
public final class DynamoCronStore implements CronStore {
  public static final int DEFAULT_DUE_SHARDS = 16;
  /** Index entries read per Query when the check-in history is filtered by environment. */
  static final int FILTERED_QUERY_LIMIT = 200;
  /** Queries one filtered history page may make (20 × 200 entries of ~150 bytes: ~75 RCU per request at most). */
  static final int MAX_FILTERED_QUERIES = 20;

  private final Table table;
  private final DueShards dueShards;
  private final DynamoTenantStore tenants;
  private final DynamoCredentialStore credentials;
  private final DynamoMonitorStore monitors;
  private final DynamoEnvironmentStore environments;
  private final DynamoCheckInHistory checkIns;
  private final DynamoIncidentHistory incidents;
  private final DynamoAlertStore alerts;
  private final DynamoMaintenanceStore maintenance;
  private final DynamoDueIndex due;
  private final DynamoJobOutputs outputs;
  private final DynamoPingAddresses pings;
  private final DynamoProcessingErrorStore processingErrors;
  private final DynamoCheckInReads checkInReads;

  public DynamoCronStore(DynamoDbClient client, String tableName) {
    this(client, tableName, DEFAULT_DUE_SHARDS);
  }

  /** @param dueShards partitions of the due index ({@link DueShards}); writers and the sweeper must agree on it */
  public DynamoCronStore(DynamoDbClient client, String tableName, int dueShards) {
    this(client, tableName, dueShards, FILTERED_QUERY_LIMIT, MAX_FILTERED_QUERIES);
  }

  /** With a smaller budget for filtered history pages, so tests can reach it with few items. */
  DynamoCronStore(DynamoDbClient client, String tableName, int dueShards, int filteredQueryLimit, int maxFilteredQueries) {
    this.table = new Table(client, tableName);
    this.dueShards = new DueShards(dueShards);
    this.tenants = new DynamoTenantStore(table);
    this.credentials = new DynamoCredentialStore(table);
    this.monitors = new DynamoMonitorStore(table);
    this.environments = new DynamoEnvironmentStore(table, this.dueShards);
    this.checkIns = new DynamoCheckInHistory(table, filteredQueryLimit, maxFilteredQueries);
    this.incidents = new DynamoIncidentHistory(table, filteredQueryLimit, maxFilteredQueries);
    this.alerts = new DynamoAlertStore(table);
    this.maintenance = new DynamoMaintenanceStore(table);
    this.due = new DynamoDueIndex(table, this.dueShards);
    this.outputs = new DynamoJobOutputs(table);
    this.pings = new DynamoPingAddresses(table);
    this.processingErrors = new DynamoProcessingErrorStore(table);
    this.checkInReads = new DynamoCheckInReads(table, monitors, pings);
  }

  public String tableName() {
    return table.name();
  }

  /** The due-index partition of an environment (for tools that write environment items themselves). */
  public int dueShard(String monitorId, String environment) {
    return dueShards.of(monitorId, environment);
  }

  // --- TenantStore ---
  @Override public Optional<Organization> organization(String slug) { return tenants.organization(slug); }
  @Override public boolean putOrganization(Organization organization) { return tenants.putOrganization(organization); }
  @Override public boolean replaceOrganization(Organization organization) { return tenants.replaceOrganization(organization); }
  @Override public Optional<Project> project(String projectId) { return tenants.project(projectId); }
  @Override public List<Project> projects(String organization) { return tenants.projects(organization); }
  @Override public boolean putProject(Project project) { return tenants.putProject(project); }
  @Override public UpdateOutcome updateProject(Project previous, Project updated) { return tenants.updateProject(previous, updated); }
  @Override public boolean deleteProject(Project project) { return tenants.deleteProject(project); }

  // --- CredentialStore ---
  @Override public Optional<DsnKey> dsnKey(String publicKey) { return credentials.dsnKey(publicKey); }
  @Override public boolean putDsnKey(DsnKey key) { return credentials.putDsnKey(key); }
  @Override public List<DsnKey> dsnKeys(String projectId) { return credentials.dsnKeys(projectId); }
  @Override public boolean deleteDsnKey(DsnKey key) { return credentials.deleteDsnKey(key); }
  @Override public Optional<ApiToken> tokenByHash(String sha256) { return credentials.tokenByHash(sha256); }
  @Override public boolean putToken(ApiToken token) { return credentials.putToken(token); }
  @Override public List<ApiToken> tokens(String organization) { return credentials.tokens(organization); }
  @Override public Optional<ApiToken> token(String organization, String tokenId) { return credentials.token(organization, tokenId); }
  @Override public boolean deleteToken(ApiToken token) { return credentials.deleteToken(token); }

  // --- MonitorStore ---
  @Override public Optional<Monitor> monitor(String organization, String slug) { return monitors.monitor(organization, slug); }

  @Override
  public CheckInRead checkInRead(Credential credential, String organization, String slug, String environment, UUID checkInId) {
    return checkInReads.read(credential, organization, slug, environment, checkInId);
  }

  @Override
  public Optional<MonitorRead> monitorForCheckIn(String organization, String slug, String environment) {
    return monitors.monitorForCheckIn(organization, slug, environment);
  }

  @Override public boolean putMonitor(Monitor monitor) { return monitors.putMonitor(monitor); }
  @Override public boolean replaceMonitor(Monitor monitor) { return monitors.replaceMonitor(monitor); }
  @Override public UpdateOutcome renameMonitor(Monitor previous, Monitor renamed) { return monitors.renameMonitor(previous, renamed); }
  @Override public boolean deleteMonitor(Monitor monitor) { return monitors.deleteMonitor(monitor); }
  @Override public Page<Monitor> monitors(String organization, String cursor, int limit) { return monitors.monitors(organization, cursor, limit); }
  @Override public int countMonitors(String organization, int atMost) { return monitors.countMonitors(organization, atMost); }
  @Override public boolean projectHasMonitors(String organization, String projectId) { return monitors.projectHasMonitors(organization, projectId); }
  @Override public Map<String, Monitor> monitorsById(Collection<String> monitorIds) { return monitors.monitorsById(monitorIds); }

  // --- EnvironmentStore ---
  @Override public Optional<MonitorEnvironment> environment(String monitorId, String name) { return environments.environment(monitorId, name); }
  @Override public List<MonitorEnvironment> environments(String monitorId) { return environments.environments(monitorId); }
  @Override public int countEnvironments(String monitorId, int atMost) { return environments.countEnvironments(monitorId, atMost); }
  @Override public boolean saveEnvironment(MonitorEnvironment env) { return environments.saveEnvironment(env); }

  @Override
  public boolean saveEnvironmentChange(MonitorEnvironment env, List<CheckIn> created, List<ResolvedIncident> resolved) {
    return environments.saveEnvironmentChange(env, created, resolved);
  }

  @Override public boolean deleteEnvironment(MonitorEnvironment env) { return environments.deleteEnvironment(env); }

  // --- CheckInHistory ---
  @Override public Optional<CheckIn> checkIn(UUID id) { return checkIns.checkIn(id); }
  @Override public boolean saveCheckIn(CheckIn checkIn) { return checkIns.saveCheckIn(checkIn); }

  @Override
  public Page<CheckIn> checkIns(String monitorId, String environment, String cursor, int limit) {
    return checkIns.checkIns(monitorId, environment, cursor, limit);
  }

  @Override
  public Page<CheckIn> checkIns(String monitorId, String environment, Instant from, Instant to, String cursor, int limit) {
    return checkIns.checkIns(monitorId, environment, from, to, cursor, limit);
  }

  // --- IncidentHistory ---
  @Override
  public Page<ResolvedIncident> resolvedIncidents(String monitorId, String environment, String cursor, int limit) {
    return incidents.resolvedIncidents(monitorId, environment, cursor, limit);
  }

  @Override public void deleteResolvedIncidents(String monitorId, String environment) { incidents.deleteResolvedIncidents(monitorId, environment); }

  // --- AlertStore ---
  @Override public Optional<MaintenanceWindow> maintenanceWindow(String organization, String id) { return maintenance.window(organization, id); }
  @Override public List<MaintenanceWindow> maintenanceWindows(String organization) { return maintenance.windows(organization); }
  @Override public boolean saveMaintenanceWindow(MaintenanceWindow window) { return maintenance.save(window); }
  @Override public boolean deleteMaintenanceWindow(String organization, String id, long version) { return maintenance.delete(organization, id, version); }
  @Override public Optional<Channel> channel(String organization, String channelId) { return alerts.channel(organization, channelId); }
  @Override public List<Channel> channels(String organization) { return alerts.channels(organization); }
  @Override public boolean saveChannel(Channel channel) { return alerts.saveChannel(channel); }
  @Override public boolean deleteChannel(String organization, String channelId, long version) { return alerts.deleteChannel(organization, channelId, version); }

  @Override
  public boolean recordChannelOutcome(String organization, String channelId, Instant at, String error) {
    return alerts.recordChannelOutcome(organization, channelId, at, error);
  }

  @Override public Optional<AlertRule> alertRule(AlertRule.Owner owner) { return alerts.alertRule(owner); }
  @Override public boolean saveAlertRule(AlertRule.Owner owner, AlertRule rule) { return alerts.saveAlertRule(owner, rule); }
  @Override public boolean deleteAlertRule(AlertRule.Owner owner, long version) { return alerts.deleteAlertRule(owner, version); }
  @Override public Optional<Delivery> delivery(String channelId, String eventId) { return alerts.delivery(channelId, eventId); }
  @Override public boolean saveDelivery(Delivery delivery) { return alerts.saveDelivery(delivery); }

  // --- DueIndex ---
  @Override public List<MonitorEnvironment> due(Instant now, int limit, Set<Integer> partitions) { return due.due(now, limit, partitions); }
  @Override public int partitions() { return dueShards.count(); }

  // --- JobOutputs ---
  @Override
  public boolean saveOutput(UUID checkInId, Instant checkInCreated, Instant received, JobOutput output) {
    return outputs.saveOutput(checkInId, checkInCreated, received, output);
  }

  @Override public Optional<JobOutput> output(UUID checkInId) { return outputs.output(checkInId); }

  // --- PingAddresses ---
  @Override public Optional<MonitorPing> monitorPing(UUID pingId) { return pings.monitorPing(pingId); }
  @Override public Optional<MonitorPing> pingOfMonitor(String monitorId) { return pings.pingOfMonitor(monitorId); }
  @Override public boolean putMonitorPing(MonitorPing ping) { return pings.putMonitorPing(ping); }
  @Override public boolean replaceMonitorPing(MonitorPing previous, MonitorPing next) { return pings.replaceMonitorPing(previous, next); }
  @Override public boolean deleteMonitorPing(MonitorPing ping) { return pings.deleteMonitorPing(ping); }
  @Override public Optional<PingKey> pingKey(String key) { return pings.pingKey(key); }
  @Override public Optional<PingKey> pingKeyOfProject(String projectId) { return pings.pingKeyOfProject(projectId); }
  @Override public boolean putPingKey(PingKey key) { return pings.putPingKey(key); }
  @Override public boolean replacePingKey(PingKey previous, PingKey next) { return pings.replacePingKey(previous, next); }
  @Override public boolean deletePingKey(PingKey key) { return pings.deletePingKey(key); }

  // --- BadgeKeys ---
  @Override public Optional<BadgeKey> badgeKey(String key) { return pings.badgeKey(key); }
  @Override public Optional<BadgeKey> badgeKeyOfProject(String projectId) { return pings.badgeKeyOfProject(projectId); }
  @Override public boolean putBadgeKey(BadgeKey key) { return pings.putBadgeKey(key); }
  @Override public boolean replaceBadgeKey(BadgeKey previous, BadgeKey next) { return pings.replaceBadgeKey(previous, next); }
  @Override public boolean deleteBadgeKey(BadgeKey key) { return pings.deleteBadgeKey(key); }

  // --- ProcessingErrorStore ---
  @Override public Optional<ErrorCounter> errorCounter(ErrorList list) { return processingErrors.errorCounter(list); }
  @Override public boolean saveErrorCounter(ErrorList list, ErrorCounter c, Instant expiresAt) { return processingErrors.saveErrorCounter(list, c, expiresAt); }
  @Override public void putProcessingError(ErrorList list, int slot, long seq, ProcessingError e, Instant expiresAt) { processingErrors.putProcessingError(list, slot, seq, e, expiresAt); }
  @Override public List<StoredError> processingErrors(ErrorList list) { return processingErrors.processingErrors(list); }
  @Override public boolean deleteProcessingError(ErrorList list, UUID id) { return processingErrors.deleteProcessingError(list, id); }
}
