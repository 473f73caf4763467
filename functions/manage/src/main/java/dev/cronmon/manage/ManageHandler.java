package dev.cronmon.manage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronmon.api.ManageApi;
import dev.cronmon.domain.tenant.Limits;
import dev.cronmon.lambda.HttpEvents;
import dev.cronmon.lambda.Services;

/** The manage function: monitors, history, incidents, schedule previews, administration. Built once; a request is one line. */
public final class ManageHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final ManageApi api;

  public ManageHandler() {
    this(Services.fromEnvironment());
  }

  public ManageHandler(Services services) {
    this.api = new ManageApi(services.store(), services.clock(), Limits.fromEnvironment(services.env()));
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return HttpEvents.toResponse(api.handle(HttpEvents.toRequest(event)));
  }
}
