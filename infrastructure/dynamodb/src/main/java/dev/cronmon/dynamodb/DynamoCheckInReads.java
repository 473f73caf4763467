package dev.cronmon.dynamodb;

import static dev.cronmon.domain.store.KeyParts.valid;

import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorPing;
import dev.cronmon.domain.store.CheckInRead;
import dev.cronmon.domain.store.Credential;
import dev.cronmon.domain.store.MonitorRead;
import dev.cronmon.domain.tenant.DsnKey;
import dev.cronmon.domain.tenant.PingKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A check-in's reads in one consistent BatchGetItem (docs/data-model.md, "Round trips and units of a check-in"): the
 * credential, never cached (a revoked one is refused from the next request on); the monitor, and when its id is known
 * its environment; the check-in the request names by id. A request with a DSN key or a ping key names no organization,
 * and one with a ping UUID no monitor: what the function last read with that credential is used (a key never changes
 * organization; a ping UUID names one monitor until rotated, when it stops existing), and the credential read in the same
 * request confirms it. What the batch could not hold (not known yet in this function) is left out: the check-in reads
 * it itself, and the next one finds it known.
 */
final class DynamoCheckInReads {
  private final Table table;
  private final DynamoMonitorStore monitors;
  private final DynamoPingAddresses pings;
  /** Per credential id: the organization of a DSN or ping key, the monitor id of a ping UUID, as last read. */
  private final Map<String, String> owners = new ConcurrentHashMap<>();

  DynamoCheckInReads(Table table, DynamoMonitorStore monitors, DynamoPingAddresses pings) {
    this.table = table;
    this.monitors = monitors;
    this.pings = pings;
  }

  CheckInRead read(Credential credential, String organization, String slug, String environment, UUID checkInId) {
    Map<String, AttributeValue> credentialKey = credentialKey(credential);
    if (credentialKey == null) return new CheckInRead(credential, Optional.empty(), null);
    boolean byPingId = credential.kind() == Credential.Kind.PING_ID;
    String org = organization != null || byPingId ? organization : owners.get(credential.id());
    // The monitor: by organization and slug, or (a ping UUID) its copy in the monitor-ref, by the id the UUID named.
    String monitorId = byPingId ? owners.get(credential.id()) : valid(org) && valid(slug) ? monitors.knownId(org, slug) : null;
    Map<String, AttributeValue> monitorKey = byPingId ? (monitorId == null ? null : Keys.monitorRef(monitorId))
        : valid(org) && valid(slug) ? Keys.monitor(org, slug) : null;
    Map<String, AttributeValue> envKey = monitorKey != null && monitorId != null && valid(environment)
        ? Keys.environment(monitorId, environment) : null;
    Map<String, AttributeValue> checkInKey = monitorKey != null && checkInId != null ? Keys.checkIn(checkInId) : null;
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (Map<String, AttributeValue> k : Arrays.asList(credentialKey, monitorKey, envKey, checkInKey)) if (k != null) keys.add(k);
    Map<String, Map<String, AttributeValue>> found = new HashMap<>();
    for (Map<String, AttributeValue> item : table.batchGet(keys)) found.put(Table.keyOf(item), item);

    Optional<?> secret = Optional.ofNullable(found.get(Table.keyOf(credentialKey))).map(item -> parse(credential, item));
    secret.ifPresent(s -> remember(credential, s));
    Map<String, AttributeValue> monitorItem = monitorKey == null ? null : found.get(Table.keyOf(monitorKey));
    if (monitorItem == null || !confirms(secret, org, monitorId) || LegacyItems.isPointerOnly(monitorItem)) {
      return new CheckInRead(credential, secret, null);
    }
    Monitor monitor = MonitorItems.monitor(monitorItem);
    if (secret.get() instanceof MonitorPing p && !monitor.organization().equals(p.organization())) return new CheckInRead(credential, secret, null);
    monitors.learned(monitor);
    MonitorRead read = envKey != null && monitor.id().equals(monitorId)
        ? new MonitorRead(monitor, environment, Optional.ofNullable(found.get(Table.keyOf(envKey))).map(EnvironmentItems::environment))
        : new MonitorRead(monitor, null, Optional.empty()); // its environment is read by the check-in
    if (checkInKey != null) read = read.withCheckIn(checkInId, Optional.ofNullable(found.get(Table.keyOf(checkInKey))).map(CheckInItems::checkIn));
    return new CheckInRead(credential, secret, read);
  }

  /** The credential's item key, or null when its id cannot be a key. */
  private Map<String, AttributeValue> credentialKey(Credential c) {
    if (!valid(c.id())) return null;
    return switch (c.kind()) {
      case TOKEN -> Keys.token(c.id());
      case DSN_KEY -> Keys.dsnKey(c.id());
      case PING_KEY -> pings.pingKeyItemKey(c.id());
      case PING_ID -> {
        try {
          yield DynamoPingAddresses.pingItemKey(UUID.fromString(c.id()));
        } catch (IllegalArgumentException notAUuid) {
          yield null;
        }
      }
    };
  }

  private Object parse(Credential c, Map<String, AttributeValue> item) {
    return switch (c.kind()) {
      case TOKEN -> TenantItems.token(item);
      case DSN_KEY -> TenantItems.dsnKey(item);
      case PING_KEY -> pings.pingKey(item);
      case PING_ID -> DynamoPingAddresses.monitorPing(item);
    };
  }

  private void remember(Credential c, Object secret) {
    String owner = secret instanceof DsnKey k ? k.organization() : secret instanceof PingKey k ? k.organization()
        : secret instanceof MonitorPing p ? p.monitorId() : null;
    if (owner == null) return;
    if (owners.size() >= DynamoMonitorStore.MONITOR_IDS_MAX) owners.clear();
    owners.put(c.id(), owner);
  }

  /** Whether the credential read now names the organization (or monitor) the monitor was read by. */
  private static boolean confirms(Optional<?> secret, String org, String monitorId) {
    if (secret.isEmpty()) return false;
    Object s = secret.get();
    if (s instanceof DsnKey k) return k.organization().equals(org);
    if (s instanceof PingKey k) return k.organization().equals(org);
    if (s instanceof MonitorPing p) return p.monitorId().equals(monitorId);
    return true; // a token: the organization is the request's own, checked by its caller
  }
}
