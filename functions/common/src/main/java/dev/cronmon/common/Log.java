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

  private static void emit(String level, String message, Throwable error, Object... keyValues) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", Instant.now().toString());
    line.put("level", level);
    line.put("message", message);
    for (int i = 0; i + 1 < keyValues.length; i += 2) line.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
    if (error != null) line.put("error", error.toString());
    System.out.println(Json.write(line));
    if (error != null) error.printStackTrace();
  }
}
