package dev.cronmon.domain.store;

import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.alert.Channel;
import dev.cronmon.domain.alert.Delivery;
import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.incident.ResolvedIncident;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorEnvironment;
import dev.cronmon.domain.tenant.ApiToken;
import dev.cronmon.domain.tenant.DsnKey;
import dev.cronmon.domain.tenant.Organization;
import dev.cronmon.domain.tenant.Project;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The storage port. Every write is conditional: the {@code put…} methods return false instead of overwriting an
 * existing item, the {@code replace…} methods return false when the stored version is not the expected one, so the
 * caller re-reads and tries again. The DynamoDB implementation lives in infrastructure/dynamodb.
 */
public interface CronStore extends ProcessingErrorStore {

  // --- tenancy ---
  Optional<Organization> organization(String slug);

  boolean putOrganization(Organization organization);

  Optional<Project> project(String projectId);

  List<Project> projects(String organization);

  boolean putProject(Project project);

  Optional<DsnKey> dsnKey(String publicKey);

  boolean putDsnKey(DsnKey key);

  Optional<ApiToken> tokenByHash(String sha256);

  boolean putToken(ApiToken token);

  // --- monitors ---
  Optional<Monitor> monitor(String organization, String slug);

  /**
   * The monitor of {@code slug}, strongly consistent, and with it, when the store can read both in one request, its
   * environment {@code environment} (the check-in's hot path: one request instead of two).
   */
  Optional<MonitorRead> monitorForCheckIn(String organization, String slug, String environment);

  /** Creates the monitor at version 1; false when the slug is taken in that organization. */
  boolean putMonitor(Monitor monitor);

  /** Writes {@code monitor} (whose version is the new one) if the stored version is {@code monitor.version() - 1}. */
  boolean replaceMonitor(Monitor monitor);

  Page<Monitor> monitors(String organization, String cursor, int limit);

  // --- environments ---
  Optional<MonitorEnvironment> environment(String monitorId, String name);

  List<MonitorEnvironment> environments(String monitorId);

  /** Creates (version 1) or replaces (stored version = {@code env.version() - 1}) the environment. */
  boolean saveEnvironment(MonitorEnvironment env);

  // --- check-ins ---
  Optional<CheckIn> checkIn(UUID id);

  /** Creates (version 1) or replaces (stored version = {@code checkIn.version() - 1}) the check-in. */
  boolean saveCheckIn(CheckIn checkIn);

  /** Newest first; {@code environment} null for all environments. */
  Page<CheckIn> checkIns(String monitorId, String environment, String cursor, int limit);

  // --- administration (issue #6) ---

  /** Replaces the organization's item (name, limits); false when it does not exist. */
  boolean replaceOrganization(Organization organization);

  /**
   * Renames a project ({@code updated} has the same id): false when the stored project is no longer {@code previous}
   * or the new slug is taken in the organization. Project slugs are unique per organization ({@link #putProject}
   * returns false for a taken slug too).
   */
  UpdateOutcome updateProject(Project previous, Project updated);

  /** Deletes the project item, its listing copy and its slug; false when it is already gone. */
  boolean deleteProject(Project project);

  /** Whether any monitor of the organization belongs to the project. */
  boolean projectHasMonitors(String organization, String projectId);

  /** The live keys of a project, oldest first. */
  List<DsnKey> dsnKeys(String projectId);

  /** Deletes the key: it stops authenticating check-ins; false when it is already gone. */
  boolean deleteDsnKey(DsnKey key);

  /** The organization's tokens (hashes, never secrets), oldest first. */
  List<ApiToken> tokens(String organization);

  Optional<ApiToken> token(String organization, String tokenId);

  /** Deletes the token: it stops authenticating at once; false when it is already gone. */
  boolean deleteToken(ApiToken token);

  /** Moves {@code previous} to {@code renamed}'s slug, with {@code renamed.version() == previous.version() + 1}. */
  UpdateOutcome renameMonitor(Monitor previous, Monitor renamed);

  /** Deletes the monitor item if its stored version is {@code monitor.version()}. */
  boolean deleteMonitor(Monitor monitor);

