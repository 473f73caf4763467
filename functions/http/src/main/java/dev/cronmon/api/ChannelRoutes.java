package dev.cronmon.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.api.alert.AlertRuleInput;
import dev.cronmon.api.alert.ChannelInput;
import dev.cronmon.common.Json;
import dev.cronmon.common.Log;
import dev.cronmon.domain.service.AlertAdmin;
import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.service.AlertService;
import dev.cronmon.domain.alert.Alerting;
import dev.cronmon.domain.alert.Channel;
import dev.cronmon.domain.alert.ChannelConfig;
import dev.cronmon.domain.alert.ChannelType;
import dev.cronmon.domain.alert.RetryPolicy;
import dev.cronmon.domain.alert.SendResult;
import dev.cronmon.domain.monitor.FieldErrors;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.tenant.Scope;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The alert routes of the manage function: an organization's channels (create, list, update, delete, send a test
 * notification) and the alert rules of monitors and projects. Secrets never leave in full: a webhook's signing secret
 * is in the answer that creates or rotates it only; Slack URLs and PagerDuty keys are masked.
 */
public final class ChannelRoutes {
  private static final String CHANNELS = "/api/0/organizations/{org}/channels/";
  private static final String CHANNEL = "/api/0/organizations/{org}/channels/{channelId}/";
  private static final String MONITOR_RULE = "/api/0/organizations/{org}/monitors/{slug}/alert-rule/";
  private static final String PROJECT_RULE = "/api/0/organizations/{org}/projects/{project}/alert-rule/";

  private final CronStore store;
  private final Authenticator auth;
  private final Alerting alerting;
  private final AlertService alerts;
  private final AlertAdmin admin;

  public ChannelRoutes(CronStore store, Clock clock, Authenticator auth, Alerting alerting) {
    this.store = store;
    this.auth = auth;
    this.admin = new AlertAdmin(store, clock);
    this.alerting = alerting;
    this.alerts = new AlertService(store, clock, alerting, RetryPolicy.once(clock));
  }

  public void register(Router router) {
    router.add("GET", CHANNELS, this::listChannels);
    router.add("POST", CHANNELS, this::createChannel);
    router.add("GET", CHANNEL, this::getChannel);
    router.add("PUT", CHANNEL, this::updateChannel);
    router.add("DELETE", CHANNEL, this::deleteChannel);
    router.add("POST", CHANNEL + "test/", this::testChannel);
    router.add("GET", MONITOR_RULE, (request, params) -> getRule(request, params, this::monitorOwner));
    router.add("PUT", MONITOR_RULE, (request, params) -> putRule(request, params, this::monitorOwner));
    router.add("DELETE", MONITOR_RULE, (request, params) -> deleteRule(request, params, this::monitorOwner));
    router.add("GET", PROJECT_RULE, (request, params) -> getRule(request, params, this::projectOwner));
    router.add("PUT", PROJECT_RULE, (request, params) -> putRule(request, params, this::projectOwner));
    router.add("DELETE", PROJECT_RULE, (request, params) -> deleteRule(request, params, this::projectOwner));
  }

  // --- channels ---------------------------------------------------------------------------------------------

