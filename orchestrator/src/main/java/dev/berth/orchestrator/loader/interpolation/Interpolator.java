package dev.berth.orchestrator.loader.interpolation;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.orchestrator.model.SeqNode;
import dev.berth.orchestrator.model.TaggedNode;
import dev.berth.runtime.api.ErrorKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Substitutes variables in every string value of a document (never in keys), then casts the typed
 * attributes (ints, floats, booleans) the way the reference does after interpolation.
 */
public final class Interpolator {
  private final Function<String, String> lookup;
  private final Consumer<String> warnings;

  public Interpolator(Function<String, String> lookup, Consumer<String> warnings) {
    this.lookup = lookup;
    this.warnings = warnings;
  }

  /** The interpolated and cast copy of {@code root}. */
  public Node interpolate(Node root) throws BerthException {
    return walk(root, new ArrayList<>());
  }

  private Node walk(Node node, List<String> path) throws BerthException {
    if (node instanceof TaggedNode t) {
      return new TaggedNode(t.tag(), walk(t.value(), path));
    }
    if (node instanceof MapNode map) {
      Map<String, Node> out = new LinkedHashMap<>();
      for (var e : map.entries().entrySet()) {
        path.add(e.getKey());
        out.put(e.getKey(), walk(e.getValue(), path));
        path.remove(path.size() - 1);
      }
      return new MapNode(out, map.keyMarks(), map.mark());
    }
    if (node instanceof SeqNode seq) {
      List<Node> out = new ArrayList<>();
      for (int i = 0; i < seq.size(); i++) {
        path.add("[" + i + "]");
        out.add(walk(seq.get(i), path));
        path.remove(path.size() - 1);
      }
      return new SeqNode(out, seq.mark());
    }
    ScalarNode s = (ScalarNode) node;
    if (s.kind() != ScalarNode.Kind.STRING) {
      return s;
    }
    String value;
    try {
      value =
          Template.substitute(
              s.text(),
              lookup,
              name ->
                  warnings.accept(
                      "The \"" + name + "\" variable is not set. Defaulting to a blank string."));
    } catch (TemplateException e) {
      throw new BerthException(
          ErrorKind.INVALID_ARGUMENT,
          s.mark() + ": error while interpolating " + KeyPath.of(path) + ": " + e.getMessage());
    }
    return cast(ScalarNode.string(value, s.mark()), path);
  }

  private ScalarNode cast(ScalarNode s, List<String> path) throws BerthException {
    TypeCasts.Type type = TypeCasts.typeOf(path);
    if (type == null) {
      return s;
    }
    String v = s.text().strip();
    try {
      switch (type) {
        case INT:
          return new ScalarNode(Long.toString(Long.parseLong(v)), ScalarNode.Kind.INT, s.mark());
        case FLOAT:
          return new ScalarNode(
              Double.toString(Double.parseDouble(v)), ScalarNode.Kind.FLOAT, s.mark());
        default:
          return ScalarNode.ofBool(bool(v, s, path), s.mark());
      }
    } catch (NumberFormatException e) {
      throw new BerthException(
          ErrorKind.INVALID_ARGUMENT,
          s.mark()
              + ": "
              + KeyPath.of(path)
              + ": invalid "
              + type.name().toLowerCase(Locale.ROOT)
              + " \""
              + s.text()
              + "\"");
    }
  }

  private boolean bool(String v, ScalarNode s, List<String> path) throws BerthException {
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      case "y":
      case "yes":
      case "on":
        warnings.accept(
            "\"" + v + "\" for boolean is not supported by YAML 1.2, please use `true`");
        return true;
      case "n":
      case "no":
      case "off":
        warnings.accept(
            "\"" + v + "\" for boolean is not supported by YAML 1.2, please use `false`");
        return false;
      default:
        throw new BerthException(
            ErrorKind.INVALID_ARGUMENT,
            s.mark() + ": " + KeyPath.of(path) + ": invalid boolean: " + v);
    }
  }
}
