package dev.cronmon.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronmon.api.IngestApi;
import dev.cronmon.domain.checkin.CheckInLimits;
import dev.cronmon.domain.tenant.Limits;
import dev.cronmon.lambda.EmfMetrics;
import dev.cronmon.lambda.HttpEvents;
import dev.cronmon.lambda.Priming;
import dev.cronmon.lambda.Services;

/** The ingest function: check-ins, the hot path. Everything is built once; a request is one line. */
public final class IngestHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final IngestApi api;
  private final EmfMetrics metrics;
  private Priming<?> priming; // held here: org.crac keeps only weak references to resources

  public IngestHandler() {
    this(Services.fromEnvironment());
    // Priming's refused request is no check-in anyone sent: it is not counted.
    priming = Priming.of(request -> metrics.discarding(() -> api.handle(request)), "POST", "/api/0/organizations/priming/monitors/priming/checkins/").register();
  }

  public IngestHandler(Services services) {
    this.metrics = EmfMetrics.of("ingest", services);
    this.api = new IngestApi(services.store(), services.clock(), CheckInLimits.fromEnvironment(services.env()),
        Limits.fromEnvironment(services.env()), services.hearingLog().deafness(), metrics);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    try {
      return HttpEvents.toResponse(api.handle(HttpEvents.toRequest(event)));
    } finally {
      metrics.flush();
    }
  }
}
