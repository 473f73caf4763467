package dev.cronmon.api;

import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request, independent of where it came from (API Gateway payload 2.0 or the local stack's server).
 * Header names are lowercase; {@code body} is the raw (possibly compressed) bytes.
 */
public record ApiRequest(String method, String path, Map<String, String> headers, Map<String, String> query, byte[] body) {

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
  }

  public Optional<String> queryParam(String name) {
    return Optional.ofNullable(query.get(name));
  }
}
