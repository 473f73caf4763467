package dev.cronmon.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.domain.alert.AlertRule;
import dev.cronmon.domain.alert.AlertRuleInput;
import dev.cronmon.domain.alert.AlertService;
import dev.cronmon.domain.alert.Alerting;
import dev.cronmon.domain.alert.Channel;
import dev.cronmon.domain.alert.ChannelConfig;
import dev.cronmon.domain.alert.ChannelInput;
import dev.cronmon.domain.alert.ChannelType;
import dev.cronmon.domain.alert.RetryPolicy;
import dev.cronmon.domain.alert.SendResult;
import dev.cronmon.domain.alert.WebhookSignature;
import dev.cronmon.domain.monitor.FieldErrors;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.tenant.Project;
import dev.cronmon.domain.tenant.Scope;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The alert routes of the manage function: an organization's channels (create, list, update, delete, send a test
 * notification) and the alert rules of monitors and projects. Secrets never leave in full: a webhook's signing secret
 * is in the answer that creates or rotates it only; Slack URLs and PagerDuty keys are masked.
 */
public final class ChannelRoutes {
  static final int MAX_CHANNELS_PER_ORGANIZATION = 100;
  private static final int MAX_ATTEMPTS = 5;
  private static final String CHANNELS = "/api/0/organizations/{org}/channels/";
  private static final String CHANNEL = "/api/0/organizations/{org}/channels/{channelId}/";
  private static final String MONITOR_RULE = "/api/0/organizations/{org}/monitors/{slug}/alert-rule/";
  private static final String PROJECT_RULE = "/api/0/organizations/{org}/projects/{project}/alert-rule/";

  private final CronStore store;
  private final Clock clock;
  private final Authenticator auth;
  private final Alerting alerting;
  private final AlertService alerts;

  public ChannelRoutes(CronStore store, Clock clock, Authenticator auth, Alerting alerting) {
    this.store = store;
    this.clock = clock;
    this.auth = auth;
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
    if (store.channels(org).size() >= MAX_CHANNELS_PER_ORGANIZATION) {
      throw ApiException.detail(400, "An organization can have at most " + MAX_CHANNELS_PER_ORGANIZATION + " channels.");
    }
    String secret = type == ChannelType.WEBHOOK ? WebhookSignature.newSecret() : null;
    Channel channel = new Channel(UUID.randomUUID().toString(), org, name, config, secret, clock.instant(), null, null, null, false, 1);
    if (!store.saveChannel(channel)) throw new IllegalStateException("channel id collision " + channel.id());
    Log.info("channel created", "organization", org, "channel", channel.id(), "channelType", type.wire());
    return ApiResponse.json(201, Json.write(withSecret(view(channel), secret)));
  }

