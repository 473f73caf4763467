package dev.cronmon.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Example;

/** Any label value (quotes, backslashes, line feeds, any Unicode) stays one label value on one sample line. */
class PrometheusTextProperties {
  private static final Pattern LINE = Pattern.compile("cronmon_x\\{monitor=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\",environment=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"} 1");

  @Property(tries = 500)
  void anyLabelValue_isOneEscapedValue_thatReadsBackAsGiven(@ForAll String monitor, @ForAll String environment) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("monitor", monitor);
    labels.put("environment", environment);

    String text = new PrometheusText().gauge("cronmon_x", "x").sample("cronmon_x", labels, 1).render();

    String[] lines = text.split("\n");
    assertThat(lines).hasSize(3);
    Matcher m = LINE.matcher(lines[2]);
    assertThat(m.matches()).as(lines[2]).isTrue();
    assertThat(unescape(m.group(1))).isEqualTo(monitor);
    assertThat(unescape(m.group(2))).isEqualTo(environment);
  }

  @Example
  void helpAndTypeLines_precedeTheirSamples_andNumbersArePlain() {
    String text = new PrometheusText().gauge("a_seconds", "A \\ help\nline").gauge("b", "B")
        .sample("b", Map.of(), 0.5).sample("a_seconds", Map.of(), 1712345678.25).sample("a_seconds", Map.of("x", "y"), 3).render();

    assertThat(text).isEqualTo("""
        # HELP a_seconds A \\\\ help\\nline
        # TYPE a_seconds gauge
        a_seconds 1712345678.25
        a_seconds{x="y"} 3
        # HELP b B
        # TYPE b gauge
        b 0.5
        """);
  }

  private static String unescape(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        char next = value.charAt(++i);
        out.append(next == 'n' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
