package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The operator's bootstrap and limits commands, pointed (--endpoint) at the local stack's DynamoDB Local and its table
 * as they would be at a deployed one; what they print is then used over HTTP against the stack.
 */
class AdminCommandsTest extends LocalStackTestBase {

  private record Run(int exitCode, String out, String err) {}

  private Run run(String... args) {
    return runWithTable("CronmonTable", args);
  }

  private static String printed(String output, String label) {
    Matcher m = Pattern.compile(label + ":\\s+(\\S+)").matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return m.group(1);
  }

  @Test
  void bootstrap_createsAnOrganizationWhoseTokenAndDsnWork() {
    Run r = run("bootstrap", "--organization", "acme", "--name", "Acme Inc.", "--api-url", "https://api.example.com/");

    assertThat(r.exitCode()).as(r.err()).isZero();
    String token = printed(r.out(), "API token");
    String projectId = printed(r.out(), "project id");
    String key = printed(r.out(), "DSN key");
    assertThat(printed(r.out(), "DSN")).isEqualTo("https://" + key + "@api.example.com/" + projectId);
    Response organization = send("GET", "/api/0/organizations/acme/", null, "Authorization", "Bearer " + token);
    assertThat(organization.status()).isEqualTo(200);
    assertThat(organization.json().get("name").asText()).isEqualTo("Acme Inc.");
    Response checkIn = send("POST", "/api/" + projectId + "/envelope/",
        "{}\n{\"type\":\"check_in\"}\n{\"monitor_slug\":\"first\",\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"@daily\"}}}\n",
        "X-Sentry-Auth", "Sentry sentry_key=" + key);
    assertThat(checkIn.status()).isEqualTo(200);
    // Only the hash is stored: the secret appears in no item of the table.
    assertThat(tableItems().toString()).doesNotContain(token);
  }

  @Test
  void bootstrap_withJsonAndLimits_printsMachineReadableCredentials() {
    Run r = run("bootstrap", "--organization", "scripted", "--json", "--max-monitors", "50", "--max-environments-per-monitor", "3");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode printed = Json.parse(r.out().getBytes(StandardCharsets.UTF_8));
    assertThat(printed.get("organization").asText()).isEqualTo("scripted");
    assertThat(printed.get("dsn").isNull()).isTrue();
    JsonNode limits = send("GET", "/api/0/organizations/scripted/", null, "Authorization", "Bearer " + printed.get("token").asText())
        .json().get("limits");
    assertThat(limits.get("maxMonitors").asInt()).isEqualTo(50);
    assertThat(limits.get("maxEnvironmentsPerMonitor").asInt()).isEqualTo(3);
  }

  @Test
  void bootstrap_refusesAnExistingOrganization_andBadSlugs_writingNothing() {
    var before = tableItems();

    Run existing = run("bootstrap", "--organization", org);
    Run badSlug = run("bootstrap", "--organization", "Not A Slug");
    Run badName = run("bootstrap", "--organization", "fine", "--name", "bell\u0007");
    Run missingTable = runWithTable("NoSuchTable", "bootstrap", "--organization", "fine");
    Run badLimit = run("bootstrap", "--organization", "fine", "--max-monitors", "0");

    assertThat(existing.exitCode()).isEqualTo(1);
    assertThat(existing.err()).contains("already exists");
    assertThat(badSlug.exitCode()).isEqualTo(2);
    assertThat(badName.exitCode()).isEqualTo(2);
    assertThat(missingTable.exitCode()).isEqualTo(1);
    assertThat(missingTable.err()).contains("NoSuchTable");
    assertThat(badLimit.exitCode()).isEqualTo(2);
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void limits_setAndResetAnOrganizationsCaps() {
    Run set = run("limits", "--organization", org, "--max-monitors", "7");

    assertThat(set.exitCode()).as(set.err()).isZero();
    assertThat(api("GET", "/api/0/organizations/" + org + "/", null).json().get("limits").get("maxMonitors").asInt()).isEqualTo(7);

    Run reset = run("limits", "--organization", org, "--max-monitors", "default");

    assertThat(reset.exitCode()).isZero();
    assertThat(reset.out()).contains("the deployment's default");
    assertThat(api("GET", "/api/0/organizations/" + org + "/", null).json().get("limits").get("maxMonitors").asInt()).isEqualTo(1000);
  }

  private Run runWithTable(String table, String... args) {
    // No AWS variables at all: DynamoDB Local takes any credentials; on AWS the default chain supplies real ones.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--table", table, "--region", "eu-west-1", "--endpoint", stack.dynamo().endpoint().toString()));
    int code = AdminCommands.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.<String, String>of()::get, clock);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
