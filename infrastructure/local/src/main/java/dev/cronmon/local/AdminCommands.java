package dev.cronmon.local;

import dev.cronmon.common.Json;
import dev.cronmon.domain.monitor.FieldErrors;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.service.Bootstrap;
import dev.cronmon.domain.tenant.Limits;
import dev.cronmon.domain.tenant.Organization;
import dev.cronmon.dynamodb.DynamoClients;
import dev.cronmon.dynamodb.DynamoCronStore;
import dev.cronmon.dynamodb.TableSchema;
import java.io.PrintStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The operator's commands for a deployed table (after {@code sam deploy}), run from the local jar with the default AWS
 * credential chain: {@code bootstrap} creates the first organization with a project, a DSN key and an admin token,
 * printing the token once (only its SHA-256 is stored; nothing is written to disk); {@code limits} sets an
 * organization's own caps. {@code --endpoint} points them at DynamoDB Local instead.
 */
final class AdminCommands {
  static final Set<String> COMMANDS = Set.of("bootstrap", "limits");
  private static final String USAGE = """
      usage: java -jar cronmon-local.jar bootstrap --table NAME --region REGION --organization SLUG
                 [--name "Display name"] [--api-url https://API-HOST] [--max-monitors N] [--max-environments-per-monitor N]
                 [--json] [--endpoint URL]
             java -jar cronmon-local.jar limits --table NAME --region REGION --organization SLUG
                 [--max-monitors N|default] [--max-environments-per-monitor N|default] [--endpoint URL]
      Credentials come from the default AWS chain (environment, AWS_PROFILE, instance or container role).""";

  private AdminCommands() {}

  /** Runs {@code args} (the command first); the exit code: 0 done, 1 refused or failed, 2 bad usage. */
  static int run(String[] args, PrintStream out, PrintStream err, Function<String, String> environment, Clock clock) {
    Map<String, String> options = new HashMap<>();
    boolean json = false;
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        out.println(USAGE);
        return 0;
      } else if (arg.equals("--json")) {
        json = true;
      } else if (arg.startsWith("--") && i + 1 < args.length && OPTIONS.contains(arg)) {
        options.put(arg, args[++i]);
      } else {
        err.println("unknown or incomplete option " + arg + "\n" + USAGE);
        return 2;
      }
    }
    for (String required : new String[] {"--table", "--region", "--organization"}) {
      if (!options.containsKey(required)) {
        err.println("missing " + required + "\n" + USAGE);
        return 2;
      }
    }
    Integer maxMonitors;
    Integer maxEnvironments;
    try {
      maxMonitors = limit(options.get("--max-monitors"), "--max-monitors");
      maxEnvironments = limit(options.get("--max-environments-per-monitor"), "--max-environments-per-monitor");
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    String table = options.get("--table");
    try (DynamoDbClient client = client(options.get("--region"), options.get("--endpoint"), environment)) {
      if (!TableSchema.exists(client, table)) {
        err.println("table " + table + " does not exist in " + options.get("--region") + " (see the stack output TableName)");
        return 1;
      }
      CronStore store = new DynamoCronStore(client, table);
      return args[0].equals("bootstrap")
          ? bootstrap(store, options, maxMonitors, maxEnvironments, json, out, err, clock)
          : limits(store, options, maxMonitors, maxEnvironments, out, err);
    } catch (SdkException e) {
      err.println("AWS refused the request: " + e.getMessage());
      return 1;
    }
  }

  /**
   * A client of a deployed stack's region with the default AWS credential chain, or of {@code endpoint} when given
   * (DynamoDB Local, moto), for the commands that write into a deployed table.
   */
  static DynamoDbClient client(String region, String endpoint, Function<String, String> environment) {
    Map<String, String> overrides = new HashMap<>();
    overrides.put("AWS_REGION", region);
    overrides.put(DynamoClients.ENDPOINT, endpoint == null ? "" : endpoint);
    return DynamoClients.from(name -> overrides.containsKey(name) ? overrides.get(name) : environment.apply(name));
  }

  private static final Set<String> OPTIONS = Set.of("--table", "--region", "--organization", "--name", "--api-url",
      "--max-monitors", "--max-environments-per-monitor", "--endpoint");

  private static int bootstrap(CronStore store, Map<String, String> options, Integer maxMonitors, Integer maxEnvironments,
                               boolean json, PrintStream out, PrintStream err, Clock clock) {
    String slug = options.get("--organization");
    String name = options.getOrDefault("--name", slug);
    FieldErrors problems = Bootstrap.problems(slug, name);
    if (!problems.isEmpty()) {
      err.println("refused: " + problems.asMap());
      return 2;
    }
    if (store.organization(slug).isPresent()) {
      err.println("organization \"" + slug + "\" already exists; nothing was changed");
      return 1;
    }
    Bootstrap.Credentials c = Bootstrap.createOrganization(store, clock, new Organization(slug, name, clock.instant(), maxMonitors, maxEnvironments));
    String apiUrl = Optional.ofNullable(options.get("--api-url")).map(u -> u.replaceAll("/+$", "")).orElse(null);
    String dsn = apiUrl == null || !apiUrl.contains("://") ? null
        : apiUrl.replaceFirst("://", "://" + c.publicKey() + "@") + "/" + c.projectId();
    if (json) {
      Map<String, Object> printed = new LinkedHashMap<>();
      printed.put("organization", c.organization());
      printed.put("projectId", c.projectId());
      printed.put("publicKey", c.publicKey());
      printed.put("dsn", dsn);
      printed.put("token", c.token());
      out.println(Json.write(printed));
      return 0;
    }
    out.println("""
        Created organization "%s" in table %s.
          organization:  %s
          project id:    %s
          DSN key:       %s
          DSN:           %s
          API token:     %s   (org:read org:write org:admin)

        The token is shown only now: cronmon stores its SHA-256, never the token. Keep it in a password manager.
        Make more tokens, projects and keys with the API (README, "Run it for your team").""".formatted(
        c.organization(), options.get("--table"), c.organization(), c.projectId(), c.publicKey(),
        dsn == null ? "(pass --api-url https://… to print it)" : dsn, c.token()));
    return 0;
  }

  private static int limits(CronStore store, Map<String, String> options, Integer maxMonitors, Integer maxEnvironments,
                            PrintStream out, PrintStream err) {
    String slug = options.get("--organization");
    Optional<Organization> found = store.organization(slug);
    if (found.isEmpty()) {
      err.println("no organization \"" + slug + "\"");
      return 1;
    }
    Organization org = found.get();
    Organization updated = org.withLimits(
        options.containsKey("--max-monitors") ? maxMonitors : org.maxMonitors(),
        options.containsKey("--max-environments-per-monitor") ? maxEnvironments : org.maxEnvironmentsPerMonitor());
    if (!updated.equals(org) && !store.replaceOrganization(updated)) {
      err.println("organization \"" + slug + "\" disappeared meanwhile");
      return 1;
    }
    out.println("organization \"" + slug + "\": max monitors " + describe(updated.maxMonitors())
        + ", max environments per monitor " + describe(updated.maxEnvironmentsPerMonitor()));
    return 0;
  }

  /** A limit option: absent or "default" (the deployment's, from template.yaml) is null. */
  private static Integer limit(String value, String option) {
    if (value == null || value.equals("default")) return null;
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= Limits.MAX_LIMIT) return n;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(option + " must be an integer between 1 and " + Limits.MAX_LIMIT + " (or default)");
  }

  private static String describe(Integer limit) {
    return limit == null ? "the deployment's default" : limit.toString();
  }
}
