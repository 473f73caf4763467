package dev.cronmon.dynamodb;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The one table of cronmon (docs/data-model.md). On AWS, template.yaml declares it; tests and the local stack create it
 * with {@link #createTable}. The two must stay identical in keys, indexes and projections (TableSchemaTest checks it).
 */
public final class TableSchema {
  public static final String PK = "PK";
  public static final String SK = "SK";

  /** Check-in history, newest first per monitor: {@code MON#{monitorId}} / {@code {dateCreated}#{uuid}}. */
  public static final String HISTORY_INDEX = "history";
  public static final String HISTORY_PK = "historyPk";
  public static final String HISTORY_SK = "historySk";
  /** The only non-key attribute projected into {@link #HISTORY_INDEX}: the environment filter runs on the index. */
  public static final String HISTORY_PROJECTED = "environment";

  /** The sparse, sharded deadline index the sweeper reads: {@code DUE#{n}} / ISO-8601 {@code dueAt}. Keys only. */
  public static final String DUE_INDEX = "due";
  public static final String DUE_SHARD = "dueShard";
  public static final String DUE_AT = "dueAt";

  /** DynamoDB TTL attribute (epoch seconds) of check-ins. */
  public static final String TTL_ATTRIBUTE = "expiresAt";

  private TableSchema() {}

  /** The CreateTable request: PK/SK strings, on-demand, GSIs {@code history} and {@code due}. */
  public static CreateTableRequest createTableRequest(String tableName) {
    return CreateTableRequest.builder()
        .tableName(tableName)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(
            string(PK), string(SK), string(HISTORY_PK), string(HISTORY_SK), string(DUE_SHARD), string(DUE_AT))
        .keySchema(hash(PK), range(SK))
        .globalSecondaryIndexes(
            GlobalSecondaryIndex.builder()
                .indexName(HISTORY_INDEX)
                .keySchema(hash(HISTORY_PK), range(HISTORY_SK))
                .projection(Projection.builder()
                    .projectionType(ProjectionType.INCLUDE)
                    .nonKeyAttributes(List.of(HISTORY_PROJECTED))
                    .build())
                .build(),
            GlobalSecondaryIndex.builder()
                .indexName(DUE_INDEX)
                .keySchema(hash(DUE_SHARD), range(DUE_AT))
                .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                .build())
        .build();
  }

  /** Creates the table, waits until it is active and enables TTL on {@link #TTL_ATTRIBUTE}. */
  public static void createTable(DynamoDbClient client, String tableName) {
    client.createTable(createTableRequest(tableName));
    client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
    client.updateTimeToLive(b -> b.tableName(tableName)
        .timeToLiveSpecification(t -> t.attributeName(TTL_ATTRIBUTE).enabled(true)));
  }

  public static boolean exists(DynamoDbClient client, String tableName) {
    try {
      client.describeTable(b -> b.tableName(tableName));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  private static AttributeDefinition string(String name) {
    return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
  }

  private static KeySchemaElement hash(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
  }

  private static KeySchemaElement range(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
  }
}
