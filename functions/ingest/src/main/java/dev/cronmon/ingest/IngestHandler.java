package dev.cronmon.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronmon.api.IngestApi;
import dev.cronmon.domain.checkin.CheckInLimits;
import dev.cronmon.domain.tenant.Limits;
import dev.cronmon.lambda.HttpEvents;
import dev.cronmon.lambda.Priming;
import dev.cronmon.lambda.Services;

/** The ingest function: check-ins, the hot path. Everything is built once; a request is one line. */
public final class IngestHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final IngestApi api;
  private Priming<?> priming; // held here: org.crac keeps only weak references to resources

  public IngestHandler() {
    this(Services.fromEnvironment());
    priming = Priming.of(api::handle, "POST", "/api/0/organizations/priming/monitors/priming/checkins/").register();
  }

  public IngestHandler(Services services) {
    this.api = new IngestApi(services.store(), services.clock(), CheckInLimits.fromEnvironment(services.env()),
        Limits.fromEnvironment(services.env()), services.hearingLog().deafness());
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return HttpEvents.toResponse(api.handle(HttpEvents.toRequest(event)));
  }
}
