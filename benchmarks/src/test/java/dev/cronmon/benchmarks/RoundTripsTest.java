package dev.cronmon.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundTripsTest {
  @Test
  void overlappingRequests_areOneRoundTrip_andRequestsOneAfterAnother_oneEach() {
    // a read, then two writes in flight together (the second starts before the first ends), then a lone write
    List<long[]> spans = List.of(new long[] {0, 10}, new long[] {12, 20}, new long[] {13, 25}, new long[] {30, 31});
    assertThat(RoundTrips.serial(spans)).isEqualTo(3);
  }

  @Test
  void requestsTouchingEnds_areStillSerial_andAnEmptyListIsNone() {
    assertThat(RoundTrips.serial(List.of(new long[] {0, 10}, new long[] {11, 20}))).isEqualTo(2);
    assertThat(RoundTrips.serial(List.of(new long[] {20, 30}, new long[] {0, 40}))).isEqualTo(1); // order of arrival does not matter
    assertThat(RoundTrips.serial(List.of())).isZero();
  }
}
