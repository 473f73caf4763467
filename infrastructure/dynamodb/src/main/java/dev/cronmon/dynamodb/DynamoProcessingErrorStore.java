package dev.cronmon.dynamodb;

import static dev.cronmon.dynamodb.Attrs.instant;
import static dev.cronmon.dynamodb.Attrs.intN;
import static dev.cronmon.dynamodb.Attrs.item;
import static dev.cronmon.dynamodb.Attrs.longN;
import static dev.cronmon.dynamodb.Attrs.s;

import dev.cronmon.domain.processing.ErrorCounter;
import dev.cronmon.domain.processing.ErrorList;
import dev.cronmon.domain.processing.ProcessingError;
import dev.cronmon.domain.processing.ProcessingErrorType;
import dev.cronmon.domain.processing.Problem;
import dev.cronmon.domain.store.ProcessingErrorStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * {@link ProcessingErrorStore} on the table (docs/data-model.md, kinds {@code processing-error} and
 * {@code processing-error-counter}): a list lives in the partition of its monitor ({@code MON#{monitorId}}) or project
 * ({@code PROJECT#{projectId}}), as a counter item and up to ten slot items, each written whole with one PutItem and
 * expiring through the table's TTL attribute.
 */
final class DynamoProcessingErrorStore implements ProcessingErrorStore {
  static final String COUNTER_SK = "PERROR#COUNTER";
  static final String SLOT_PREFIX = "PERROR#SLOT#";

  private final DynamoDbClient client;
  private final String table;
  private final CapacityMeter meter;
  private final ReturnConsumedCapacity returnCapacity;

  DynamoProcessingErrorStore(DynamoDbClient client, String table, CapacityMeter meter) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = Objects.requireNonNull(table, "table");
    this.meter = meter;
    this.returnCapacity = meter == null ? ReturnConsumedCapacity.NONE : ReturnConsumedCapacity.TOTAL;
  }

  static String listPk(ErrorList list) {
    return (list.kind() == ErrorList.Kind.MONITOR ? ItemCodec.monitorPk(list.id()) : ItemCodec.projectPk(list.id()));
  }

  @Override
  public Optional<ErrorCounter> errorCounter(ErrorList list) {
    var r = client.getItem(b -> b.tableName(table).key(ItemCodec.key(listPk(list), COUNTER_SK)).consistentRead(true)
        .returnConsumedCapacity(returnCapacity));
    if (meter != null) meter.read(r.consumedCapacity());
    if (!r.hasItem() || r.item().isEmpty()) return Optional.empty();
    Map<String, AttributeValue> i = r.item();
    return Optional.of(new ErrorCounter(longN(i, "seq", 0), instant(i, "minute"), intN(i, "inMinute", 0)));
  }

  @Override
  public boolean saveErrorCounter(ErrorList list, ErrorCounter counter, Instant expiresAt) {
    Map<String, AttributeValue> item = item().s(TableSchema.PK, listPk(list)).s(TableSchema.SK, COUNTER_SK)
        .s(ItemCodec.KIND, "processing-error-counter").n("seq", counter.seq()).instant("minute", counter.minute())
        .n("inMinute", counter.inMinute()).n(TableSchema.TTL_ATTRIBUTE, expiresAt.getEpochSecond()).build();
    try {
      var r = client.putItem(b -> {
        b.tableName(table).item(item).returnConsumedCapacity(returnCapacity);
        if (counter.seq() == 1) {
          b.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", TableSchema.PK));
        } else {
          b.conditionExpression("#seq = :previous").expressionAttributeNames(Map.of("#seq", "seq"))
              .expressionAttributeValues(Map.of(":previous", AttributeValue.fromN(Long.toString(counter.seq() - 1))));
        }
      });
      if (meter != null) meter.write(r.consumedCapacity());
      return true;
    } catch (ConditionalCheckFailedException e) {
      if (meter != null) meter.failedConditionalWrite();
      return false;
    }
  }

  @Override
  public void putProcessingError(ErrorList list, int slot, long seq, ProcessingError e, Instant expiresAt) {
    List<AttributeValue> problems = new ArrayList<>();
    for (Problem p : e.errors()) {
      Map<String, AttributeValue> data = new LinkedHashMap<>();
      p.data().forEach((k, v) -> data.put(k, AttributeValue.fromS(v)));
      Map<String, AttributeValue> fields = new LinkedHashMap<>();
      p.fieldErrors().forEach((k, v) -> fields.put(k, AttributeValue.fromL(v.stream().map(AttributeValue::fromS).toList())));
      problems.add(AttributeValue.fromM(item().n("type", p.type().code()).s("detail", p.detail())
          .m("data", data.isEmpty() ? null : data).m("fieldErrors", fields.isEmpty() ? null : fields).build()));
    }
    Map<String, AttributeValue> item = item().s(TableSchema.PK, listPk(list)).s(TableSchema.SK, SLOT_PREFIX + slot)
        .s(ItemCodec.KIND, "processing-error").n("seq", seq).s("id", e.id().toString()).s("projectId", e.projectId())
        .s("monitorSlug", e.monitorSlug()).instant("received", e.received()).s("source", e.source()).s("payload", e.payload())
        .n(TableSchema.TTL_ATTRIBUTE, expiresAt.getEpochSecond()).build();
    item.put("errors", AttributeValue.fromL(problems));
    var r = client.putItem(b -> b.tableName(table).item(item).returnConsumedCapacity(returnCapacity));
    if (meter != null) meter.write(r.consumedCapacity());
  }

  @Override
  public List<StoredError> processingErrors(ErrorList list) {
    List<StoredError> out = new ArrayList<>();
    for (Map<String, AttributeValue> i : slots(list).items()) out.add(new StoredError(longN(i, "seq", 0), error(i)));
    return out;
  }

  @Override
  public boolean deleteProcessingError(ErrorList list, UUID id) {
    for (Map<String, AttributeValue> i : slots(list).items()) {
      if (!id.toString().equals(s(i, "id"))) continue;
      try {
        // Only while the slot still holds this error: a newer one may have been written over it meanwhile.
        var r = client.deleteItem(b -> b.tableName(table).key(ItemCodec.key(listPk(list), s(i, TableSchema.SK)))
            .conditionExpression("#id = :id").expressionAttributeNames(Map.of("#id", "id"))
            .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(id.toString()))).returnConsumedCapacity(returnCapacity));
        if (meter != null) meter.write(r.consumedCapacity());
        return true;
      } catch (ConditionalCheckFailedException e) {
        if (meter != null) meter.failedConditionalWrite();
        return false;
      }
    }
    return false;
  }

  /** The slots of a list: one Query of at most ten items (eventually consistent, as a listing may be). */
  private QueryResponse slots(ErrorList list) {
    QueryResponse r = client.query(b -> b.tableName(table)
        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
        .expressionAttributeNames(Map.of("#pk", TableSchema.PK, "#sk", TableSchema.SK))
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(listPk(list)), ":prefix", AttributeValue.fromS(SLOT_PREFIX)))
        .returnConsumedCapacity(returnCapacity));
    if (meter != null) meter.read(r.consumedCapacity());
    return r;
  }

  private static ProcessingError error(Map<String, AttributeValue> i) {
    List<Problem> problems = new ArrayList<>();
    for (AttributeValue v : i.get("errors").l()) {
      Map<String, AttributeValue> p = v.m();
      ProcessingErrorType type = ProcessingErrorType.fromCode(Math.toIntExact(longN(p, "type", -1)))
          .orElseThrow(() -> new IllegalStateException("unknown processing error type " + s(p, "type")));
      Map<String, String> data = new LinkedHashMap<>();
      Map<String, AttributeValue> d = Attrs.m(p, "data");
      if (d != null) d.forEach((k, val) -> data.put(k, val.s()));
      Map<String, List<String>> fields = new LinkedHashMap<>();
      Map<String, AttributeValue> f = Attrs.m(p, "fieldErrors");
      if (f != null) f.forEach((k, val) -> fields.put(k, val.l().stream().map(AttributeValue::s).toList()));
      problems.add(new Problem(type, s(p, "detail"), data, fields));
    }
    return new ProcessingError(UUID.fromString(s(i, "id")), s(i, "projectId"), s(i, "monitorSlug"), instant(i, "received"),
        s(i, "source"), s(i, "payload"), problems);
  }
}
