package dev.cronmon.benchmarks;

/**
 * Cost per monitor-month from the measured capacity units, at AWS us-east-1 list prices (docs/benchmarks.md names
 * them with their date). A month is 730 hours, as AWS prices it.
 */
final class Cost {
  static final double WRITE_REQUEST_UNIT = 0.625 / 1e6; // DynamoDB on-demand
  static final double READ_REQUEST_UNIT = 0.125 / 1e6;
  static final double LAMBDA_GB_SECOND_ARM = 0.0000133334; // template.yaml: arm64
  static final double LAMBDA_REQUEST = 0.20 / 1e6;
  static final double HTTP_API_REQUEST = 1.00 / 1e6; // first 300 million a month
  static final double MEMORY_GB = 1.0; // template.yaml: MemorySize 1024
  /** Billed duration assumed per warm check-in request on Lambda (a handful of in-region DynamoDB calls). */
  static final double SECONDS_PER_REQUEST = 0.025;
  static final double HOURS_PER_MONTH = 730;

  private Cost() {}

  static double perRequest(double writeUnits, double readUnits, int requests) {
    return writeUnits * WRITE_REQUEST_UNIT + readUnits * READ_REQUEST_UNIT
        + requests * (HTTP_API_REQUEST + LAMBDA_REQUEST + SECONDS_PER_REQUEST * MEMORY_GB * LAMBDA_GB_SECOND_ARM);
  }

  static void print(Benchmarks.Units u) {
    double heartbeat = perRequest(u.heartbeatWrite(), u.heartbeatRead(), 1);
    double pair = perRequest(u.pairWrite(), u.pairRead(), 2);
    out.printf("%n## Cost per monitor-month (us-east-1 list prices, %.0f ms x %.0f GB billed per request)%n",
        SECONDS_PER_REQUEST * 1000, MEMORY_GB);
    out.printf("one heartbeat: $%.8f; one in_progress+ok pair: $%.8f%n", heartbeat, pair);
    row("hourly job, heartbeat", heartbeat * HOURS_PER_MONTH);
    row("hourly job, in_progress+ok", pair * HOURS_PER_MONTH);
    row("per-minute job, heartbeat", heartbeat * HOURS_PER_MONTH * 60);
    row("per-minute job, in_progress+ok", pair * HOURS_PER_MONTH * 60);
    out.println("(target: hourly <= $0.01; the sweeper's fixed cost is shared by all monitors, see docs/benchmarks.md)");
  }

  private static final java.io.PrintStream out = Benchmarks.out;

  private static void row(String what, double dollars) {
    out.printf("%s: $%.4f per month%n", what, dollars);
  }
}
