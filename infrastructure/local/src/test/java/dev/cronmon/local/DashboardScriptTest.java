package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Unit layer for the dashboard's pure modules (schedule phrasing, timeline layout, snippets, durations): the
 * `src/test/browser/*.test.mjs` files, with fast-check properties, run by Node's test runner. Needs node and `npm ci`.
 */
class DashboardScriptTest {

  @Test
  void dashboardModules_passTheirNodeTests() throws IOException {
    NodeTool.assumeNodeAndPackages("fast-check");
    List<String> command = new ArrayList<>(List.of("node", "--test"));
    try (Stream<Path> files = Files.list(NodeTool.SCRIPTS)) {
      files.filter(p -> p.getFileName().toString().endsWith(".test.mjs")).sorted().forEach(p -> command.add(p.toString()));
    }

    NodeTool.Result result = NodeTool.run(Map.of(), command.toArray(String[]::new));

    assertThat(command).hasSizeGreaterThan(2);
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("# fail 0").doesNotContain("# pass 0");
  }
}
