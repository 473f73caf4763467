package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronmon.common.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The backup file's parsers: any item survives {@link ItemJson} both ways unchanged, and any input to import is either
 * a whole export or refused with an {@link IllegalArgumentException} that says where, never another failure.
 */
class ItemJsonProperties {

  @Property(tries = 300)
  void everyItem_roundTripsThroughJsonText(@ForAll("items") Map<String, AttributeValue> item) {
    String line = Json.write(ItemJson.write(item));

    assertThat(ItemJson.read(Json.parse(line.getBytes(StandardCharsets.UTF_8)))).isEqualTo(item);
    assertThat(line).doesNotContain("\n");
  }

  @Property(tries = 500)
  void anyLineOfJson_isAnItemOrRefusedWithTheReason(@ForAll("jsonish") String text) {
    var node = Json.MAPPER.nullNode();
    try {
      node = Json.MAPPER.readTree(text);
    } catch (Exception notJson) {
      return; // import says "line N is not JSON" for these, before ItemJson sees them
    }
    var parsed = node;
    try {
      Map<String, AttributeValue> item = ItemJson.read(parsed);
      assertThat(ItemJson.read(ItemJson.write(item))).isEqualTo(item);
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 200)
  void anyInput_isAWholeExportOrRefused(@ForAll("exports") String input) throws Exception {
    try {
      BackupCommands.Backup backup = BackupCommands.Backup.read(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
      List<Map<String, AttributeValue>> items = new ArrayList<>();
      backup.forEachItem(items::add);
      assertThat(items).hasSize((int) backup.items());
      Files.deleteIfExists(backup.spool());
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 50)
  void anExportWithItsEndLine_isRead_andWithoutIt_isRefused(@ForAll("itemLists") List<Map<String, AttributeValue>> items) throws Exception {
    StringBuilder text = new StringBuilder("{\"cronmon\":\"export\",\"format\":2,\"table\":\"T\",\"credentials\":null}\n");
    for (Map<String, AttributeValue> item : items) text.append(Json.write(ItemJson.write(item))).append('\n');
    String withoutEnd = text.toString();
    text.append("{\"cronmon\":\"end\",\"items\":").append(items.size()).append("}\n");

    BackupCommands.Backup backup = BackupCommands.Backup.read(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
    List<Map<String, AttributeValue>> read = new ArrayList<>();
    backup.forEachItem(read::add);
    Files.deleteIfExists(backup.spool());

    assertThat(read).isEqualTo(items);
    assertThatThrownBy(() -> BackupCommands.Backup.read(new ByteArrayInputStream(withoutEnd.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("incomplete");
  }

  @Provide
  Arbitrary<Map<String, AttributeValue>> items() {
    return Combinators.combine(Arbitraries.strings().ofMinLength(1).ofMaxLength(20), Arbitraries.strings().ofMaxLength(20),
            Arbitraries.maps(Arbitraries.strings().ofMinLength(1).ofMaxLength(8), values(3)).ofMaxSize(6))
        .as((pk, sk, rest) -> {
          Map<String, AttributeValue> item = new java.util.LinkedHashMap<>(rest);
          item.put("PK", AttributeValue.fromS(pk));
          item.put("SK", AttributeValue.fromS(sk));
          return item;
        });
  }

  @Provide
  Arbitrary<List<Map<String, AttributeValue>>> itemLists() {
    return items().list().ofMaxSize(5);
  }

  private static Arbitrary<AttributeValue> values(int depth) {
    Arbitrary<String> numbers = Arbitraries.oneOf(
        Arbitraries.longs().map(n -> Long.toString(n)),
        Arbitraries.bigDecimals().ofScale(6).map(d -> d.toPlainString()),
        Arbitraries.of("1.50", "-0", "1e10", "12345678901234567890123456789012345678", ".5"));
    Arbitrary<SdkBytes> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(16).map(SdkBytes::fromByteArray);
    List<Arbitrary<AttributeValue>> scalars = List.of(
        Arbitraries.strings().ofMaxLength(30).map(AttributeValue::fromS),
        numbers.map(AttributeValue::fromN),
        bytes.map(AttributeValue::fromB),
        Arbitraries.of(true, false).map(AttributeValue::fromBool),
        Arbitraries.just(AttributeValue.fromNul(true)),
        Arbitraries.strings().ofMaxLength(5).set().ofMinSize(1).ofMaxSize(4).map(s -> AttributeValue.fromSs(List.copyOf(s))),
        numbers.set().ofMinSize(1).ofMaxSize(4).map(s -> AttributeValue.fromNs(List.copyOf(s))),
        bytes.list().ofMinSize(1).ofMaxSize(3).map(AttributeValue::fromBs));
    if (depth == 0) return Arbitraries.oneOf(scalars);
    Arbitrary<AttributeValue> inner = Arbitraries.lazy(() -> values(depth - 1));
    List<Arbitrary<AttributeValue>> all = new ArrayList<>(scalars);
    all.add(inner.list().ofMaxSize(3).map(AttributeValue::fromL));
    all.add(Arbitraries.maps(Arbitraries.strings().ofMaxLength(6), inner).ofMaxSize(3).map(AttributeValue::fromM));
    return Arbitraries.oneOf(all);
  }

  @Provide
  Arbitrary<String> jsonish() {
    Arbitrary<String> fragments = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"PK\"", "\"S\"", "\"N\"", "\"B\"", "\"M\"",
        "\"L\"", "\"SS\"", "\"NS\"", "\"BS\"", "\"BOOL\"", "\"NULL\"", "\"x\"", "\"1.5\"", "\"AAE=\"", "\"@@\"", "true",
        "false", "null", "1", "-2.5e3", "\"\"");
    return Arbitraries.oneOf(
        fragments.list().ofMaxSize(25).map(l -> String.join("", l)),
        items().map(i -> Json.write(ItemJson.write(i))).map(s -> s.replaceFirst("\"S\"", "\"Q\"")),
        Arbitraries.strings().ofMaxLength(40));
  }

  @Provide
  Arbitrary<String> exports() {
    Arbitrary<String> header = Arbitraries.of("{\"cronmon\":\"export\",\"format\":2,\"table\":\"T\"}",
        "{\"cronmon\":\"export\",\"format\":\"two\",\"table\":\"T\"}", "{\"cronmon\":\"export\",\"format\":2,\"table\":\"T\","
            + "\"lastCompletedSweep\":\"yesterday\"}", "{}", "not json", "");
    Arbitrary<String> line = Arbitraries.oneOf(items().map(i -> Json.write(ItemJson.write(i))), jsonish(),
        Arbitraries.integers().between(-1, 4).map(n -> "{\"cronmon\":\"end\",\"items\":" + n + "}"));
    return Combinators.combine(header, line.list().ofMaxSize(5)).as((h, lines) -> h + "\n" + String.join("\n", lines) + "\n");
  }
}
