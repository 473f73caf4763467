package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What each function deploys: its {@code functions/<name>/target/*-lambda.jar}, which Maven's package phase builds
 * before this module's tests run ({@code mvn verify}; this module depends on every function). A jar holds only what
 * its function runs: the URL-connection HTTP client, no Apache or Netty client, nothing of DynamoDB Local, no test
 * code, and no SDK client the function never calls.
 */
class LambdaArtifactsTest {
  private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
  private static final List<String> FORBIDDEN_EVERYWHERE = List.of(
      "org/apache/http/", "org/apache/hc/", "software/amazon/awssdk/http/apache/",       // Apache HttpClient
      "io/netty/", "software/amazon/awssdk/http/nio/netty/",                               // Netty
      "com/amazonaws/services/dynamodbv2/local/", "com/almworks/sqlite4java/", "org/eclipse/jetty/",
      "dev/cronmon/dynamodblocal/", "libsqlite4java", "sqlite4java",                       // DynamoDB Local
      "org/junit/", "net/jqwik/", "org/assertj/", "org/opentest4j/", "org/mockito/");      // test libraries
  /** SDK clients and senders a function does not call (the manage function sends test notifications, email included). */
  private static final Map<String, List<String>> FORBIDDEN_IN = Map.of(
      "ingest", List.of("software/amazon/awssdk/services/sesv2/", "software/amazon/awssdk/services/eventbridge/",
          "dev/cronmon/alerts/", "jakarta/mail/"),
      "sweeper", List.of("software/amazon/awssdk/services/sesv2/", "dev/cronmon/alerts/", "jakarta/mail/"),
      "manage", List.of("software/amazon/awssdk/services/eventbridge/"),
      "alerts", List.of("software/amazon/awssdk/services/eventbridge/"));

  @Test
  void everyLambdaJar_holdsOnlyWhatItsFunctionRuns() throws IOException {
    Set<String> testClasses = testClasses();
    assertThat(testClasses).as("test classes of the modules, to look for in the jars").isNotEmpty();
    List<String> found = new ArrayList<>();
    for (String function : FORBIDDEN_IN.keySet().stream().sorted().toList()) {
      Path jar = lambdaJar(function);
      List<String> forbidden = new ArrayList<>(FORBIDDEN_EVERYWHERE);
      forbidden.addAll(FORBIDDEN_IN.get(function));
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        List<? extends ZipEntry> entries = zip.stream().toList();
        for (ZipEntry e : entries) {
          String name = e.getName();
          forbidden.stream().filter(name::contains).findFirst().ifPresent(f -> found.add(function + ": " + name + " (" + f + ")"));
          if (testClasses.contains(name)) found.add(function + ": " + name + " (test code)");
        }
        assertThat(entries).as(function + " jar holds its handler's package").anyMatch(e -> e.getName().startsWith("dev/cronmon/" + function + "/"));
        System.out.printf("%s: %s, %.1f MiB, %d entries%n", function, ROOT.relativize(jar), Files.size(jar) / 1048576.0, entries.size());
      }
    }
    assertThat(found).as("what no Lambda artifact may hold").isEmpty();
  }

  private static Path lambdaJar(String function) throws IOException {
    Path target = ROOT.resolve("functions/" + function + "/target");
    try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
      List<Path> jars = files.filter(p -> p.getFileName().toString().endsWith("-lambda.jar")).toList();
      assertThat(jars).as(function + "'s -lambda.jar in " + target + ": run mvn package (or verify) first").hasSize(1);
      return jars.get(0);
    }
  }

  /** Every class compiled from a module's src/test/java, as its jar entry name. */
  private static Set<String> testClasses() throws IOException {
    Set<String> names = new HashSet<>();
    try (Stream<Path> dirs = Files.walk(ROOT, 4)) {
      for (Path dir : dirs.filter(p -> p.endsWith("target/test-classes")).toList()) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.filter(p -> p.toString().endsWith(".class")).forEach(p -> names.add(dir.relativize(p).toString().replace('\\', '/')));
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return names;
  }
}
