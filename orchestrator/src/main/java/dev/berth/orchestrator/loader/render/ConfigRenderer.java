package dev.berth.orchestrator.loader.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.ScalarNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a project tree as the text {@code docker compose config} prints. */
public final class ConfigRenderer {
  private static final ObjectMapper JSON = mapper();

  private static ObjectMapper mapper() {
    ObjectMapper m = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    m.getFactory().setCharacterEscapes(new GoEscapes());
    return m;
  }

  /** Go's encoding/json escapes {@code <}, {@code >}, {@code &}, U+2028 and U+2029. */
  private static final class GoEscapes extends com.fasterxml.jackson.core.io.CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] table;

    GoEscapes() {
      table = standardAsciiEscapesForJSON();
      table['<'] = ESCAPE_CUSTOM;
      table['>'] = ESCAPE_CUSTOM;
      table['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return table;
    }

    @Override
    public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
      if (ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029) {
        return new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch));
      }
      return null;
    }
  }

  private ConfigRenderer() {}

  /** Canonical YAML of {@code tree}. */
  public static String yaml(MapNode tree) {
    return YamlEmitter.emit(OutputTree.of(tree, false));
  }

  /** Canonical JSON of {@code tree} (top-level keys sorted, nested extensions left out). */
  public static String json(MapNode tree) {
    Object ordered = OutputTree.of(tree, true);
    Map<String, Object> top = new java.util.TreeMap<>();
    if (ordered instanceof Map<?, ?> m) {
      m.forEach(
          (k, v) -> {
            if (!k.equals("models")) {
              top.put((String) k, v);
            }
          });
    }
    return writeJson(plain(top));
  }

  /** The raw merged tree with every key sorted, as {@code --no-interpolate} prints it. */
  public static String sortedYaml(MapNode tree) {
    return YamlEmitter.emit(OutputTree.sorted(tree));
  }

  /** The raw merged tree with every key sorted, in JSON. */
  public static String sortedJson(MapNode tree) {
    return writeJson(plain(OutputTree.sorted(tree)));
  }

  /** Writes plain maps, lists and scalars as JSON indented by two spaces. */
  public static String writeJson(Object value) {
    return writeJson(value, 2);
  }

  /** Writes plain maps, lists and scalars as JSON on one line, e.g. for one object per line. */
  /** {@code json} (a document's text) on one line, as docker compose sends a seccomp profile. */
  public static String compactJsonText(String json) throws IOException {
    return JSON.readTree(json).toString();
  }

  public static String compactJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes plain maps, lists and scalars as JSON indented by {@code indent} spaces. */
  public static String writeJson(Object value, int indent) {
    try {
      String unit = " ".repeat(indent);
      DefaultPrettyPrinter printer =
          new DefaultPrettyPrinter()
              .withObjectIndenter(new DefaultIndenter(unit, "\n"))
              .withArrayIndenter(new DefaultIndenter(unit, "\n"));
      return JSON.writer(new GoStylePrinter(printer)).writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A plain Java value for a rendered node. */
  static Object plain(Object o) {
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put((String) k, plain(v)));
      return out;
    }
    if (o instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(plain(v)));
      return out;
    }
    if (o instanceof Node n && n instanceof ScalarNode s) {
      return switch (s.kind()) {
        case NULL -> null;
        case BOOL -> Boolean.parseBoolean(s.text());
        case INT -> parseInt(s.text());
        case FLOAT -> parseFloat(s.text());
        default -> s.text();
      };
    }
    return o;
  }

  private static Object parseInt(String t) {
    try {
      return Long.decode(t.replace("_", "").replace("0o", "0"));
    } catch (NumberFormatException e) {
      return t;
    }
  }

  private static Object parseFloat(String t) {
    try {
      double d = Double.parseDouble(t);
      if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
        return (long) d;
      }
      return d;
    } catch (NumberFormatException e) {
      return t;
    }
  }

  /** Go's json.MarshalIndent spacing: {@code "key": value} and no space before colons. */
  private static final class GoStylePrinter extends DefaultPrettyPrinter {
    private static final long serialVersionUID = 1L;

    GoStylePrinter(DefaultPrettyPrinter base) {
      super(base);
      _objectFieldValueSeparatorWithSpaces = ": ";
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
      return new GoStylePrinter(this);
    }

    @Override
    public void writeEndObject(com.fasterxml.jackson.core.JsonGenerator g, int nrOfEntries)
        throws java.io.IOException {
      if (nrOfEntries == 0) {
        g.writeRaw('}');
        _nesting--;
        return;
      }
      super.writeEndObject(g, nrOfEntries);
    }

    @Override
    public void writeEndArray(com.fasterxml.jackson.core.JsonGenerator g, int nrOfValues)
        throws java.io.IOException {
      if (nrOfValues == 0) {
        g.writeRaw(']');
        _nesting--;
        return;
      }
      super.writeEndArray(g, nrOfValues);
    }
  }
}
