package dev.cronmon.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.MonitorSearch;
import dev.cronmon.domain.service.OrganizationMonitors;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * What a Prometheus scrape (and a project's badge) reads, on DynamoDB Local: every monitor environment of a full
 * organization by Queries only (the organization's monitors, then each monitor's environments), never a Scan, and
 * nothing of another organization.
 */
class ScrapeCostTest extends StoreTestSupport {

  @Test
  void aFullOrganization_isReadByOneQueryPerMonitorAndOneForTheList_neverAScan() {
    for (int i = 0; i < 1000; i++) {
      Monitor m = Fixtures.monitor("acme", String.format("job-%04d", i));
      store.putMonitor(m);
      store.saveEnvironment(Fixtures.idleEnvironment(m.id(), "production"));
    }
    Monitor other = Fixtures.monitor("other", "job-0000");
    store.putMonitor(other);
    store.saveEnvironment(Fixtures.idleEnvironment(other.id(), "production"));
    CapacityMeter meter = new CapacityMeter();
    List<String> operations = new CopyOnWriteArrayList<>();
    ExecutionInterceptor recorder = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        operations.add(context.request().getClass().getSimpleName());
      }
    };
    DynamoCronStore scraping = new DynamoCronStore(clientWith(meter, recorder), table);

    List<MonitorSearch.Listed> all = new OrganizationMonitors(scraping).all("acme", null, true);

    assertThat(all).hasSize(1000).allSatisfy(l -> assertThat(l.environments()).hasSize(1));
    assertThat(all).noneMatch(l -> l.monitor().id().equals(other.id()));
    assertThat(operations).as("Queries only").containsOnly("QueryRequest").hasSize(1001);
    System.out.println("scrape of 1,000 monitors with one environment each: " + meter);
    // Each environment Query is strongly consistent, 1 RCU; the monitor list ~370 KB at 1 RCU per 4 KB (also consistent).
    assertThat(meter.readUnits()).isBetween(1000.0, 1100.0);
  }
}
