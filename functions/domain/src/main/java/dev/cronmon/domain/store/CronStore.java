package dev.cronmon.domain.store;

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
        DueIndex, JobOutputs, PingAddresses, ProcessingErrorStore, MaintenanceStore, BadgeKeys {}
