package dev.cronmon.manage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronmon.alerts.senders.AlertingConfig;
import dev.cronmon.api.ManageApi;
import dev.cronmon.domain.tenant.Limits;
import dev.cronmon.lambda.HttpEvents;
import dev.cronmon.lambda.Priming;
import dev.cronmon.lambda.Services;

/** The manage function: monitors, history, incidents, schedule previews, alert channels and rules, administration. Everything is built once; a request is one line. */
public final class ManageHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final ManageApi api;
  private Priming<?> priming; // held here: org.crac keeps only weak references to resources

  public ManageHandler() {
    this(Services.fromEnvironment());
    priming = Priming.of(api::handle, "GET", "/api/0/organizations/priming/monitors/").register();
  }

  public ManageHandler(Services services) {
    this.api = new ManageApi(services.store(), services.clock(), Limits.fromEnvironment(services.env()),
        AlertingConfig.from(services.env(), services.clock()));
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return HttpEvents.toResponse(api.handle(HttpEvents.toRequest(event)));
  }
}