  private ApiResponse listChannels(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.READ);
    List<Object> body = store.channels(org).stream()
        .sorted(Comparator.comparing(Channel::dateCreated).thenComparing(Channel::id))
        .map(c -> (Object) view(c)).toList();
    return ApiResponse.json(200, Json.write(body));
  }

  private ApiResponse createChannel(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.WRITE);
    JsonNode body = Requests.objectBody(request);
    FieldErrors errors = new FieldErrors();
    String name = ChannelInput.name(body, true, errors);
    ChannelType type = ChannelInput.type(body, errors);
    ChannelConfig config = type == null ? null : ChannelInput.config(type, body.get("config"), alerting.urlPolicy(), errors);
    if (!errors.isEmpty()) throw ApiException.fields(errors);
    AlertAdmin.Saved created = admin.createChannel(org, name, config);
    Log.info("channel created", "organization", org, "channel", created.channel().id(), "channelType", type.wire());
    return ApiResponse.json(201, Json.write(withSecret(view(created.channel()), created.secret())));
  }

  private ApiResponse getChannel(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.READ);
    return ApiResponse.json(200, Json.write(view(admin.channel(org, params.get("channelId")))));
  }

  /** {@code {"name"?, "config"?, "rotate_secret"?}}: the type never changes; a new config replaces the old one whole. */
  private ApiResponse updateChannel(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.WRITE);
    // The channel's type says how to read the config (a channel never changes type, so it cannot go stale).
    ChannelType type = admin.channel(org, params.get("channelId")).type();
    JsonNode body = Requests.objectBody(request);
    Boolean rotate = Requests.bool(body, "rotate_secret");
    FieldErrors errors = new FieldErrors();
    String name = ChannelInput.name(body, false, errors);
    JsonNode configNode = body.get("config");
    ChannelConfig config = configNode == null ? null : ChannelInput.config(type, configNode, alerting.urlPolicy(), errors);
    if (!errors.isEmpty()) throw ApiException.fields(errors);
    JsonNode requestedType = body.get("type");
    String typeText = requestedType == null || requestedType.isNull() ? null
        : requestedType.isTextual() ? requestedType.textValue() : requestedType.toString();
    AlertAdmin.Saved updated = admin.updateChannel(org, params.get("channelId"),
        new AlertAdmin.ChannelChange(name, typeText, config, Boolean.TRUE.equals(rotate)));
    Log.info("channel updated", "organization", org, "channel", updated.channel().id(), "secretRotated", updated.secret() != null);
    return ApiResponse.json(200, Json.write(withSecret(view(updated.channel()), updated.secret())));
  }

  private ApiResponse deleteChannel(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.WRITE);
    Channel deleted = admin.deleteChannel(org, params.get("channelId"));
    Log.info("channel deleted", "organization", org, "channel", deleted.id());
    return noContent();
  }

  /** One attempt, answered at once: {@code {"delivered": true|false, "detail": "…"}}; a failure is recorded on the channel. */
  private ApiResponse testChannel(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.WRITE);
    Channel channel = admin.channel(org, params.get("channelId"));
    SendResult result = alerts.sendTest(channel);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("delivered", result.delivered());
    body.put("detail", result.detail());
    return ApiResponse.json(200, Json.write(body));
  }

  // --- alert rules ------------------------------------------------------------------------------------------

  /** A monitor or project without a rule answers 200 with {@code "configured": false}: absence is no error. */
  private ApiResponse getRule(ApiRequest request, Map<String, String> params, Function<Map<String, String>, AlertRule.Owner> owner) {
    auth.require(request, params.get("org"), Scope.READ);
    Map<String, Object> body = admin.rule(owner.apply(params)).map(ChannelRoutes::view).orElseGet(ChannelRoutes::noRule);
    return ApiResponse.json(200, Json.write(body));
  }

  private ApiResponse putRule(ApiRequest request, Map<String, String> params, Function<Map<String, String>, AlertRule.Owner> owner) {
    String org = params.get("org");
    auth.require(request, org, Scope.WRITE);
    AlertRule.Owner target = owner.apply(params);
    JsonNode body = Requests.objectBody(request);
    FieldErrors errors = new FieldErrors();
    AlertRule parsed = AlertRuleInput.parse(body, errors);
    if (!errors.isEmpty()) throw ApiException.fields(errors);
    AlertRule rule = admin.saveRule(org, target, parsed);
    Log.info("alert rule saved", "organization", org, "owner", target.kind().name().toLowerCase(Locale.ROOT), "ownerId", target.id());
    return ApiResponse.json(200, Json.write(view(rule)));
  }

  private ApiResponse deleteRule(ApiRequest request, Map<String, String> params, Function<Map<String, String>, AlertRule.Owner> owner) {
    auth.require(request, params.get("org"), Scope.WRITE);
    admin.deleteRule(owner.apply(params));
    return noContent();
  }

  private AlertRule.Owner monitorOwner(Map<String, String> params) {
    return admin.monitorOwner(params.get("org"), params.get("slug"));
  }

  private AlertRule.Owner projectOwner(Map<String, String> params) {
    return admin.projectOwner(params.get("org"), params.get("project"));
  }

  // --- views ------------------------------------------------------------------------------------------------

  static Map<String, Object> view(Channel c) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", c.id());
    v.put("name", c.name());
    v.put("type", c.type().wire());
    v.put("config", maskedConfig(c.config()));
    v.put("dateCreated", Views.iso(c.dateCreated()));
    v.put("status", c.failing() ? "failing" : "ok");
    v.put("lastDeliveredAt", Views.iso(c.lastDeliveredAt()));
    v.put("lastError", c.lastError());
    v.put("lastErrorAt", Views.iso(c.lastErrorAt()));
    return v;
  }

  private static Map<String, Object> withSecret(Map<String, Object> view, String secret) {
    if (secret != null) view.put("signingSecret", secret);
    return view;
  }

  static Map<String, Object> maskedConfig(ChannelConfig config) {
    Map<String, Object> v = new LinkedHashMap<>();
    if (config instanceof ChannelConfig.Slack slack) v.put("url", maskUrl(slack.url()));
    else if (config instanceof ChannelConfig.PagerDuty pd) v.put("routing_key", maskTail(pd.routingKey()));
    else if (config instanceof ChannelConfig.Webhook webhook) v.put("url", webhook.url());
    else if (config instanceof ChannelConfig.Email email) {
      v.put("to", email.to());
      v.put("toOwner", email.toOwner());
    }
    return v;
  }

  /** {@code https://hooks.slack.com/…Xy12}: enough to recognise the URL, never enough to use it. */
  static String maskUrl(String url) {
    int hostStart = url.indexOf("://");
    int pathStart = hostStart < 0 ? -1 : url.indexOf('/', hostStart + 3);
    String origin = pathStart < 0 ? url.substring(0, Math.max(0, hostStart)) : url.substring(0, pathStart);
    return origin + "/…" + last4(url);
  }

  static String maskTail(String secret) {
    return "…" + last4(secret);
  }

  private static String last4(String s) {
    return s.length() <= 12 ? "" : s.substring(s.length() - 4);
  }

  private static Map<String, Object> view(AlertRule rule) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("channels", rule.channels());
    v.put("environments", rule.environments());
    v.put("remind_every_minutes", rule.remindEvery() == null ? null : rule.remindEvery().toMinutes());
    v.put("configured", true);
    return v;
  }

  private static Map<String, Object> noRule() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("channels", List.of());
    v.put("environments", Map.of());
    v.put("remind_every_minutes", null);
    v.put("configured", false);
    return v;
  }

  private static ApiResponse noContent() {
    return new ApiResponse(204, Map.of(), "");
  }
}
