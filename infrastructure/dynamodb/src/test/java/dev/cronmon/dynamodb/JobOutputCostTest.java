package dev.cronmon.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.service.CheckInCommand;
import dev.cronmon.domain.service.CheckInResult;
import dev.cronmon.domain.service.CheckInService;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.checkin.JobOutput;
import dev.cronmon.domain.checkin.RunFacts;
import dev.cronmon.domain.checkin.RunReport;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.codec.MonitorConfigJson;
import dev.cronmon.domain.service.MonitorService;
import dev.cronmon.domain.tenant.Limits;
import dev.cronmon.domain.time.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What job output costs in capacity units, as DynamoDB Local reports them (CapacityMeter): the output item beside the
 * check-in is one PutItem of its compressed size, and a history page reads none of it (docs/data-model.md, "Sizes and
 * costs"). Units, not time: they are what DynamoDB bills.
 */
class JobOutputCostTest extends StoreTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** 10,000 bytes of what a backup script prints: lines that repeat with small changes. */
  private static byte[] logText() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; out.length() < 10_000; i++) out.append("2026-03-02 03:00:").append(i % 60).append(" copied /var/backups/db-").append(i).append(".sql.gz (").append(1000 + i * 7).append(" kB)\n");
    return out.substring(0, 10_000).getBytes(StandardCharsets.UTF_8);
  }

  private double errorWith(CheckInService checkIns, Monitor monitor, MutableClock clock, CapacityMeter meter, JobOutput output) {
    clock.advance(Duration.ofHours(1));
    meter.reset();
    CheckInResult r = checkIns.checkIn(new CheckInCommand(monitor, "production", CheckInStatus.ERROR, null, null, null,
        new RunReport(1, RunFacts.exited(1), output, false)));
    assertThat(r.accepted()).isTrue();
    return meter.writeUnits();
  }

  @Test
  void outputCostsOnePutOfItsCompressedSize_andHistoryPagesReadNoneOfIt() throws Exception {
    MutableClock clock = MutableClock.at("2026-03-02T10:00:00Z");
    CapacityMeter meter = new CapacityMeter();
    DynamoCronStore store = metered(meter);
    Monitor monitor = new MonitorService(store, clock, Limits.DEFAULT).upsertFromCheckIn("acme", "1", "job",
        MonitorConfigJson.fromSdk(JSON.readTree("{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"}}"))).monitor();
    CheckInService checkIns = new CheckInService(store, clock, Limits.DEFAULT);
    errorWith(checkIns, monitor, clock, meter, null); // the environment's first write

    double none = errorWith(checkIns, monitor, clock, meter, null);
    double text = errorWith(checkIns, monitor, clock, meter, JobOutput.of(logText(), JobOutput.DEFAULT_LIMIT));
    byte[] random = new byte[10_000];
    new Random(7).nextBytes(random);
    double binary = errorWith(checkIns, monitor, clock, meter, JobOutput.of(random, JobOutput.DEFAULT_LIMIT));
    meter.reset();
    var page = store.checkIns(monitor.id(), null, null, 20);
    double pageRead = meter.readUnits();

    System.out.println("error check-in: " + none + " WCU; with 10,000 bytes of log text: " + text
        + " WCU; with 10,000 random bytes: " + binary + " WCU; a history page of " + page.items().size() + ": " + pageRead + " RCU");
    assertThat(page.items()).extracting(CheckIn::status).contains(CheckInStatus.ERROR);
    assertThat(text - none).as("log text compresses: a few KB").isBetween(1.0, 4.0);
    assertThat(binary - none).as("random bytes do not: ~10 KB").isBetween(9.0, 12.0);
    assertThat(pageRead).as("the page reads check-ins only, never their output").isLessThan(10.0);
  }
}
