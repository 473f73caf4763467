package dev.cronmon.api.sentry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** A parsed Sentry envelope: the header object (possibly {@code {}}) and its items in order. */
public record Envelope(JsonNode header, List<EnvelopeItem> items) {

  public Envelope {
    items = List.copyOf(items);
  }

  /** The header's {@code dsn}, which SDKs may send and Relay checks against the request's key. */
  public Optional<Dsn> dsn() {
    JsonNode dsn = header.get("dsn");
    return dsn != null && dsn.isTextual() ? Dsn.parse(dsn.textValue()) : Optional.empty();
  }
}
