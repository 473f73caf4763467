package dev.cronmon.local;

import dev.cronmon.dynamodblocal.DynamoDbLocal;
import dev.cronmon.lambda.Services;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * {@code java -jar cronmon-local.jar [OPTION]...} starts the stack ({@link StartOptions}); {@code export}/{@code import}
 * ({@link BackupCommands}) and {@code bootstrap}/{@code limits} ({@link AdminCommands}) run one command and exit.
 *
 * <p>Its output is cronmon's own: what DynamoDB Local and SQLite log through java.util.logging goes to
 * DATA_DIR/diagnostics.log.0 (nowhere with --in-memory, and for the commands).
 */
public final class Main {
  /** Held: java.util.logging keeps loggers weakly, and a collected one would forget the level set here. */
  private static final Logger DYNAMODB_LOCAL_LOG = Logger.getLogger(DynamoDbLocal.class.getName());
  private static final long DIAGNOSTICS_BYTES = 1 << 20;
  /**
   * sysexits' EX_CONFIG: the data directory cannot be used as it is (newer format, not cronmon's, in use), which a
   * restart does not change; a service manager can be told not to retry it (RestartPreventExitStatus).
   */
  static final int EXIT_DATA_DIR_REFUSED = 78;

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    routeForeignLogs(null);
    if (args.length > 0 && AdminCommands.COMMANDS.contains(args[0])) {
      System.exit(AdminCommands.run(args, System.out, System.err, System::getenv, Services.systemClock()));
    }
    if (args.length > 0 && BackupCommands.COMMANDS.contains(args[0])) {
      System.exit(BackupCommands.run(args, System.in, System.out, System.err, System::getenv, Services.systemClock()));
    }
    StartOptions options;
    try {
      options = StartOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (options.help) {
      System.out.println(StartOptions.help());
      return;
    }
    long started = System.nanoTime();
    options.environment.putAll(smtpFromEnvironment(System::getenv));
    LocalStack stack;
    try {
      if (options.dataDir != null) {
        DataDir.formatOf(options.dataDir); // refuses a foreign directory before anything is written into it
        Files.createDirectories(options.dataDir);
        routeForeignLogs(options.dataDir.resolve(DataDir.DIAGNOSTICS));
      }
      stack = LocalStack.start(new LocalStack.Options(options.host, options.port, options.publicUrl, options.trustProxy,
          options.dataDir, options.template, Services.systemClock(), options.environment));
    } catch (DataDir.Refused e) {
      System.err.println("cronmon: " + e.getMessage());
      System.exit(EXIT_DATA_DIR_REFUSED);
      return;
    } catch (UncheckedIOException | IOException e) {
      Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
      System.err.println("cronmon: " + (cause instanceof BindException
          ? "cannot listen on " + options.host + ":" + options.port + " (" + cause.getMessage() + "); is another stack running? --port picks another"
          : cause.getMessage()));
      System.exit(1);
      return;
    }
    stack.startScheduler();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stack.close();
      System.out.println("cronmon local stack stopped");
      stopped.countDown();
    }));
    if (!stack.loopbackOnly()) {
      System.out.println("cronmon listens on " + stack.listeningOn() + " in plain HTTP: serve it to the network through a "
          + "reverse proxy with TLS (docs/operations.md)");
      if (options.trustProxy) {
        System.out.println("--trust-proxy believes X-Forwarded-Host from any client that reaches " + stack.listeningOn()
            + ": listen where only the proxy does (--host 127.0.0.1)");
      }
    }
    System.out.println(Banner.text(stack, options.dataDir, (System.nanoTime() - started) / 1_000_000));
    stopped.await();
  }

  /**
   * What libraries log through java.util.logging (SQLite's warnings, DynamoDB Local's configuration): to {@code file}
   * (two files of 1 MiB at most, {@code .0} the newest), or nowhere when it is null.
   */
  static void routeForeignLogs(Path file) {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) root.removeHandler(h);
    if (file == null) return;
    try {
      FileHandler handler = new FileHandler(file.toAbsolutePath().toString().replace("%", "%%"), DIAGNOSTICS_BYTES, 2, true);
      handler.setFormatter(new SimpleFormatter());
      handler.setLevel(Level.CONFIG);
      root.addHandler(handler);
      DYNAMODB_LOCAL_LOG.setLevel(Level.CONFIG);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
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
}
