package dev.cronmon.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoClientsTest extends StoreTestSupport {

  @Test
  void from_usesTheEndpointOverride_withDummyCredentials_whenNoneAreGiven() {
    try (DynamoDbClient c = DynamoClients.from(Map.of("DYNAMODB_ENDPOINT", local.endpoint().toString())::get)) {
      // Described, not looked for in ListTables: its first page holds 100 names, and a shared server holds more.
      assertThat(c.describeTable(b -> b.tableName(table)).table().tableName()).isEqualTo(table);
      assertThat(c.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
    }
  }

  @Test
  void from_takesTheRegionFromAwsRegion() {
    Map<String, String> env = Map.of("DYNAMODB_ENDPOINT", local.endpoint().toString(), "AWS_REGION", "eu-central-1",
        "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret");
    try (DynamoDbClient c = DynamoClients.from(env::get)) {
      assertThat(c.serviceClientConfiguration().region()).isEqualTo(Region.EU_CENTRAL_1);
      // Its own table: DynamoDB (and moto) keep tables per region, so the us-east-1 test table is not there.
      String regional = table + "-eu-central-1";
      TableSchema.createTable(c, regional);
      assertThat(c.describeTable(b -> b.tableName(regional)).table().tableName()).isEqualTo(regional);
    }
  }

  @Test
  void from_failsClearly_withoutRegionOrEndpoint() {
    assertThatThrownBy(() -> DynamoClients.from(Map.<String, String>of()::get))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("AWS_REGION");
  }

  @Test
  void lambdaCredentials_withSnapStart_areTheContainerCredentials() {
    // GIVEN Lambda's environment under SnapStart: no key variables, the role's credentials served at a URI
    Map<String, String> env = Map.of("AWS_LAMBDA_FUNCTION_NAME", "cronmon-ingest", "AWS_REGION", "us-east-1",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9001/2018-06-01/credentials");

    // WHEN the function's credentials provider is chosen
    AwsCredentialsProvider provider = DynamoClients.lambdaCredentials(env::get);

    // THEN it is the container provider (the SDK's; it reads that URI and its token from the process environment)
    assertThat(provider).isInstanceOf(ContainerCredentialsProvider.class);
  }

  @Test
  void lambdaCredentials_withoutSnapStart_areTheKeyVariables() {
    assertThat(DynamoClients.lambdaCredentials(Map.of("AWS_LAMBDA_FUNCTION_NAME", "cronmon-ingest")::get))
        .isInstanceOf(EnvironmentVariableCredentialsProvider.class);
  }
}
