package dev.cronmon.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CostTest {
  @Test
  void perRequest_addsUnitsAtDynamoPrices_andOneRequestOfEachServicePerRequest() {
    // GIVEN 6 write units and 2.5 read units spent by one request
    // WHEN it is priced
    double dollars = Cost.perRequest(6, 2.5, 1);

    // THEN DynamoDB units, one HTTP API request, one Lambda request and its GB-seconds are added
    double expected = 6 * 0.625e-6 + 2.5 * 0.125e-6 + 1.0e-6 + 0.2e-6 + 0.025 * 1.0 * 0.0000133334;
    assertThat(dollars).isCloseTo(expected, within(1e-15));
  }

  @Test
  void perRequest_chargesTheRequestPricesPerRequest_notPerUnit() {
    // GIVEN no DynamoDB units, two requests
    // WHEN priced
    double two = Cost.perRequest(0, 0, 2);

    // THEN twice the per-request price of one
    assertThat(two).isCloseTo(2 * Cost.perRequest(0, 0, 1), within(1e-15));
  }
}
