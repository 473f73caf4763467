package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.api.ApiResponse;
import dev.cronmon.api.IngestApi;
import dev.cronmon.api.ManageApi;
import dev.cronmon.lambda.Priming;
import org.junit.jupiter.api.Test;

/** SnapStart priming runs the real request path against the real table and changes nothing. */
class PrimingTest extends LocalStackTestBase {

  @Test
  void priming_exercisesIngestAndManage_withoutWriting() {
    var services = stack.services();
    var before = tableItems();

    ApiResponse ingest = Priming.of(new IngestApi(services.store(), clock)::handle, "POST",
        "/api/0/organizations/priming/monitors/priming/checkins/").prime();
    ApiResponse manage = Priming.of(new ManageApi(services.store(), clock)::handle, "GET",
        "/api/0/organizations/priming/monitors/").prime();

    assertThat(ingest.status()).isEqualTo(401);
    assertThat(manage.status()).isEqualTo(401);
    assertThat(tableItems()).isEqualTo(before);
  }
}