  private ApiResponse getChannel(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.READ);
    return ApiResponse.json(200, Json.write(view(channel(org, params.get("channelId")))));
  }

  /** {@code {"name"?, "config"?, "rotate_secret"?}}: the type never changes; a new config replaces the old one whole. */
  private ApiResponse updateChannel(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.WRITE);
    JsonNode body = Requests.objectBody(request);
    Boolean rotate = Requests.bool(body, "rotate_secret");
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Channel current = channel(org, params.get("channelId"));
      FieldErrors errors = new FieldErrors();
      String name = ChannelInput.name(body, false, errors);
      JsonNode type = body.get("type");
      if (type != null && !type.isNull() && !(type.isTextual() && type.textValue().equals(current.type().wire()))) {
        errors.add("type", "The type of a channel cannot be changed; create a new channel instead.");
      }
      JsonNode configNode = body.get("config");
      ChannelConfig config = configNode == null ? current.config()
          : ChannelInput.config(current.type(), configNode, alerting.urlPolicy(), errors);
      if (Boolean.TRUE.equals(rotate) && current.type() != ChannelType.WEBHOOK) {
        errors.add("rotate_secret", "Only webhook channels have a signing secret.");
      }
      if (!errors.isEmpty()) throw ApiException.fields(errors);
      String secret = Boolean.TRUE.equals(rotate) ? WebhookSignature.newSecret() : null;
      Channel updated = current.withNameAndConfig(name == null ? current.name() : name, config).withVersion(current.version() + 1);
      if (secret != null) updated = updated.withSigningSecret(secret);
      if (store.saveChannel(updated)) {
        Log.info("channel updated", "organization", org, "channel", updated.id(), "secretRotated", secret != null);
        return ApiResponse.json(200, Json.write(withSecret(view(updated), secret)));
      }
    }
    throw ApiException.detail(409, "The channel kept changing; try again.");
  }

  private ApiResponse deleteChannel(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.WRITE);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Channel current = channel(org, params.get("channelId"));
      if (store.deleteChannel(org, current.id(), current.version())) {
        Log.info("channel deleted", "organization", org, "channel", current.id());
        return noContent();
      }
    }
    throw ApiException.detail(409, "The channel kept changing; try again.");
  }

  /** One attempt, answered at once: {@code {"delivered": true|false, "detail": "…"}}; a failure is recorded on the channel. */
  private ApiResponse testChannel(ApiRequest request, Map<String, String> params) {
    String org = params.get("org");
    auth.require(request, org, Scope.WRITE);
    Channel channel = channel(org, params.get("channelId"));
    SendResult result = alerts.sendTest(channel);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("delivered", result.delivered());
    body.put("detail", result.detail());
    return ApiResponse.json(200, Json.write(body));
  }

  private Channel channel(String org, String id) {
    return store.channel(org, id).orElseThrow(() -> ApiException.notFound("Channel"));
  }

  // --- alert rules ------------------------------------------------------------------------------------------

  private ApiResponse getRule(ApiRequest request, Map<String, String> params, Function<Map<String, String>, AlertRule.Owner> owner) {
    auth.require(request, params.get("org"), Scope.READ);
    AlertRule rule = store.alertRule(owner.apply(params)).orElseThrow(() -> ApiException.notFound("Alert rule"));
    return ApiResponse.json(200, Json.write(view(rule)));
  }

  private ApiResponse putRule(ApiRequest request, Map<String, String> params, Function<Map<String, String>, AlertRule.Owner> owner) {
    String org = params.get("org");
    auth.require(request, org, Scope.WRITE);
    AlertRule.Owner target = owner.apply(params);
    JsonNode body = Requests.objectBody(request);
    FieldErrors errors = new FieldErrors();
    AlertRule parsed = AlertRuleInput.parse(body, errors);
    if (parsed != null) {
      for (String id : AlertRuleInput.allChannelIds(parsed)) {
        if (store.channel(org, id).isEmpty()) errors.add("channels", "Unknown channel \"" + id + "\".");
      }
    }
    if (!errors.isEmpty()) throw ApiException.fields(errors);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      long version = store.alertRule(target).map(AlertRule::version).orElse(0L) + 1;
      AlertRule rule = parsed.withVersion(version);
      if (store.saveAlertRule(target, rule)) {
        Log.info("alert rule saved", "organization", org, "owner", target.kind().name().toLowerCase(java.util.Locale.ROOT), "ownerId", target.id());
        return ApiResponse.json(200, Json.write(view(rule)));
      }
    }
    throw ApiException.detail(409, "The alert rule kept changing; try again.");
  }

  private ApiResponse deleteRule(ApiRequest request, Map<String, String> params, Function<Map<String, String>, AlertRule.Owner> owner) {
    auth.require(request, params.get("org"), Scope.WRITE);
    AlertRule.Owner target = owner.apply(params);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      AlertRule rule = store.alertRule(target).orElseThrow(() -> ApiException.notFound("Alert rule"));
      if (store.deleteAlertRule(target, rule.version())) return noContent();
    }
    throw ApiException.detail(409, "The alert rule kept changing; try again.");
  }

  private AlertRule.Owner monitorOwner(Map<String, String> params) {
    return store.monitor(params.get("org"), params.get("slug"))
        .map(m -> AlertRule.Owner.monitor(m.id()))
        .orElseThrow(() -> ApiException.notFound("Monitor"));
  }

  private AlertRule.Owner projectOwner(Map<String, String> params) {
    String requested = params.get("project");
    return store.projects(params.get("org")).stream()
        .filter(p -> p.id().equals(requested) || p.slug().equals(requested))
        .findFirst().map(Project::id).map(AlertRule.Owner::project)
        .orElseThrow(() -> ApiException.notFound("Project"));
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
    else if (config instanceof ChannelConfig.Email email) v.put("to", email.to());
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
    return v;
  }

  private static ApiResponse noContent() {
    return new ApiResponse(204, Map.of(), "");
  }
}
