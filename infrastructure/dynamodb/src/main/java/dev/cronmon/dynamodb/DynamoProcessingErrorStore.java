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
import dev.cronmon.domain.store.KeyParts;
import dev.cronmon.domain.store.ProcessingErrorStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link ProcessingErrorStore} on the table (docs/data-model.md, kinds {@code processing-error} and
 * {@code processing-error-counter}): a list lives in the partition of its monitor ({@code MON#{monitorId}}) or project
 * ({@code PROJECT#{projectId}}), as a counter item and up to ten slot items, each written whole with one PutItem and
 * expiring through the table's TTL attribute.
 */
final class DynamoProcessingErrorStore implements ProcessingErrorStore {
  static final String COUNTER_SK = "PERROR#COUNTER";
  static final String SLOT_PREFIX = "PERROR#SLOT#";
  /** The counter's number is its version: a write is conditioned on the number it replaces. */
  private static final String SEQ = "seq";

  private final Table table;

  DynamoProcessingErrorStore(Table table) {
    this.table = table;
  }

  static String listPk(ErrorList list) {
    return list.kind() == ErrorList.Kind.MONITOR ? Keys.monitorPk(list.id()) : Keys.projectPk(list.id());
  }

  @Override
  public Optional<ErrorCounter> errorCounter(ErrorList list) {
    if (!KeyParts.valid(list.id())) return Optional.empty();
    return table.get(Keys.key(listPk(list), COUNTER_SK), true)
        .map(i -> new ErrorCounter(longN(i, SEQ, 0), instant(i, "minute"), intN(i, "inMinute", 0)));
  }

  @Override
  public boolean saveErrorCounter(ErrorList list, ErrorCounter counter, Instant expiresAt) {
    KeyParts.require(list.id(), "error list id");
    Map<String, AttributeValue> item = item().s(TableSchema.PK, listPk(list)).s(TableSchema.SK, COUNTER_SK)
        .s(Keys.KIND, "processing-error-counter").n(SEQ, counter.seq()).instant("minute", counter.minute())
        .n("inMinute", counter.inMinute()).n(TableSchema.TTL_ATTRIBUTE, expiresAt.getEpochSecond()).build();
    Table.Condition condition = counter.seq() == 1 ? Table.Condition.absent()
        : new Table.Condition("#seq = :previous", Map.of("#seq", SEQ), Map.of(":previous", AttributeValue.fromN(Long.toString(counter.seq() - 1))));
    return table.put(item, condition);
  }

  @Override
  public void putProcessingError(ErrorList list, int slot, long seq, ProcessingError e, Instant expiresAt) {
    KeyParts.require(list.id(), "error list id");
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
        .s(Keys.KIND, "processing-error").n(SEQ, seq).s("id", e.id().toString()).s("projectId", e.projectId())
        .s("monitorSlug", e.monitorSlug()).instant("received", e.received()).s("source", e.source()).s("payload", e.payload())
        .n(TableSchema.TTL_ATTRIBUTE, expiresAt.getEpochSecond()).build();
    item.put("errors", AttributeValue.fromL(problems));
    table.put(item); // the slot's oldest error is the one to replace
  }

  @Override
  public List<StoredError> processingErrors(ErrorList list) {
    if (!KeyParts.valid(list.id())) return List.of();
    return slots(list).stream().map(i -> new StoredError(longN(i, SEQ, 0), error(i))).toList();
  }

  @Override
  public boolean deleteProcessingError(ErrorList list, UUID id) {
    if (!KeyParts.valid(list.id())) return false;
    for (Map<String, AttributeValue> i : slots(list)) {
      if (!id.toString().equals(s(i, "id"))) continue;
      // Only while the slot still holds this error: a newer one may have been written over it meanwhile.
      return table.delete(Keys.key(listPk(list), s(i, TableSchema.SK)),
          new Table.Condition("#id = :id", Map.of("#id", "id"), Map.of(":id", AttributeValue.fromS(id.toString()))));
    }
    return false;
  }

  /** The slots of a list: one Query of at most ten items (eventually consistent, as a listing may be). */
  private List<Map<String, AttributeValue>> slots(ErrorList list) {
    return table.queryAll(table.beginsWith(listPk(list), SLOT_PREFIX).build());
  }

  private static ProcessingError error(Map<String, AttributeValue> i) {
    List<Problem> problems = new ArrayList<>();
    for (AttributeValue v : i.get("errors").l()) {
      Map<String, AttributeValue> p = v.m();
      ProcessingErrorType type = ProcessingErrorType.fromCode(Math.toIntExact(longN(p, "type", -1)))
          .orElseThrow(() -> new IllegalStateException("unknown processing error type in " + i.get(TableSchema.PK).s()));
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
