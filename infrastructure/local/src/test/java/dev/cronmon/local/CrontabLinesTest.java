package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Local integration layer with a shell: the crontab lines README.md prints (section *Instrument your jobs*) and the
 * line a monitor's API answer gives ({@code ping.crontab}) are run by {@code /bin/sh} with curl, as cron would run
 * them, against the local stack, with the job {@code sh -c 'echo hello; exit 3'} (and one that exits 0). What they
 * record is read back through the API: the error, exit status 3 and "hello".
 */
class CrontabLinesTest extends LocalStackTestBase {
  private static final String FAILING_JOB = "sh -c 'echo hello; exit 3'";
  private static final String SUCCEEDING_JOB = "sh -c 'echo hello; exit 0'";

  /** The crontab block of README.md that follows its CrontabLinesTest marker, without comments. */
  private static List<String> readmeLines() throws IOException {
    List<String> all = Files.readAllLines(Path.of("../../README.md"), StandardCharsets.UTF_8);
    int marker = -1;
    for (int i = 0; i < all.size(); i++) if (all.get(i).contains("CrontabLinesTest runs these lines")) marker = i;
    assertThat(marker).as("README.md has the crontab block this test runs").isNotNegative();
    assertThat(all.get(marker + 1)).isEqualTo("```crontab");
    List<String> lines = new ArrayList<>();
    for (int i = marker + 2; !all.get(i).equals("```"); i++) if (!all.get(i).startsWith("#")) lines.add(all.get(i));
    return lines;
  }

  /** A crontab line's command, as cron runs it: the five schedule fields are cron's, the rest goes to /bin/sh. */
  private static String command(String crontabLine) {
    String[] parts = crontabLine.split(" ", 6);
    assertThat(parts).as(crontabLine).hasSize(6);
    return parts[5];
  }

  private void run(String command) throws Exception {
    Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(command).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    // The job's own output (cron mails it) may show; curl -fsS prints only failures.
    assertThat(out).as("what " + command + " printed").doesNotContain("curl");
  }

  private String localized(String command, JsonNode monitor, String pingKey, String job) {
    return command.replace("http://127.0.0.1:8787", stack.baseUri().toString())
        .replace("<ping-uuid>", monitor.get("ping").get("id").asText())
        .replace("<ping-key>", pingKey)
        .replace("/path/to/job.sh", job)
        .replace("/path/to/backup.sh", job);
  }

  private JsonNode newMonitor(String slug) {
    Response r = api("POST", orgPath("/monitors/"), "{\"name\":\"" + slug + "\",\"config\":{\"schedule_type\":\"crontab\",\"schedule\":\"0 3 * * *\"}}");
    assertThat(r.status()).isEqualTo(201);
    return r.json();
  }

  private JsonNode history(String slug) {
    return api("GET", orgPath("/monitors/" + slug + "/checkins/"), null).json();
  }

  private String output(String slug, JsonNode checkIn) {
    return api("GET", orgPath("/monitors/" + slug + "/checkins/" + checkIn.get("id").asText() + "/output/"), null).json().get("output").asText();
  }

  private String pingKey() {
    return api("GET", "/api/0/projects/" + org + "/" + stack.credentials().projectId() + "/ping-keys/", null).json().get(0).get("key").asText();
  }

  @Test
  void theReadmesCrontabLines_withAJobThatExits3_recordTheErrorItsExitStatusAndItsOutput() throws Exception {
    List<String> lines = readmeLines();
    assertThat(lines).hasSize(3);
    JsonNode monitor = newMonitor("readme-failing-" + UUID.randomUUID().toString().substring(0, 8));
    String slug = monitor.get("slug").asText();

    run(localized(command(lines.get(0)), monitor, pingKey(), FAILING_JOB));
    assertThat(history(slug)).as("the classic line sends nothing when the job fails").isEmpty();

    run(localized(command(lines.get(1)), monitor, pingKey(), FAILING_JOB));
    JsonNode run = history(slug).get(0);
    assertThat(history(slug)).as("the start and its end are one run").hasSize(1);
    assertThat(run.get("status").asText()).isEqualTo("error");
    assertThat(run.get("exitStatus").asInt()).isEqualTo(3);
    assertThat(run.get("reason").asText()).isEqualTo("exited with status 3");
    assertThat(output(slug, run)).isEqualTo("hello");

    run(localized(command(lines.get(2)), monitor, pingKey(), FAILING_JOB));
    JsonNode created = api("GET", orgPath("/monitors/backup/"), null).json();
    assertThat(created.get("config").get("schedule")).hasToString("[1,\"day\"]");
    JsonNode backup = history("backup").get(0);
    assertThat(backup.get("status").asText()).isEqualTo("error");
    assertThat(backup.get("exitStatus").asInt()).isEqualTo(3);
    assertThat(output("backup", backup)).isEqualTo("hello");
  }

  @Test
  void theReadmesCrontabLines_withAJobThatSucceeds_recordOk() throws Exception {
    List<String> lines = readmeLines();
    JsonNode monitor = newMonitor("readme-ok-" + UUID.randomUUID().toString().substring(0, 8));
    String slug = monitor.get("slug").asText();

    run(localized(command(lines.get(0)), monitor, pingKey(), SUCCEEDING_JOB));
    clock.advance(java.time.Duration.ofSeconds(1));
    run(localized(command(lines.get(1)), monitor, pingKey(), SUCCEEDING_JOB));

    assertThat(history(slug).findValuesAsText("status")).containsExactly("ok", "ok");
    assertThat(history(slug).get(0).get("exitStatus").asInt()).isZero();
    assertThat(output(slug, history(slug).get(0))).isEqualTo("hello");
  }

  @Test
  void theMonitorsOwnCrontabLine_asTheApiPrintsIt_recordsTheErrorItsExitStatusAndItsOutput() throws Exception {
    JsonNode monitor = newMonitor("own-line-" + UUID.randomUUID().toString().substring(0, 8));
    String slug = monitor.get("slug").asText();
    String line = monitor.get("ping").get("crontab").asText();
    assertThat(line).startsWith("0 3 * * * ").contains(monitor.get("ping").get("url").asText() + "/$?");

    run(command(line).replace("/path/to/job.sh", FAILING_JOB));

    JsonNode run = history(slug).get(0);
    assertThat(run.get("status").asText()).isEqualTo("error");
    assertThat(run.get("exitStatus").asInt()).isEqualTo(3);
    assertThat(output(slug, run)).isEqualTo("hello");
  }
}
