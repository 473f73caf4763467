package dev.cronmon.dynamodb;

import static dev.cronmon.dynamodb.TemplateYaml.list;
import static dev.cronmon.dynamodb.TemplateYaml.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

class TableSchemaTest extends StoreTestSupport {

  @Test
  void createTable_createsKeysIndexesAndTtl_asDeclared() {
    TableDescription t = client.describeTable(b -> b.tableName(table)).table();
    assertThat(t.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("PK", "SK");
    assertThat(t.globalSecondaryIndexes()).extracting(g -> g.indexName()).containsExactlyInAnyOrder("history", "due");
    assertThat(client.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription())
        .satisfies(ttl -> {
          assertThat(ttl.attributeName()).isEqualTo("expiresAt");
          assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
        });
  }

  @Test
  void exists_tellsWhetherTheTableIsThere() {
    assertThat(TableSchema.exists(client, table)).isTrue();
    assertThat(TableSchema.exists(client, table + "-missing")).isFalse();
  }

  /** template.yaml is the deployment; TableSchema is what tests and the local stack create. They must not drift. */
  @Test
  void templateYaml_declaresTheSameTable() {
    Path template = TemplateYaml.find();
    Assumptions.assumeTrue(template != null, "template.yaml not found above " + Path.of("").toAbsolutePath());
    Map<String, Object> resources = map(TemplateYaml.load(template).get("Resources"));
    List<Map<String, Object>> tables = resources.values().stream().map(TemplateYaml::map)
        .filter(r -> "AWS::DynamoDB::Table".equals(r.get("Type"))).toList();
    assertThat(tables).hasSize(1);
    Map<String, Object> declared = map(tables.get(0).get("Properties"));
    CreateTableRequest expected = TableSchema.createTableRequest("t");

    assertThat(declared.get("BillingMode")).isEqualTo(expected.billingModeAsString());
    assertThat(list(declared.get("AttributeDefinitions")).stream()
        .collect(Collectors.toMap(a -> String.valueOf(a.get("AttributeName")), a -> String.valueOf(a.get("AttributeType")))))
        .isEqualTo(expected.attributeDefinitions().stream()
            .collect(Collectors.toMap(AttributeDefinition::attributeName, AttributeDefinition::attributeTypeAsString)));
    assertThat(keys(declared.get("KeySchema"))).isEqualTo(keys(expected.keySchema()));

    Map<String, Map<String, Object>> declaredIndexes = new HashMap<>();
    for (Map<String, Object> gsi : list(declared.get("GlobalSecondaryIndexes"))) {
      declaredIndexes.put(String.valueOf(gsi.get("IndexName")), gsi);
    }
    assertThat(declaredIndexes.keySet()).containsExactlyInAnyOrderElementsOf(
        expected.globalSecondaryIndexes().stream().map(GlobalSecondaryIndex::indexName).toList());
    for (GlobalSecondaryIndex gsi : expected.globalSecondaryIndexes()) {
      Map<String, Object> d = declaredIndexes.get(gsi.indexName());
      assertThat(keys(d.get("KeySchema"))).as(gsi.indexName()).isEqualTo(keys(gsi.keySchema()));
      Map<String, Object> projection = map(d.get("Projection"));
      assertThat(projection.get("ProjectionType")).as(gsi.indexName()).isEqualTo(gsi.projection().projectionTypeAsString());
      List<String> nonKey = projection.get("NonKeyAttributes") == null ? List.of()
          : ((List<?>) projection.get("NonKeyAttributes")).stream().map(String::valueOf).toList();
      assertThat(nonKey).as(gsi.indexName()).containsExactlyInAnyOrderElementsOf(gsi.projection().nonKeyAttributes());
    }

    Map<String, Object> ttl = map(declared.get("TimeToLiveSpecification"));
    assertThat(ttl.get("AttributeName")).isEqualTo(TableSchema.TTL_ATTRIBUTE);
    assertThat(ttl.get("Enabled")).isEqualTo(true);
  }

  private static List<String> keys(Object declaredKeySchema) {
    return list(declaredKeySchema).stream().map(k -> k.get("AttributeName") + ":" + k.get("KeyType")).toList();
  }

  private static List<String> keys(List<KeySchemaElement> schema) {
    return schema.stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList();
  }
}
