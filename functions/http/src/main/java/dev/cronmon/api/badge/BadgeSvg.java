package dev.cronmon.api.badge;

import dev.cronmon.domain.monitor.BadgeState;

/**
 * A flat status badge as SVG: the label (a monitor's or project's name) on grey, the state on its colour. The label is
 * user text: it is XML-escaped, and characters XML 1.0 cannot carry are dropped, so the document stays well-formed
 * whatever the name.
 */
public final class BadgeSvg {
  private static final int CHAR_WIDTH = 7;
  private static final int PADDING = 10;

  private BadgeSvg() {}

  public static String render(String label, BadgeState state) {
    String message = state.wire();
    int labelWidth = PADDING + CHAR_WIDTH * label.codePointCount(0, label.length());
    int messageWidth = PADDING + CHAR_WIDTH * message.length();
    int width = labelWidth + messageWidth;
    String text = escape(label);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"20\" role=\"img\" aria-label=\""
        + text + ": " + message + "\">"
        + "<title>" + text + ": " + message + "</title>"
        + "<rect width=\"" + labelWidth + "\" height=\"20\" fill=\"#555\"/>"
        + "<rect x=\"" + labelWidth + "\" width=\"" + messageWidth + "\" height=\"20\" fill=\"" + color(state) + "\"/>"
        + "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\">"
        + "<text x=\"" + labelWidth / 2 + "\" y=\"14\">" + text + "</text>"
        + "<text x=\"" + (labelWidth + messageWidth / 2) + "\" y=\"14\">" + message + "</text>"
        + "</g></svg>";
  }

  /** healthchecks' colours: green, orange, red. */
  static String color(BadgeState state) {
    return switch (state) {
      case UP -> "#4c1";
      case LATE -> "#fe7d37";
      case DOWN -> "#e05d44";
    };
  }

  /** Text for an XML attribute or element: the five markup characters escaped, characters XML 1.0 forbids dropped. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          if (c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF) {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.toString();
  }
}
