package dev.berth.orchestrator.loader.render;

import dev.berth.orchestrator.model.ScalarNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Writes an ordered output tree as block YAML with 2-space indentation, like go-yaml v3. */
final class YamlEmitter {
  private static final Pattern NUMBER =
      Pattern.compile(
          "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o?[0-7_]+"
              + "|0b[01_]+|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"
              + "|\\d{4}-\\d{1,2}-\\d{1,2}([Tt ].*)?"
              // YAML 1.1 base-60 numbers such as 12:30, which older parsers read as numbers
              + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?");
  private static final Set<String> RESERVED =
      Set.of("true", "false", "null", "~", "y", "yes", "n", "no", "on", "off", "<<", "=");

  private final StringBuilder out = new StringBuilder();

  private YamlEmitter() {}

  static String emit(Object tree) {
    YamlEmitter e = new YamlEmitter();
    if (tree instanceof Map<?, ?> m && !m.isEmpty()) {
      e.map(m, 0);
    } else if (tree instanceof List<?> l && !l.isEmpty()) {
      e.list(l, 0);
    } else {
      e.out.append(e.inline(tree)).append('\n');
    }
    return e.out.toString();
  }

  private void indent(int n) {
    out.append(" ".repeat(n));
  }

  private void map(Map<?, ?> m, int level) {
    boolean first = true;
    for (var e : m.entrySet()) {
      // the caller has already written the indentation (or "- ") of the first key
      if (!first) {
        indent(level);
      }
      first = false;
      out.append(scalar((String) e.getKey())).append(':');
      value(e.getValue(), level);
    }
  }

  private void value(Object v, int level) {
    if (v instanceof Map<?, ?> child && !child.isEmpty()) {
      out.append('\n');
      indent(level + 2);
      map(child, level + 2);
    } else if (v instanceof List<?> list && !list.isEmpty()) {
      out.append('\n');
      indent(level + 2);
      list(list, level + 2);
    } else {
      String s = inline(v);
      if (s.startsWith("|")) {
        out.append(' ').append(block(s, level + 2));
      } else {
        out.append(' ').append(s).append('\n');
      }
    }
  }

  private void list(List<?> l, int level) {
    boolean first = true;
    for (Object item : l) {
      if (!first) {
        indent(level);
      }
      first = false;
      out.append("- ");
      if (item instanceof Map<?, ?> m && !m.isEmpty()) {
        map(m, level + 2);
      } else if (item instanceof List<?> inner && !inner.isEmpty()) {
        list(inner, level + 2);
      } else {
        String s = inline(item);
        out.append(s.startsWith("|") ? block(s, level + 2) : s + "\n");
      }
    }
  }

  private String block(String marker, int level) {
    int nl = marker.indexOf('\n');
    String header = marker.substring(0, nl);
    String body = marker.substring(nl + 1);
    StringBuilder sb = new StringBuilder(header).append('\n');
    for (String line : body.split("\n", -1)) {
      if (!line.isEmpty()) {
        sb.append(" ".repeat(level)).append(line);
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private String inline(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Map<?, ?>) {
      return "{}";
    }
    if (v instanceof List<?>) {
      return "[]";
    }
    ScalarNode s = (ScalarNode) v;
    switch (s.kind()) {
      case NULL:
        return "null";
      case BOOL:
      case INT:
      case FLOAT:
        return s.text();
      default:
        return scalar(s.text());
    }
  }

  /** A string scalar, quoted when plain style would change its meaning. */
  static String scalar(String s) {
    if (s.isEmpty()) {
      return "\"\"";
    }
    if (s.contains("\n") && !s.contains("\r") && printable(s) && !s.startsWith(" ")) {
      String chomp = s.endsWith("\n") ? (s.endsWith("\n\n") ? "+" : "") : "-";
      String body = chomp.equals("") ? s.substring(0, s.length() - 1) : s;
      if (chomp.equals("+")) {
        body = s.substring(0, s.length() - 1);
      }
      return "|" + chomp + "\n" + body;
    }
    if (!printable(s) || s.contains("\n")) {
      return doubleQuoted(s);
    }
    if (RESERVED.contains(s.toLowerCase(Locale.ROOT)) || NUMBER.matcher(s).matches()) {
      return "\"" + s + "\"";
    }
    if (needsQuotes(s)) {
      return "'" + s.replace("'", "''") + "'";
    }
    return s;
  }

  private static boolean needsQuotes(String s) {
    char c = s.charAt(0);
    if ("-?:,[]{}#&*!|>'\"%@`".indexOf(c) >= 0) {
      if (!(c == '-' || c == '?' || c == ':') || s.length() == 1 || s.charAt(1) == ' ') {
        return true;
      }
    }
    if (s.startsWith(" ") || s.endsWith(" ") || s.startsWith("\t") || s.endsWith("\t")) {
      return true;
    }
    if (s.endsWith(":")) {
      return true;
    }
    return s.contains(": ") || s.contains(" #") || s.contains(":\t") || s.contains("\t#");
  }

  private static boolean printable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c == '\uFEFF') {
        return false;
      }
    }
    return true;
  }

  private static String doubleQuoted(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02X", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
