package dev.cronmon.local;

import dev.cronmon.lambda.Services;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * `java -jar cronmon-local.jar [--port 8787] [--data-dir DIR | --in-memory] [--template template.yaml] [--allow-loopback-alerts]`,
 * or an operator's command for a deployed table: `bootstrap …`, `limits …` ({@link AdminCommands}).
 *
 * <p>Alert email goes to .eml files in DATA_DIR/outbox, or through SMTP when the SMTP_HOST environment variable is
 * set (with SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD, SMTP_STARTTLS=true, EMAIL_FROM).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && AdminCommands.COMMANDS.contains(args[0])) {
      System.exit(AdminCommands.run(args, System.out, System.err, System::getenv, Services.systemClock()));
    }
    long started = System.nanoTime();
    int port = 8787;
    Path dataDir = Path.of("cronmon-data");
    Path template = null;
    Map<String, String> environment = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
        case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir"));
        case "--in-memory" -> dataDir = null;
        case "--template" -> template = Path.of(value(args, ++i, "--template"));
        // Channels may then use http and loopback/private addresses: for receivers on this machine only.
        case "--allow-loopback-alerts" -> environment.put("ALLOW_PRIVATE_ALERT_TARGETS", "true");
        case "-h", "--help" -> {
          System.out.println("usage: java -jar cronmon-local.jar [--port 8787] [--data-dir DIR | --in-memory] [--template template.yaml] [--allow-loopback-alerts]\n"
              + "       java -jar cronmon-local.jar bootstrap|limits --help");
          return;
        }
        default -> {
          System.err.println("unknown option " + args[i] + " (try --help)");
          System.exit(2);
        }
      }
    }
    environment.putAll(smtpFromEnvironment(System::getenv));
    LocalStack stack = LocalStack.start(new LocalStack.Options(port, dataDir, template, Services.systemClock(), environment));
    stack.startScheduler();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stack.close();
      System.out.println("cronmon local stack stopped");
      stopped.countDown();
    }));
    System.out.println(Banner.text(stack, dataDir, (System.nanoTime() - started) / 1_000_000));
    stopped.await();
  }

  /** SMTP settings from this process's environment, passed on to the functions; none when SMTP_HOST is not set. */
  static Map<String, String> smtpFromEnvironment(Function<String, String> env) {
    String host = env.apply("SMTP_HOST");
    if (host == null || host.isBlank()) return Map.of();
    Map<String, String> smtp = new HashMap<>();
    smtp.put("EMAIL_TRANSPORT", "smtp");
    for (String name : List.of("SMTP_HOST", "SMTP_PORT", "SMTP_USERNAME", "SMTP_PASSWORD", "SMTP_STARTTLS", "EMAIL_FROM")) {
      String value = env.apply(name);
      if (value != null && !value.isBlank()) smtp.put(name, value);
    }
    return smtp;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      System.err.println(option + " needs a value");
      System.exit(2);
    }
    return args[i];
  }
}
