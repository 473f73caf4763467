package dev.cronmon.common;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON-line logs (one object per line, with monitor/environment/check-in ids where known) for grep and Logs Insights. */
public final class Log {
  private Log() {}

  public static void info(String message, Object... keyValues) {
    emit("info", message, null, keyValues);
  }

  public static void warn(String message, Object... keyValues) {
    emit("warn", message, null, keyValues);
  }

  public static void error(String message, Throwable error, Object... keyValues) {
    emit("error", message, error, keyValues);
  }

  /** An info line with {@code fields} in their order, as text: for writers that print elsewhere than standard output. */
  public static String infoLine(String message, Map<String, Object> fields) {
    Map<String, Object> line = start("info", message);
    line.putAll(fields);
    return Json.write(line);
  }

  private static Map<String, Object> start(String level, String message) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", Instant.now().toString());
    line.put("level", level);
    line.put("message", message);
    return line;
  }

  private static void emit(String level, String message, Throwable error, Object... keyValues) {
    Map<String, Object> line = start(level, message);
    for (int i = 0; i + 1 < keyValues.length; i += 2) line.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
    if (error != null) line.put("error", error.toString());
    System.out.println(Json.write(line));
    if (error != null) error.printStackTrace();
  }
}
