package dev.cronmon.dynamodb;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small helpers to write and read item attributes: nulls are omitted on write and absent attributes read as null. */
final class Attrs {
  /** Fixed-width UTC instants with millis, so that string order is time order (sort keys only). */
  private static final DateTimeFormatter SORTABLE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Attrs() {}

  static String sortable(Instant instant) {
    return SORTABLE.format(instant);
  }

  /** A mutable item under construction; every {@code put} ignores null values. */
  static final class Item {
    final Map<String, AttributeValue> map = new HashMap<>();

    Item s(String name, String value) {
      if (value != null) map.put(name, AttributeValue.fromS(value));
      return this;
    }

    Item n(String name, Number value) {
      if (value != null) map.put(name, AttributeValue.fromN(value.toString()));
      return this;
    }

    Item bool(String name, boolean value) {
      map.put(name, AttributeValue.fromBool(value));
      return this;
    }

    /** A flag stored only when set (absent reads as false), so items without it stay as small as before. */
    Item flag(String name, boolean value) {
      if (value) map.put(name, AttributeValue.fromBool(true));
      return this;
    }

    /** Full-precision ISO-8601 ({@link Instant#toString()}), lossless. */
    Item instant(String name, Instant value) {
      if (value != null) map.put(name, AttributeValue.fromS(value.toString()));
      return this;
    }

    Item m(String name, Map<String, AttributeValue> value) {
      if (value != null) map.put(name, AttributeValue.fromM(value));
      return this;
    }

    /** Lists are omitted when empty (read back as empty). */
    <T> Item list(String name, List<T> values, Function<T, Map<String, AttributeValue>> encode) {
      if (values != null && !values.isEmpty()) {
        List<AttributeValue> out = new ArrayList<>(values.size());
        for (T v : values) out.add(AttributeValue.fromM(encode.apply(v)));
        map.put(name, AttributeValue.fromL(out));
      }
      return this;
    }

    Item strings(String name, List<String> values) {
      if (values != null && !values.isEmpty()) {
        map.put(name, AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList()));
      }
      return this;
    }

    Map<String, AttributeValue> build() {
      return map;
    }
  }

  static Item item() {
    return new Item();
  }

  static String s(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  static Instant instant(Map<String, AttributeValue> item, String name) {
    String s = s(item, name);
    return s == null ? null : Instant.parse(s);
  }

  static Long longN(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? null : Long.valueOf(v.n());
  }

  static long longN(Map<String, AttributeValue> item, String name, long absent) {
    Long v = longN(item, name);
    return v == null ? absent : v;
  }

  static int intN(Map<String, AttributeValue> item, String name, int absent) {
    Long v = longN(item, name);
    return v == null ? absent : Math.toIntExact(v);
  }

  static boolean bool(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v != null && Boolean.TRUE.equals(v.bool());
  }

  static Map<String, AttributeValue> m(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || !v.hasM() ? null : v.m();
  }

  static <T> List<T> list(Map<String, AttributeValue> item, String name, Function<Map<String, AttributeValue>, T> decode) {
    AttributeValue v = item.get(name);
    if (v == null || !v.hasL()) return List.of();
    List<T> out = new ArrayList<>(v.l().size());
    for (AttributeValue e : v.l()) out.add(decode.apply(e.m()));
    return out;
  }

  static List<String> strings(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    if (v == null || !v.hasL()) return List.of();
    return v.l().stream().map(AttributeValue::s).toList();
  }
}
