package dev.cronmon.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response with a JSON (or empty) body, or a text body of another type (the dashboard's files). */
public record ApiResponse(int status, Map<String, String> headers, String body) {

  public static ApiResponse json(int status, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    return new ApiResponse(status, headers, body);
  }

  public static ApiResponse text(int status, String contentType, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    return new ApiResponse(status, headers, body);
  }

  public ApiResponse withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new ApiResponse(status, copy, body);
  }
}
