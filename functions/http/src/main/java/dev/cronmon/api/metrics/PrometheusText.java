package dev.cronmon.api.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus' text exposition format (version 0.0.4): metric families, each with its HELP and TYPE line and then all
 * its samples together, as the format requires. Label values are escaped as the format says (backslash, double quote,
 * line feed), so a monitor's name cannot break a line or a label.
 */
public final class PrometheusText {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private record Family(String help, String type, List<String> samples) {}

  private final Map<String, Family> families = new LinkedHashMap<>();

  /** Declares a gauge; samples of it may be added in any order, they are written together. */
  public PrometheusText gauge(String name, String help) {
    families.put(name, new Family(help, "gauge", new ArrayList<>()));
    return this;
  }

  /** A sample of a declared family; {@code labels} in the order given (names are the caller's constants). */
  public PrometheusText sample(String name, Map<String, String> labels, double value) {
    Family family = families.get(name);
    if (family == null) throw new IllegalArgumentException("undeclared metric " + name);
    StringBuilder line = new StringBuilder(name);
    if (!labels.isEmpty()) {
      line.append('{');
      boolean first = true;
      for (Map.Entry<String, String> l : labels.entrySet()) {
        if (!first) line.append(',');
        first = false;
        line.append(l.getKey()).append("=\"").append(escapeLabelValue(l.getValue())).append('"');
      }
      line.append('}');
    }
    line.append(' ').append(format(value));
    family.samples().add(line.toString());
    return this;
  }

  public String render() {
    StringBuilder out = new StringBuilder();
    families.forEach((name, f) -> {
      out.append("# HELP ").append(name).append(' ').append(escapeHelp(f.help())).append('\n');
      out.append("# TYPE ").append(name).append(' ').append(f.type()).append('\n');
      f.samples().forEach(s -> out.append(s).append('\n'));
    });
    return out.toString();
  }

  static String escapeLabelValue(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String escapeHelp(String help) {
    return help.replace("\\", "\\\\").replace("\n", "\\n");
  }

  /** Plain decimals, never an exponent: integers without a fraction (most samples are 0/1), Unix times to the millisecond. */
  static String format(double value) {
    if (Double.isNaN(value)) return "NaN";
    if (Double.isInfinite(value)) return value > 0 ? "+Inf" : "-Inf";
    if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
    return java.math.BigDecimal.valueOf(value).toPlainString();
  }
}
