package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.orchestrator.model.SeqNode;
import dev.berth.orchestrator.model.TaggedNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lists the variables a raw model uses, with default, alternate value and required flag. */
public final class Variables {
  private static final Pattern PATTERN =
      Pattern.compile(
          "\\$(?i:(?<escaped>\\$)|(?<named>[_a-z][_a-z0-9]*)"
              + "|\\{(?:(?<braced>[_a-z][_a-z0-9]*(?::?[-+?](.*))?)\\}|(?<invalid>)))");

  /** One variable. */
  public record Variable(
      String name, String defaultValue, String presenceValue, boolean required) {}

  private Variables() {}

  /** Variables of every string in {@code root}, by name. */
  public static Map<String, Variable> of(Node root) {
    Map<String, Variable> out = new TreeMap<>();
    walk(root, out);
    return out;
  }

  private static void walk(Node n, Map<String, Variable> out) {
    if (n instanceof TaggedNode t) {
      walk(t.value(), out);
    } else if (n instanceof MapNode m) {
      m.entries().values().forEach(v -> walk(v, out));
    } else if (n instanceof SeqNode s) {
      s.items().forEach(v -> walk(v, out));
    } else if (n instanceof ScalarNode s && s.kind() == ScalarNode.Kind.STRING) {
      for (Variable v : extract(s.text())) {
        out.put(v.name(), v);
      }
    }
  }

  /** Variables used in one string, in order of appearance. */
  public static List<Variable> extract(String value) {
    List<Variable> out = new ArrayList<>();
    Matcher m = PATTERN.matcher(value);
    while (m.find()) {
      if (m.group("escaped") != null) {
        continue;
      }
      String val = m.group("named");
      if (val == null) {
        val = m.group("braced");
        String s = m.group();
        int i = firstClosingBrace(s);
        if (i > 0) {
          val = s.substring(2, i);
          if (s.length() > i) {
            out.addAll(extract(s.substring(i + 1)));
          }
        }
      }
      if (val == null) {
        continue;
      }
      String name = val;
      String def = "";
      String presence = "";
      boolean required = false;
      int i = 0;
      while (i < val.length()
          && (Character.isLetterOrDigit(val.charAt(i)) || val.charAt(i) == '_')) {
        i++;
      }
      if (i > 0 && i < val.length()) {
        name = val.substring(0, i);
        String rest = val.substring(i);
        if (rest.startsWith(":?") || rest.startsWith("?")) {
          required = true;
        } else if (rest.startsWith(":-")) {
          def = rest.substring(2);
        } else if (rest.startsWith("-")) {
          def = rest.substring(1);
        } else if (rest.startsWith(":+")) {
          presence = rest.substring(2);
        } else if (rest.startsWith("+")) {
          presence = rest.substring(1);
        }
      }
      out.add(new Variable(name, def, presence, required));
      if (!def.isEmpty()) {
        out.addAll(extract(def));
      }
      if (!presence.isEmpty()) {
        out.addAll(extract(presence));
      }
    }
    return out;
  }

  private static int firstClosingBrace(String s) {
    int open = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '}') {
        open--;
        if (open == 0) {
          return i;
        }
      }
      if (s.charAt(i) == '{') {
        open++;
        i++;
      }
    }
    return -1;
  }
}
