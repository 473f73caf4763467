package dev.cronmon.local;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The options that start the stack, each with its help text and an example: {@link #help()} is written from the same
 * table {@link #parse} reads, so every option is described.
 */
final class StartOptions {
  static final int DEFAULT_PORT = 8787;
  static final Path DEFAULT_DATA_DIR = Path.of("cronmon-data");

  String host = LocalStack.LOOPBACK;
  int port = DEFAULT_PORT;
  URI publicUrl;
  boolean trustProxy;
  Path dataDir = DEFAULT_DATA_DIR;
  Path template;
  boolean help;
  final Map<String, String> environment = new HashMap<>();

  /** One option: its name, its value's name (null for a flag), what it does, and an example of its use. */
  record Option(String name, String value, String description, String example, BiConsumer<StartOptions, String> apply) {}

  static final List<Option> OPTIONS = List.of(
      new Option("--port", "N", "TCP port to listen on (default 8787; 0 picks a free one)", "--port 9090",
          (o, v) -> o.port = port(v)),
      new Option("--host", "ADDRESS", "address to listen on (default 127.0.0.1, this machine only); another address "
          + "serves the network, in plain HTTP: put a reverse proxy with TLS in front", "--host 0.0.0.0",
          (o, v) -> o.host = v),
      new Option("--public-url", "URL", "where jobs and browsers reach cronmon: the DSN, links and curl lines use it "
          + "(default http://HOST:PORT)", "--public-url https://cron.example.com",
          (o, v) -> o.publicUrl = publicUrl(v)),
      new Option("--trust-proxy", null, "take X-Forwarded-Host and X-Forwarded-Proto from the reverse proxy in front "
          + "(without it they are ignored: any client could send them)",
          "--host 127.0.0.1 --public-url https://cron.example.com --trust-proxy", (o, v) -> o.trustProxy = true),
      new Option("--data-dir", "DIR", "where monitors, history and credentials are kept (default ./cronmon-data)",
          "--data-dir /var/lib/cronmon", (o, v) -> o.dataDir = Path.of(v)),
      new Option("--in-memory", null, "keep nothing on disk: everything is gone when the stack stops", "--in-memory",
          (o, v) -> o.dataDir = null),
      new Option("--template", "FILE", "wire the functions from this template.yaml instead of the one in the jar",
          "--template template.yaml", (o, v) -> o.template = Path.of(v)),
      new Option("--allow-loopback-alerts", null, "let alert channels use http and loopback or private addresses "
          + "(for a receiver on this machine)", "--allow-loopback-alerts",
          // Channels may then use http and loopback/private addresses: for receivers on this machine only.
          (o, v) -> o.environment.put("ALLOW_PRIVATE_ALERT_TARGETS", "true")),
      new Option("--help", null, "this text (also -h)", "--help", (o, v) -> o.help = true));

  /** The options of {@code args}; an {@link IllegalArgumentException} says what is wrong. */
  static StartOptions parse(String[] args) {
    StartOptions options = new StartOptions();
    for (int i = 0; i < args.length; i++) {
      String name = args[i].equals("-h") ? "--help" : args[i];
      Option option = OPTIONS.stream().filter(o -> o.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown option " + name + " (try --help)"));
      String value = null;
      if (option.value() != null) {
        if (i + 1 >= args.length) throw new IllegalArgumentException(name + " needs a value: " + option.example());
        value = args[++i];
      }
      option.apply().accept(options, value);
    }
    return options;
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65_535) return port;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException("--port must be a number from 0 to 65535, not " + value);
  }

  /** {@code http(s)://host[:port]}: cronmon serves the root of its host (its API and dashboard paths are absolute). */
  static URI publicUrl(String value) {
    String trimmed = value.replaceAll("/+$", "");
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--public-url is not a URL: " + value);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException("--public-url must be http(s)://HOST[:PORT], e.g. https://cron.example.com, not " + value);
    }
    if (uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("--public-url must be http(s)://HOST[:PORT] with nothing after it: cronmon is "
          + "served at the root of its host (" + value + ")");
    }
    return URI.create(scheme + "://" + uri.getRawAuthority());
  }

  static String help() {
    StringBuilder text = new StringBuilder("""
        cronmon local stack: all of cronmon in one JVM, with DynamoDB Local inside.

        usage: java -jar cronmon-local.jar [OPTION]...          start the stack (Ctrl-C or SIGTERM stops it)
               java -jar cronmon-local.jar COMMAND [OPTION]...  run a command and exit (COMMAND --help for its options)

        Options of the stack:
        """);
    for (Option o : OPTIONS) {
      text.append("  ").append(o.name()).append(o.value() == null ? "" : " " + o.value()).append('\n')
          .append("      ").append(o.description()).append('\n')
          .append("      e.g. java -jar cronmon-local.jar ").append(o.example()).append('\n');
    }
    text.append("\nCommands:\n");
    for (Command c : COMMANDS) {
      text.append("  ").append(c.name()).append('\n')
          .append("      ").append(c.description()).append('\n');
      for (String example : c.examples()) text.append("      e.g. java -jar cronmon-local.jar ").append(example).append('\n');
    }
    text.append("""

        Alert email goes to .eml files in DATA_DIR/outbox, or through SMTP when the environment sets SMTP_HOST (with
        SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD, SMTP_STARTTLS=true, EMAIL_FROM).
        What DynamoDB Local and SQLite log goes to DATA_DIR/diagnostics.log.0, not to the output.""");
    return text.toString();
  }

  /** A command of the jar, for the help text. */
  record Command(String name, String description, List<String> examples) {}

  static final List<Command> COMMANDS = List.of(
      new Command("export", "write every item of a data directory's table, with its credentials, as JSON lines on "
          + "standard output; consistent while the stack runs", List.of("export --data-dir cronmon-data > backup.jsonl")),
      new Command("import", "read an export from standard input into a new, empty data directory, or into the empty "
          + "table of a deployed stack (default AWS credential chain)", List.of(
          "import --data-dir restored-data < backup.jsonl",
          "import --table cronmon-CronmonTable-1A2B3C --region eu-west-1 < backup.jsonl")),
      new Command("bootstrap", "create the first organization, with a project, a DSN key and an admin token, in a "
          + "deployed table", List.of("bootstrap --table cronmon-CronmonTable-1A2B3C --region eu-west-1 --organization acme "
          + "--api-url https://cron.example.com")),
      new Command("limits", "set one organization's limits in a deployed table", List.of(
          "limits --table cronmon-CronmonTable-1A2B3C --region eu-west-1 --organization acme --max-monitors 5000")));
}
