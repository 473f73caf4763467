package dev.cronmon.local;

import dev.cronmon.lambda.Services;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * `java -jar cronmon-local.jar [--port 8787] [--data-dir DIR | --in-memory] [--template template.yaml]`, or an
 * operator's command for a deployed table: `bootstrap …`, `limits …` ({@link AdminCommands}).
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
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
        case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir"));
        case "--in-memory" -> dataDir = null;
        case "--template" -> template = Path.of(value(args, ++i, "--template"));
        case "-h", "--help" -> {
          System.out.println("usage: java -jar cronmon-local.jar [--port 8787] [--data-dir DIR | --in-memory] [--template template.yaml]\n"
              + "       java -jar cronmon-local.jar bootstrap|limits --help");
          return;
        }
        default -> {
          System.err.println("unknown option " + args[i] + " (try --help)");
          System.exit(2);
        }
      }
    }
    LocalStack stack = LocalStack.start(new LocalStack.Options(port, dataDir, template, Services.systemClock()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stack.close();
      System.out.println("cronmon local stack stopped");
      stopped.countDown();
    }));
    System.out.println(Banner.text(stack, dataDir, (System.nanoTime() - started) / 1_000_000));
    stopped.await();
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      System.err.println(option + " needs a value");
      System.exit(2);
    }
    return args[i];
  }
}
