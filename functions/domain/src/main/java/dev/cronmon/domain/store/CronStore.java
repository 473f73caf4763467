package dev.cronmon.domain.store;

import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorPing;
import dev.cronmon.domain.tenant.DsnKey;
import dev.cronmon.domain.tenant.PingKey;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Every storage port in one: what a process builds once and hands to the services. Each service needs only some of
 * the ports ({@link TenantStore}, {@link CredentialStore}, {@link MonitorStore}, {@link EnvironmentStore},
 * {@link CheckInHistory}, {@link IncidentHistory}, {@link AlertStore}, {@link DueIndex}, {@link JobOutputs}, {@link PingAddresses},
 * {@link ProcessingErrorStore}, {@link MaintenanceStore}, {@link BadgeKeys}).
 *
 * <p>Every write is conditional: the {@code put…} methods return false instead of overwriting an existing item, the
 * versioned ones ({@code save…}, {@code replace…}, {@code delete…}) return false when the stored version is not the
 * expected one, so the caller re-reads and tries again ({@link Retry}). Writes of several items are all or nothing.
 * The DynamoDB implementation lives in infrastructure/dynamodb; an in-memory one, held to the same contract
 * ({@code StoreContract}), in this module's tests.
 */
public interface CronStore
    extends TenantStore, CredentialStore, MonitorStore, EnvironmentStore, CheckInHistory, IncidentHistory, AlertStore,
        DueIndex, JobOutputs, PingAddresses, ProcessingErrorStore, MaintenanceStore, BadgeKeys {

  /**
   * Everything a check-in reads before it decides, in one round trip where the store can (docs/data-model.md, "Round
   * trips and units of a check-in"): the {@code credential}, never cached; the monitor {@code slug} of
   * {@code organization} (null: the credential's: a DSN key's or ping key's organization, a ping UUID's monitor) with
   * its environment {@code environment} as {@link #monitorForCheckIn} reads them; and check-in {@code checkInId} (null:
   * none). This default reads them one after another.
   */
  default CheckInRead checkInRead(Credential credential, String organization, String slug, String environment, UUID checkInId) {
    Optional<?> found = switch (credential.kind()) {
      case TOKEN -> tokenByHash(credential.id());
      case DSN_KEY -> dsnKey(credential.id());
      case PING_KEY -> pingKey(credential.id());
      case PING_ID -> uuid(credential.id()).flatMap(this::monitorPing);
    };
    String org = organization;
    String monitorSlug = slug;
    if (org == null && found.isPresent()) {
      Object f = found.get();
      if (f instanceof DsnKey k) org = k.organization();
      if (f instanceof PingKey k) org = k.organization();
      if (f instanceof MonitorPing p) {
        Monitor m = monitorsById(List.of(p.monitorId())).get(p.monitorId());
        org = m == null || !m.organization().equals(p.organization()) ? null : m.organization();
        monitorSlug = m == null ? null : m.slug();
      }
    }
    MonitorRead read = org == null || monitorSlug == null ? null : monitorForCheckIn(org, monitorSlug, environment)
        .map(r -> checkInId == null ? r : r.withCheckIn(checkInId, checkIn(checkInId))).orElse(null);
    return new CheckInRead(credential, found, read);
  }

  private static Optional<UUID> uuid(String text) {
    try {
      return Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException notAUuid) {
      return Optional.empty();
    }
  }
}
