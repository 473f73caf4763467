package dev.cronmon.domain.store;

import java.time.Instant;
import java.util.Optional;

/** Unit layer (no I/O): the in-memory store keeps the store contract, so domain tests on it test what DynamoDB does. */
class InMemoryStoreContractTest extends StoreContract {
  @Override
  protected CronStore newStore() {
    return new InMemoryStore();
  }

  @Override
  protected Optional<Instant> storedExpiry(Object record) {
    if (record instanceof OutputOf o) return Optional.of(((InMemoryStore) store).outputExpiresAt(o.checkInId()));
    return Optional.of(InMemoryStore.expiresAt(record));
  }
}
