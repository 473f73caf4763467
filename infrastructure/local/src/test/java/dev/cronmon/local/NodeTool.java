package dev.cronmon.local;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the dashboard's JavaScript tests with the machine's {@code node}. They need what `.ci/run` installs
 * (Node.js, `npm ci` in infrastructure/local, Debian's chromium); without it a test is skipped, saying what is missing.
 */
final class NodeTool {
  static final Path MODULE_DIR = Path.of("").toAbsolutePath();
  static final Path SCRIPTS = MODULE_DIR.resolve("src/test/browser");
  /** A guard against a hung browser, not a speed assertion: a healthy run takes well under a minute. */
  private static final long TIMEOUT_MINUTES = 5;

  private NodeTool() {}

  record Result(int exitCode, String output) {
    /** The last line the script printed (its JSON summary). */
    String lastLine() {
      List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
  }

  static void assumeNodeAndPackages(String... packages) {
    assumeTrue(commandWorks("node", "--version"), "node is not installed (.ci/run installs it with apt-get install nodejs)");
    for (String p : packages) {
      assumeTrue(Files.isDirectory(MODULE_DIR.resolve("node_modules").resolve(p)),
          p + " is not installed: run `npm ci` in infrastructure/local (as .ci/run does)");
    }
  }

  static Result run(Map<String, String> environment, String... command) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(MODULE_DIR.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      Path log = Files.createTempFile("cronmon-node-", ".log");
      // Drained on another thread so a chatty script cannot block on a full pipe.
      Thread drain = new Thread(() -> {
        try {
          Files.copy(process.getInputStream(), log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ignored) {
          // the exit code tells
        }
      });
      drain.start();
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        drain.join();
        throw new AssertionError("node did not finish in " + TIMEOUT_MINUTES + " minutes:\n" + Files.readString(log));
      }
      drain.join();
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new AssertionError("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static boolean commandWorks(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
