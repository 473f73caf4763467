package dev.cronmon.api.sentry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Objects;

/**
 * One item of an envelope: its {@code type}, its whole header line (for {@code content_type} and
 * anything else), and its payload bytes exactly as sent.
 */
public record EnvelopeItem(String type, JsonNode itemHeader, byte[] payload) {

  public EnvelopeItem {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(itemHeader, "itemHeader");
    Objects.requireNonNull(payload, "payload");
  }

  // Records compare arrays by identity; items are values, so compare the bytes.
  @Override
  public boolean equals(Object o) {
    return o instanceof EnvelopeItem other
        && type.equals(other.type)
        && itemHeader.equals(other.itemHeader)
        && Arrays.equals(payload, other.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, itemHeader, Arrays.hashCode(payload));
  }

  @Override
  public String toString() {
    return "EnvelopeItem[type=" + type + ", itemHeader=" + itemHeader
        + ", payload=" + payload.length + " bytes]";
  }
}
