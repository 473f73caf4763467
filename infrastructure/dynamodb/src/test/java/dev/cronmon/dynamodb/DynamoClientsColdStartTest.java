package dev.cronmon.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a cold start loads (docs/benchmarks.md, "Cold start: classes loaded before the first event"): a fresh JVM builds
 * the client as a Lambda function does and makes one request, and its class-load log must not hold the SDK's generated
 * metadata of every AWS service. SDK versions before 2.53 looked the signing region up there when a client was built,
 * which instantiated all ~310 {@code regions.servicemetadata} classes and cost a tenth of a cold start.
 */
class DynamoClientsColdStartTest extends StoreTestSupport {
  private static final String SERVICE_METADATA = "software.amazon.awssdk.regions.servicemetadata.";

  @Test
  void aClientAndItsFirstRequest_loadNoServiceMetadata(@TempDir Path dir) throws Exception {
    // GIVEN an item the child will read
    client.putItem(b -> b.tableName(table).item(Map.of(TableSchema.PK, AttributeValue.fromS("cold"),
        TableSchema.SK, AttributeValue.fromS("start"))));

    // WHEN a fresh JVM builds a client as on Lambda (no endpoint: AWS's, by the SDK's endpoint rules), then one on this
    // DynamoDB and reads the item with it
    Path log = dir.resolve("classes.txt");
    String output = runChild(log, Map.of("TABLE_NAME", table, "DYNAMODB_ENDPOINT", local.endpoint().toString(),
        "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local"));

    // THEN the request was answered, the log is of that run, and no service's metadata was loaded
    assertThat(output).contains("read cold/start");
    List<String> loaded = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertThat(loaded).anyMatch(l -> l.contains(" software.amazon.awssdk.services.dynamodb.DefaultDynamoDbClient "));
    assertThat(loaded).noneMatch(l -> l.contains(SERVICE_METADATA));
  }

  /** Runs {@link FirstRequest} in a new JVM on this test's class path, logging every class it loads to {@code log}. */
  private static String runChild(Path log, Map<String, String> env) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xlog:class+load=info:file=" + log, "-cp",
        System.getProperty("java.class.path"), FirstRequest.class.getName()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child exited").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  /** The child: both clients as {@link DynamoClients} builds them, one GetItem. */
  public static final class FirstRequest {
    public static void main(String[] args) {
      Map<String, String> lambda = Map.of("AWS_REGION", "eu-west-1", "AWS_LAMBDA_FUNCTION_NAME", "cronmon-ingest",
          "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret");
      try (DynamoDbClient onLambda = DynamoClients.from(lambda::get);
           DynamoDbClient local = DynamoClients.fromEnvironment()) {
        var item = local.getItem(b -> b.tableName(System.getenv("TABLE_NAME")).key(Map.of(
            TableSchema.PK, AttributeValue.fromS("cold"), TableSchema.SK, AttributeValue.fromS("start")))).item();
        System.out.println("read " + item.get(TableSchema.PK).s() + "/" + item.get(TableSchema.SK).s()
            + " (region of the Lambda client: " + onLambda.serviceClientConfiguration().region() + ")");
      }
    }
  }
}
