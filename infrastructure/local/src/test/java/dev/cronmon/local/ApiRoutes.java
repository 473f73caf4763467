package dev.cronmon.local;

import dev.cronmon.api.IngestApi;
import dev.cronmon.api.ManageApi;
import dev.cronmon.domain.store.CronStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every route of both routers, for tests that must cover each one (a new route is covered or the test fails).
 * {@code function} is the template.yaml function whose handler serves the route.
 */
record ApiRoutes(String function, String method, String template) {
  static final String INGEST = "IngestFunction";
  static final String MANAGE = "ManageFunction";

  private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z_]+)}");

  static List<ApiRoutes> all(CronStore store, Clock clock) {
    List<ApiRoutes> out = new ArrayList<>();
    new IngestApi(store, clock).router().routes().forEach(r -> out.add(new ApiRoutes(INGEST, r.method(), r.template())));
    new ManageApi(store, clock).router().routes().forEach(r -> out.add(new ApiRoutes(MANAGE, r.method(), r.template())));
    return out;
  }

  /** Sentry's ingestion routes, authenticated by DSN key instead of a bearer token. */
  boolean sentryIngestion() {
    return !template.startsWith("/api/0/") && !dashboard() && !ping() && !badge();
  }

  /** Status badges: public, the badge key in the path is the only credential. */
  boolean badge() {
    return template.startsWith("/badge/");
  }

  /** healthchecks' pinging API: the ping UUID or the ping key in the path is the only credential. */
  boolean ping() {
    return template.startsWith("/ping/");
  }

  /** The dashboard's static files: public, no credential, no tenant data. */
  boolean dashboard() {
    return template.equals("/") || template.startsWith("/ui/");
  }

  List<String> params() {
    List<String> names = new ArrayList<>();
    Matcher m = PARAM.matcher(template);
    while (m.find()) names.add(m.group(1));
    return names;
  }

  /** The path with each parameter replaced from {@code values}; a parameter without a value fails the test. */
  String path(Map<String, String> values) {
    Matcher m = PARAM.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) throw new AssertionError("no value for {" + m.group(1) + "} of " + this + ": cover the new route in the test");
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  @Override
  public String toString() {
    return method + " " + template;
  }
}
