package dev.cronmon.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A DynamoDB item as DynamoDB's own JSON ({@code {"PK":{"S":"…"},"n":{"N":"1.5"},"b":{"B":"<base64>"}}}, the shape
 * of {@code aws dynamodb scan} and of DynamoDB's exports to S3), both ways and lossless: numbers stay the strings
 * DynamoDB gave, binaries their bytes, sets their members in order.
 */
final class ItemJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ItemJson() {}

  static ObjectNode write(Map<String, AttributeValue> item) {
    ObjectNode node = NODES.objectNode();
    item.forEach((name, value) -> node.set(name, write(value)));
    return node;
  }

  /** The item {@code node} describes; an {@link IllegalArgumentException} names the first attribute that is not valid. */
  static Map<String, AttributeValue> read(JsonNode node) {
    if (node == null || !node.isObject()) throw new IllegalArgumentException("an item is a JSON object of attributes");
    if (node.isEmpty()) throw new IllegalArgumentException("an item has at least one attribute");
    return readMap(node, "");
  }

  private static JsonNode write(AttributeValue v) {
    ObjectNode node = NODES.objectNode();
    switch (v.type()) {
      case S -> node.put("S", v.s());
      case N -> node.put("N", v.n());
      case B -> node.put("B", base64(v.b()));
      case BOOL -> node.put("BOOL", v.bool());
      case NUL -> node.put("NULL", true);
      case SS -> node.set("SS", strings(v.ss()));
      case NS -> node.set("NS", strings(v.ns()));
      case BS -> node.set("BS", strings(v.bs().stream().map(ItemJson::base64).toList()));
      case L -> {
        ArrayNode list = node.putArray("L");
        v.l().forEach(e -> list.add(write(e)));
      }
      case M -> {
        ObjectNode map = node.putObject("M");
        v.m().forEach((k, e) -> map.set(k, write(e)));
      }
      default -> throw new IllegalArgumentException("attribute of a type this version does not know: " + v);
    }
    return node;
  }

  private static Map<String, AttributeValue> readMap(JsonNode node, String path) {
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      map.put(e.getKey(), readValue(e.getValue(), path + e.getKey()));
    }
    return map;
  }

  private static AttributeValue readValue(JsonNode node, String path) {
    if (node == null || !node.isObject() || node.size() != 1) {
      throw new IllegalArgumentException(path + ": an attribute is an object with one type key, like {\"S\":\"text\"}");
    }
    String type = node.fieldNames().next();
    JsonNode v = node.get(type);
    return switch (type) {
      case "S" -> AttributeValue.fromS(text(v, path));
      case "N" -> AttributeValue.fromN(number(v, path));
      case "B" -> AttributeValue.fromB(bytes(v, path));
      case "BOOL" -> {
        if (!v.isBoolean()) throw new IllegalArgumentException(path + ": BOOL is true or false");
        yield AttributeValue.fromBool(v.booleanValue());
      }
      case "NULL" -> {
        if (!v.isBoolean() || !v.booleanValue()) throw new IllegalArgumentException(path + ": NULL is true");
        yield AttributeValue.fromNul(true);
      }
      case "SS" -> AttributeValue.fromSs(array(v, path).stream().map(e -> text(e, path)).toList());
      case "NS" -> AttributeValue.fromNs(array(v, path).stream().map(e -> number(e, path)).toList());
      case "BS" -> AttributeValue.fromBs(array(v, path).stream().map(e -> bytes(e, path)).toList());
      case "L" -> {
        List<AttributeValue> list = new ArrayList<>();
        List<JsonNode> elements = array(v, path);
        for (int i = 0; i < elements.size(); i++) list.add(readValue(elements.get(i), path + "[" + i + "]"));
        yield AttributeValue.fromL(list);
      }
      case "M" -> {
        if (!v.isObject()) throw new IllegalArgumentException(path + ": M is an object of attributes");
        yield AttributeValue.fromM(readMap(v, path + "."));
      }
      default -> throw new IllegalArgumentException(path + ": unknown attribute type " + type);
    };
  }

  private static String text(JsonNode v, String path) {
    if (!v.isTextual()) throw new IllegalArgumentException(path + ": expected a string");
    return v.textValue();
  }

  /** Numbers travel as strings, as in DynamoDB's JSON; DynamoDB itself refuses one that is not a number. */
  private static String number(JsonNode v, String path) {
    String n = text(v, path);
    if (!n.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) throw new IllegalArgumentException(path + ": not a number: " + n);
    return n;
  }

  private static SdkBytes bytes(JsonNode v, String path) {
    try {
      return SdkBytes.fromByteArray(Base64.getDecoder().decode(text(v, path)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": not base64: " + e.getMessage());
    }
  }

  private static List<JsonNode> array(JsonNode v, String path) {
    if (!v.isArray()) throw new IllegalArgumentException(path + ": expected a list");
    List<JsonNode> elements = new ArrayList<>();
    v.forEach(elements::add);
    return elements;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }

  private static String base64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArray());
  }
}
