package dev.berth.orchestrator.loader.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import dev.berth.orchestrator.model.Mark;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Turns one schema violation into {@code file:line:col: path what-is-wrong}. */
final class Violation {
  private Violation() {}

  static String describe(ValidationMessage m, Map<String, Mark> marks) {
    List<String> segments = new ArrayList<>();
    var location = m.getInstanceLocation();
    for (int i = 0; i < location.getNameCount(); i++) {
      segments.add(String.valueOf(location.getElement(i)));
    }
    String path = String.join(".", segments);
    String pointer = segments.isEmpty() ? "" : "/" + String.join("/", segments);
    Mark mark = marks.get(pointer);
    String type = m.getType() == null ? "" : m.getType();
    String text;
    switch (type) {
      case "type" -> text = path + " must be a " + humanTypes(m.getSchemaNode());
      case "additionalProperties", "unevaluatedProperties" -> {
        String prop = m.getProperty();
        Mark keyMark = marks.get(pointer + "/" + prop + "#key");
        if (keyMark != null) {
          mark = keyMark;
        }
        text =
            (path.isEmpty() ? "" : path + " ")
                + "additional properties '"
                + prop
                + "' not allowed"
                + Suggestions.hint(prop, allowed(m));
      }
      case "required" ->
          text = (path.isEmpty() ? "" : path + " ") + "missing property '" + m.getProperty() + "'";
      case "minimum" -> text = path + " must be greater than or equal to " + arg(m, 0);
      case "maximum" -> text = path + " must be less than or equal to " + arg(m, 0);
      case "enum" -> text = path + " must be one of " + arg(m, 0);
      default -> text = (path.isEmpty() ? "" : path + " ") + stripPrefix(m.getMessage());
    }
    String where = mark == null || mark.file().isEmpty() ? "" : mark + ": ";
    return where + text.strip();
  }

  private static String arg(ValidationMessage m, int i) {
    Object[] args = m.getArguments();
    return args != null && args.length > i ? String.valueOf(args[i]) : "?";
  }

  private static String stripPrefix(String message) {
    int colon = message.indexOf(": ");
    return message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
  }

  private static List<String> allowed(ValidationMessage m) {
    String fragment = m.getSchemaLocation().getFragment().toString();
    if (fragment.startsWith("#")) {
      fragment = fragment.substring(1);
    }
    int cut = fragment.lastIndexOf('/');
    JsonNode parent = cut < 0 ? null : SchemaValidator.schemaAt(fragment.substring(0, cut));
    List<String> names = new ArrayList<>();
    if (parent != null && parent.has("properties")) {
      parent.get("properties").fieldNames().forEachRemaining(names::add);
    }
    return names;
  }

  static String humanTypes(JsonNode schemaNode) {
    List<String> want = new ArrayList<>();
    JsonNode t = schemaNode == null ? null : schemaNode.get("type");
    if (t == null && schemaNode != null && (schemaNode.isTextual() || schemaNode.isArray())) {
      t = schemaNode;
    }
    if (t != null && t.isArray()) {
      t.forEach(x -> want.add(human(x.asText())));
    } else if (t != null) {
      want.add(human(t.asText()));
    }
    if (want.isEmpty()) {
      return "valid value";
    }
    if (want.size() == 1) {
      return want.get(0);
    }
    Collections.sort(want);
    return String.join(", ", want.subList(0, want.size() - 1)) + " or " + want.get(want.size() - 1);
  }

  private static String human(String type) {
    return type.equals("object") ? "mapping" : type;
  }
}
