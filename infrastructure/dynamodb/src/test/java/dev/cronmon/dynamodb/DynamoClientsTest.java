package dev.cronmon.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoClientsTest extends StoreTestSupport {

  @Test
  void from_usesTheEndpointOverride_withDummyCredentials_whenNoneAreGiven() {
    try (DynamoDbClient c = DynamoClients.from(Map.of("DYNAMODB_ENDPOINT", local.endpoint().toString())::get)) {
      assertThat(c.listTables().tableNames()).contains(table);
      assertThat(c.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
    }
  }

  @Test
  void from_takesTheRegionFromAwsRegion() {
    Map<String, String> env = Map.of("DYNAMODB_ENDPOINT", local.endpoint().toString(), "AWS_REGION", "eu-central-1",
        "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret");
    try (DynamoDbClient c = DynamoClients.from(env::get)) {
      assertThat(c.serviceClientConfiguration().region()).isEqualTo(Region.EU_CENTRAL_1);
      assertThat(c.listTables().tableNames()).contains(table);
    }
  }

  @Test
  void from_failsClearly_withoutRegionOrEndpoint() {
    assertThatThrownBy(() -> DynamoClients.from(Map.<String, String>of()::get))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("AWS_REGION");
  }
}
