package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar ({@code target/cronmon-local.jar}, built by the package phase before failsafe runs this) started
 * as a user starts it, in its own JVM: what it prints, export from a second process while it runs, how it stops.
 */
class LocalJarIT {
  private static final Path JAR = Path.of("target/cronmon-local.jar").toAbsolutePath();
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private static final String LAST_BANNER_LINE = "Ctrl-C stops it";

  /** A started jar: its output lines so far, the threads reading them, and the process. */
  private record Started(Process process, List<String> out, List<String> err, List<Thread> readers) {}

  private static Started start(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    List<String> out = new CopyOnWriteArrayList<>();
    List<String> err = new CopyOnWriteArrayList<>();
    List<Thread> readers = List.of(drain(process.getInputStream(), out), drain(process.getErrorStream(), err));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (out.stream().noneMatch(l -> l.startsWith(LAST_BANNER_LINE)) && process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50); // waiting on another process's output: there is no clock to move
    }
    return new Started(process, out, err, readers);
  }

  private static Thread drain(java.io.InputStream stream, List<String> lines) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) lines.add(line);
      } catch (IOException ignored) {
        // the process ended
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }

  private record Ran(int exitCode, String out, String err) {}

  private static Ran run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    var out = process.getInputStream().readAllBytes();
    var err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Ran(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  private static int stop(Started started) throws InterruptedException {
    // SIGTERM, as systemd stops a service (Process.destroy would also close the pipes before the last lines are read)
    started.process().toHandle().destroy();
    assertThat(started.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    for (Thread reader : started.readers()) reader.join(10_000); // they end with the process's output
    return started.process().exitValue();
  }

  @Test
  void start_printsOnlyCronmonsLines_exportRunsBesideIt_andSigtermStopsIt(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("data");
    Started stack = start("--port", "0", "--data-dir", data.toString());
    try {
      assertThat(stack.out()).as("stdout %s, stderr %s", stack.out(), stack.err()).anyMatch(l -> l.startsWith(LAST_BANNER_LINE));
      assertThat(stack.out().get(0)).startsWith("cronmon local stack is up on http://127.0.0.1:");
      assertThat(stack.err()).as("stderr").isEmpty();
      assertThat(String.join("\n", stack.out())).doesNotContainIgnoringCase("dynamodb local").doesNotContain("SLF4J")
          .doesNotContainIgnoringCase("sqlite").doesNotContain("WARNING").doesNotContain("Port:").doesNotContain("TLS");
      assertThat(Files.readString(data.resolve("diagnostics.log.0"))).contains("Initializing DynamoDB Local").contains("unknown jar version");

      Ran export = run("export", "--data-dir", data.toString());
      assertThat(export.exitCode()).as(export.err()).isZero();
      List<String> lines = export.out().lines().toList();
      assertThat(lines.get(0)).startsWith("{\"cronmon\":\"export\",\"format\":2,");
      assertThat(lines.get(lines.size() - 1)).isEqualTo("{\"cronmon\":\"end\",\"items\":" + (lines.size() - 2) + "}");
      assertThat(export.err().lines()).singleElement().asString().startsWith("exported " + (lines.size() - 2) + " items of table CronmonTable");
    } finally {
      int code = stop(stack);
      assertThat(code).isEqualTo(143); // 128 + SIGTERM: the unit's SuccessExitStatus=143 counts it a clean stop
    }
    assertThat(stack.out()).as("stdout %s stderr %s", stack.out(), stack.err()).last().isEqualTo("cronmon local stack stopped");
  }

  @Test
  void onEveryInterface_remindsOfTls_andTheBannerNamesThePublicUrl(@TempDir Path tmp) throws Exception {
    Started stack = start("--host", "0.0.0.0", "--port", "0", "--public-url", "https://cron.example.com", "--in-memory");
    try {
      assertThat(stack.out().get(0)).startsWith("cronmon listens on 0.0.0.0:").endsWith("in plain HTTP: serve it to the network "
          + "through a reverse proxy with TLS (docs/operations.md)");
      assertThat(stack.out().get(1)).startsWith("cronmon local stack is up on https://cron.example.com (started in ");
      assertThat(stack.out()).anyMatch(l -> l.matches(" +DSN: +https://[0-9a-f]{32}@cron\\.example\\.com/\\d+"));
      assertThat(stack.err()).isEmpty();
    } finally {
      stop(stack);
    }
  }

  @Test
  void help_describesEveryOptionAndCommand_andNewerDataIsRefused(@TempDir Path tmp) throws Exception {
    Ran help = run("--help");
    Path newer = Files.createDirectories(tmp.resolve("newer"));
    Files.writeString(newer.resolve(DataDir.MARKER), "{\"format\":99}");
    Ran refused = run("--port", "0", "--data-dir", newer.toString());

    assertThat(help.exitCode()).isZero();
    for (StartOptions.Option o : StartOptions.OPTIONS) assertThat(help.out()).contains("  " + o.name());
    for (String command : List.of("export", "import", "bootstrap", "limits")) assertThat(help.out()).contains("\n  " + command + "\n");
    assertThat(refused.exitCode()).isEqualTo(Main.EXIT_DATA_DIR_REFUSED);
    assertThat(refused.err()).startsWith("cronmon: ").contains("holds data format 99, written by a newer cronmon");
    assertThat(refused.out()).isEmpty();
  }
}
