package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.testing.Executables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * cfn-lint, the linter AWS publishes for CloudFormation (with SAM's transform), on template.yaml: what it reports would
 * otherwise surface at deploy time, or never. Skipped, saying why, on a machine without cfn-lint on the PATH.
 */
class TemplateLintTest {
  private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

  @Test
  void cfnLint_reportsNoErrorAndNoWarning() throws IOException, InterruptedException {
    Path cfnLint = Executables.onPath("cfn-lint").orElse(null);
    Assumptions.assumeTrue(cfnLint != null, "cfn-lint not found on the PATH (pip install cfn-lint): template.yaml not linted");

    Process lint = new ProcessBuilder(cfnLint.toString(), "--format", "parseable", "template.yaml")
        .directory(ROOT.toFile()).redirectErrorStream(true).start();
    String findings = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean finished = lint.waitFor(5, TimeUnit.MINUTES);
    if (!finished) lint.destroyForcibly();

    // Exit status 0 only when there is nothing at all: 2 for errors, 4 for warnings, 8 for informational findings.
    assertThat(finished).as("cfn-lint finished").isTrue();
    assertThat(findings).as("cfn-lint template.yaml").isBlank();
    assertThat(lint.exitValue()).as("cfn-lint exit status").isZero();
  }
}