  /** How many monitors the organization has, counting no further than {@code atMost}. */
  int countMonitors(String organization, int atMost);

  /** How many environments the monitor has, counting no further than {@code atMost}. */
  int countEnvironments(String monitorId, int atMost);

  /** Deletes the environment if its stored version is {@code env.version()}. */
  boolean deleteEnvironment(MonitorEnvironment env);

  /** {@link #saveEnvironment} and, in the same transaction, the incident it resolved as history. */
  boolean saveEnvironment(MonitorEnvironment env, ResolvedIncident resolved);

  /** Resolved incidents of a monitor, newest (by start) first; {@code environment} null for all environments. */
  Page<ResolvedIncident> resolvedIncidents(String monitorId, String environment, String cursor, int limit);

  /** Deletes the resolved incidents of one environment of a monitor. */
  void deleteResolvedIncidents(String monitorId, String environment);

  /**
   * Newest first, created in [{@code from}, {@code to}) (either may be null: unbounded); {@code environment} null for
   * all environments.
   */
  Page<CheckIn> checkIns(String monitorId, String environment, Instant from, Instant to, String cursor, int limit);

  // --- sweeping ---

  /** How many partitions the due index has; the sweeper reads each with {@link #due}. */
  int dueShards();

  /**
   * Environments of one due-index shard whose {@link MonitorEnvironment#dueAt()} is at or before {@code now}, earliest
   * first, at most {@code limit}, each read strongly consistently (those no longer due are left out).
   */
  List<MonitorEnvironment> due(int shard, Instant now, int limit);

  /** The monitors with these ids (the sweeper knows environments, which name their monitor by id); unknown ids are absent. */
  Map<String, Monitor> monitorsById(Collection<String> monitorIds);

  /**
   * Saves the environment and the check-ins atomically, each under the rule of {@link #saveEnvironment} and
   * {@link #saveCheckIn} (version 1 creates, version n replaces n - 1); false, with nothing written, when any of those
   * conditions fails. This is how a missed or timed-out check-in is written together with the decision that made it.
   */
  boolean saveEnvironmentWithCheckIns(MonitorEnvironment env, List<CheckIn> checkIns);

  /**
   * Saves the environment, the check-ins (as {@link #saveEnvironmentWithCheckIns}) and creates the resolved incidents,
   * all in one transaction; false, with nothing written, when any condition fails. How the state core stores one
   * transition (dev.cronmon.domain.lifecycle.EnvironmentWriter).
   */
  boolean saveEnvironmentChange(MonitorEnvironment env, List<CheckIn> checkIns, List<ResolvedIncident> resolved);
  // --- alerts: channels, alert rules, deliveries ---
  Optional<Channel> channel(String organization, String channelId);

  /** The organization's channels (a few per organization; the API caps them). */
  List<Channel> channels(String organization);

  /** Creates (version 1) or replaces (stored version = {@code channel.version() - 1}) the channel. */
  boolean saveChannel(Channel channel);

  /** Deletes the channel if its stored version is {@code version}; false otherwise. */
  boolean deleteChannel(String organization, String channelId, long version);

  /**
   * Records a delivery outcome on the channel ({@code error} null: delivered) without touching its settings, and
   * bumps its version so a concurrent settings update re-reads; false when the channel no longer exists.
   */
  boolean recordChannelOutcome(String organization, String channelId, Instant at, String error);

  Optional<AlertRule> alertRule(AlertRule.Owner owner);

  /** Creates (version 1) or replaces (stored version = {@code rule.version() - 1}) the rule of {@code owner}. */
  boolean saveAlertRule(AlertRule.Owner owner, AlertRule rule);

  /** Deletes the rule of {@code owner} if its stored version is {@code version}; false otherwise. */
  boolean deleteAlertRule(AlertRule.Owner owner, long version);

  Optional<Delivery> delivery(String channelId, String eventId);

  /** Creates (version 1) or replaces (stored version = {@code delivery.version() - 1}) the delivery record. */
  boolean saveDelivery(Delivery delivery);
}
