package dev.cronmon.domain.store;

import dev.cronmon.domain.monitor.MonitorPing;
import dev.cronmon.domain.tenant.ApiToken;
import dev.cronmon.domain.tenant.DsnKey;
import dev.cronmon.domain.tenant.PingKey;
import java.util.Objects;
import java.util.Optional;

/**
 * What a check-in reads before it decides, read together ({@link CronStore#checkInRead}): the {@code credential} it
 * presents and what the lookup {@code found} (an {@link ApiToken}, {@link DsnKey}, {@link PingKey} or
 * {@link MonitorPing} as the credential's kind says; strongly consistent, so a revoked one is refused at once), and its
 * monitor with the environment and check-in it names ({@code monitor}; null when the read could not include it, and the
 * check-in then reads them itself).
 */
public record CheckInRead(Credential credential, Optional<?> found, MonitorRead monitor) {
  public CheckInRead {
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(found, "found");
  }

  /** Whether this read holds the lookup of {@code c}. */
  public boolean holds(Credential c) {
    return credential.equals(c);
  }

  public Optional<ApiToken> token() {
    return as(ApiToken.class);
  }

  public Optional<DsnKey> dsnKey() {
    return as(DsnKey.class);
  }

  public Optional<PingKey> pingKey() {
    return as(PingKey.class);
  }

  public Optional<MonitorPing> monitorPing() {
    return as(MonitorPing.class);
  }

  private <T> Optional<T> as(Class<T> type) {
    return found.filter(type::isInstance).map(type::cast);
  }
}
