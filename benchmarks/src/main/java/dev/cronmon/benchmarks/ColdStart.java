package dev.cronmon.benchmarks;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.cronmon.alerts.AlertsHandler;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.incident.Failure;
import dev.cronmon.domain.incident.IncidentEvent;
import dev.cronmon.domain.incident.codec.IncidentEventCodec;
import dev.cronmon.ingest.IngestHandler;
import dev.cronmon.lambda.Services;
import dev.cronmon.manage.ManageHandler;
import dev.cronmon.sweeper.SweeperHandler;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The child of a cold-start measurement, run as {@code java -cp <function>-lambda.jar:cronmon-benchmarks.jar}: builds
 * one handler from the environment (TABLE_NAME, DYNAMODB_ENDPOINT, …, as on Lambda), handles one event, prints the
 * result's status and exits. Uses only classes the function's artifact holds. {@code bare} prints and exits at once:
 * the JVM start it is compared with.
 */
public final class ColdStart {
  private ColdStart() {}

  public static void main(String[] args) {
    String function = args[0];
    if (function.equals("bare")) {
      System.out.println("handled bare");
      return;
    }
    long start = System.nanoTime();
    Services services = Services.from(System::getenv, Services.systemClock());
    long servicesBuilt = System.nanoTime();
    long handlerBuilt;
    String outcome;
    switch (function) {
      case "ingest" -> {
        IngestHandler handler = new IngestHandler(services);
        handlerBuilt = System.nanoTime();
        outcome = "status " + handler.handleRequest(http("POST", args[1], args[2], "{\"status\":\"ok\"}"), null).getStatusCode();
      }
      case "manage" -> {
        ManageHandler handler = new ManageHandler(services);
        handlerBuilt = System.nanoTime();
        outcome = "status " + handler.handleRequest(http("GET", args[1], args[2], null), null).getStatusCode();
      }
      case "sweeper" -> {
        SweeperHandler handler = new SweeperHandler(services);
        handlerBuilt = System.nanoTime();
        outcome = "complete " + handler.handleRequest(new ScheduledEvent(), null).complete();
      }
      case "alerts" -> {
        AlertsHandler handler = new AlertsHandler(services);
        handlerBuilt = System.nanoTime();
        handler.handleRequest(incidentEvent(), null);
        outcome = "delivered";
      }
      default -> throw new IllegalArgumentException("unknown function " + function);
    }
    long handled = System.nanoTime();
    // Where the time after main went (the rest of a cold start is the JVM's own start and loading this class).
    // Concatenated, not formatted: java.util.Formatter would add its own class loading before the line is out.
    System.out.println("handled " + function + " " + outcome + " (services " + (servicesBuilt - start) / 1_000_000
        + " ms, handler " + (handlerBuilt - servicesBuilt) / 1_000_000 + " ms, first event " + (handled - handlerBuilt) / 1_000_000 + " ms)");
    // Returning from main (no System.exit) lets -XX:ArchiveClassesAtExit / -XX:AOTCacheOutput write their archive.
  }

  /** An incident event as SNS hands it to the alerts function, of a monitor with no alert rule: nothing is sent. */
  static SNSEvent incidentEvent() {
    Instant at = Instant.now();
    IncidentEvent event = new IncidentEvent(UUID.randomUUID() + ":opened", IncidentEvent.Type.OPENED, "bench",
        UUID.randomUUID().toString(), "cold", "cold", "production", UUID.randomUUID().toString(), at, at,
        List.of(new Failure(null, CheckInStatus.MISSED, at)), at);
    String message = IncidentEventCodec.eventBridgeEvent(event, "000000000000", "us-east-1");
    return new SNSEvent().withRecords(List.of(new SNSEvent.SNSRecord().withSns(new SNSEvent.SNS().withMessage(message))));
  }

  static APIGatewayV2HTTPEvent http(String method, String path, String token, String body) {
    return APIGatewayV2HTTPEvent.builder()
        .withRawPath(path)
        .withHeaders(Map.of("authorization", "Bearer " + token, "content-type", "application/json"))
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
            .build())
        .withBody(body)
        .withIsBase64Encoded(false)
        .build();
  }
}
