package dev.cronmon.dynamodb;

import static dev.cronmon.dynamodb.Attrs.bool;
import static dev.cronmon.dynamodb.Attrs.item;
import static dev.cronmon.dynamodb.Attrs.longN;

import dev.cronmon.domain.checkin.JobOutput;
import dev.cronmon.domain.store.CheckInHistory;
import dev.cronmon.domain.store.JobOutputs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link JobOutputs} on the table: one {@code output} item beside each check-in that has output ({@code CHECKIN#{id}} /
 * {@code OUTPUT}), its bytes gzip-compressed, with the check-in's own expiry (docs/data-model.md). A check-in item that
 * carried its output would make every history page read it.
 */
final class DynamoJobOutputs implements JobOutputs {
  static final String SK = "OUTPUT";
  private final Table table;

  DynamoJobOutputs(Table table) {
    this.table = table;
  }

  @Override
  public boolean saveOutput(UUID checkInId, Instant checkInCreated, Instant received, JobOutput output) {
    Map<String, AttributeValue> item = item().s(TableSchema.PK, Keys.checkInPk(checkInId)).s(TableSchema.SK, SK)
        .s(Keys.KIND, "output").s("checkInId", checkInId.toString()).n("receivedAt", received.toEpochMilli())
        .n("receivedBytes", output.receivedBytes()).flag("truncated", output.truncated())
        .n(TableSchema.TTL_ATTRIBUTE, checkInCreated.plus(CheckInHistory.RETENTION).getEpochSecond())
        .build();
    item.put("body", AttributeValue.fromB(SdkBytes.fromByteArray(gzip(output.kept()))));
    // Two closes of one run race rarely; the output received last wins whichever request writes last.
    return table.put(item, new Table.Condition("attribute_not_exists(#pk) OR #at <= :at",
        Map.of("#pk", TableSchema.PK, "#at", "receivedAt"), Map.of(":at", AttributeValue.fromN(Long.toString(received.toEpochMilli())))));
  }

  @Override
  public Optional<JobOutput> output(UUID checkInId) {
    return table.get(Keys.key(Keys.checkInPk(checkInId), SK), true)
        .map(i -> JobOutput.stored(gunzip(i.get("body").b().asByteArray()), longN(i, "receivedBytes", 0), bool(i, "truncated")));
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 32);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip in memory cannot fail", e);
    }
    return out.toByteArray();
  }

  static byte[] gunzip(byte[] bytes) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("stored output is not gzip", e);
    }
  }
}
