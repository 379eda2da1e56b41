package dev.berth.orchestrator.loader.yaml;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Mark;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.orchestrator.model.SeqNode;
import dev.berth.orchestrator.model.TaggedNode;
import dev.berth.runtime.api.ErrorKind;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Parses YAML 1.2 text into {@link Node} trees, one per document. Aliases are expanded; a budget on
 * visited nodes and nesting depth rejects alias bombs and recursive anchors.
 */
public final class YamlReader {
  /** Most nodes one file may expand to once aliases are resolved. */
  static final int MAX_NODES = 2_000_000;

  /** Deepest nesting accepted. */
  static final int MAX_DEPTH = 500;

  private final String file;
  private int visited;

  private YamlReader(String file) {
    this.file = file;
  }

  /** Every document of {@code text}, in order; {@code file} names the source in marks. */
  public static List<Node> readAll(String file, String text) throws BerthException {
    return new YamlReader(file).parse(text);
  }

  private List<Node> parse(String text) throws BerthException {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setAllowDuplicateKeys(false)
            .setAllowRecursiveKeys(false)
            .setMaxAliasesForCollections(100_000)
            .setCodePointLimit(64 * 1024 * 1024)
            .setUseMarks(true)
            .build();
    List<Node> documents = new ArrayList<>();
    try {
      Composer composer =
          new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
      while (composer.hasNext()) {
        documents.add(convert(composer.next(), 0, new IdentityHashMap<>(), ""));
      }
    } catch (MarkedYamlEngineException e) {
      throw located(e);
    } catch (YamlEngineException e) {
      throw new BerthException(ErrorKind.INVALID_ARGUMENT, file + ": " + oneLine(e.getMessage()));
    } catch (StackOverflowError e) {
      throw new BerthException(
          ErrorKind.INVALID_ARGUMENT, file + ": the document is nested too deeply");
    }
    return documents;
  }

  private BerthException located(MarkedYamlEngineException e) {
    String where = file;
    if (e.getProblemMark().isPresent()) {
      var m = e.getProblemMark().get();
      where = file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
    }
    String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
    String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
    return new BerthException(
        ErrorKind.INVALID_ARGUMENT, where + ": " + oneLine(problem + context), e);
  }

  private static String oneLine(String s) {
    return s == null ? "invalid YAML" : s.replaceAll("\\s*\\n\\s*", " ").trim();
  }

  private Mark mark(org.snakeyaml.engine.v2.nodes.Node n) {
    return n.getStartMark()
        .map(m -> new Mark(file, m.getLine() + 1, m.getColumn() + 1))
        .orElse(new Mark(file, 0, 0));
  }

  private Node convert(
      org.snakeyaml.engine.v2.nodes.Node n,
      int depth,
      IdentityHashMap<org.snakeyaml.engine.v2.nodes.Node, String> path,
      String where)
      throws BerthException {
    if (++visited > MAX_NODES) {
      throw new BerthException(
          ErrorKind.INVALID_ARGUMENT,
          mark(n) + ": the document expands to more than " + MAX_NODES + " values (alias bomb?)");
    }
    if (depth > MAX_DEPTH) {
      throw new BerthException(
          ErrorKind.INVALID_ARGUMENT, mark(n) + ": the document is nested too deeply");
    }
    String seen = path.get(n);
    if (seen != null) {
      throw new BerthException(
          ErrorKind.INVALID_ARGUMENT,
          mark(n) + ": cycle detected: node at path " + where + " references node at path " + seen);
    }
    path.put(n, where);
    try {
      Node converted = convertUntagged(n, depth, path, where);
      String tag = n.getTag().getValue();
      if (tag.equals("!reset")) {
        return new TaggedNode(TaggedNode.Tag.RESET, converted);
      }
      if (tag.equals("!override")) {
        return new TaggedNode(TaggedNode.Tag.OVERRIDE, converted);
      }
      return converted;
    } finally {
      path.remove(n);
    }
  }

  private Node convertUntagged(
      org.snakeyaml.engine.v2.nodes.Node n,
      int depth,
      IdentityHashMap<org.snakeyaml.engine.v2.nodes.Node, String> path,
      String where)
      throws BerthException {
    if (n instanceof org.snakeyaml.engine.v2.nodes.ScalarNode s) {
      return new ScalarNode(s.getValue(), kindOf(s), mark(n));
    }
    if (n instanceof SequenceNode s) {
      List<Node> items = new ArrayList<>(s.getValue().size());
      int i = 0;
      for (var item : s.getValue()) {
        items.add(convert(item, depth + 1, path, where + "[" + i++ + "]"));
      }
      return new SeqNode(items, mark(n));
    }
    return convertMapping((MappingNode) n, depth, path, where);
  }

  private MapNode convertMapping(
      MappingNode m,
      int depth,
      IdentityHashMap<org.snakeyaml.engine.v2.nodes.Node, String> path,
      String where)
      throws BerthException {
    Map<String, Node> entries = new LinkedHashMap<>();
    Map<String, Mark> keyMarks = new LinkedHashMap<>();
    List<MapNode> merged = new ArrayList<>();
    for (NodeTuple t : m.getValue()) {
      var keyNode = t.getKeyNode();
      if (!(keyNode instanceof org.snakeyaml.engine.v2.nodes.ScalarNode key)) {
        throw new BerthException(
            ErrorKind.INVALID_ARGUMENT, mark(keyNode) + ": mapping keys must be scalars");
      }
      if (key.getValue().equals("<<") && key.getTag().getValue().equals(Tag.MERGE.getValue())
          || key.getValue().equals("<<") && key.isPlain()) {
        collectMerge(t.getValueNode(), depth, path, where, merged);
        continue;
      }
      String k = key.getValue();
      if (!isStringKey(key)) {
        throw new BerthException(
            ErrorKind.INVALID_ARGUMENT,
            mark(keyNode)
                + ": non-string key "
                + (where.isEmpty() ? "at top level" : "in " + where)
                + ": "
                + k);
      }
      if (entries.containsKey(k)) {
        throw new BerthException(
            ErrorKind.INVALID_ARGUMENT, mark(keyNode) + ": duplicate key \"" + k + "\"");
      }
      entries.put(
          k, convert(t.getValueNode(), depth + 1, path, where.isEmpty() ? k : where + "." + k));
      keyMarks.put(k, mark(keyNode));
    }
    if (!merged.isEmpty()) {
      Map<String, Node> result = new LinkedHashMap<>();
      Map<String, Mark> resultMarks = new LinkedHashMap<>();
      for (MapNode source : merged) {
        source
            .entries()
            .forEach(
                (k, v) -> {
                  if (!entries.containsKey(k) && !result.containsKey(k)) {
                    result.put(k, v);
                    resultMarks.put(k, source.keyMark(k));
                  }
                });
      }
      result.putAll(entries);
      resultMarks.putAll(keyMarks);
      return new MapNode(result, resultMarks, mark(m));
    }
    return new MapNode(entries, keyMarks, mark(m));
  }

  private static boolean isStringKey(org.snakeyaml.engine.v2.nodes.ScalarNode key) {
    ScalarNode.Kind kind = kindOf(key);
    return kind == ScalarNode.Kind.STRING || kind == ScalarNode.Kind.BOOL && !key.isPlain();
  }

  private void collectMerge(
      org.snakeyaml.engine.v2.nodes.Node value,
      int depth,
      IdentityHashMap<org.snakeyaml.engine.v2.nodes.Node, String> path,
      String where,
      List<MapNode> out)
      throws BerthException {
    if (value instanceof MappingNode source) {
      if (++visited > MAX_NODES || depth > MAX_DEPTH) {
        throw new BerthException(
            ErrorKind.INVALID_ARGUMENT, mark(value) + ": the document is too large or too deep");
      }
      out.add(convertMapping(source, depth + 1, path, where));
      return;
    }
    Node v = convert(value, depth + 1, path, where);
    if (v instanceof MapNode map) {
      out.add(map);
      return;
    }
    if (v instanceof SeqNode seq) {
      for (Node item : seq.items()) {
        if (!(item instanceof MapNode map)) {
          throw new BerthException(
              ErrorKind.INVALID_ARGUMENT,
              item.mark() + ": a merge key (<<) needs a mapping or a list of mappings");
        }
        out.add(map);
      }
      return;
    }
    throw new BerthException(
        ErrorKind.INVALID_ARGUMENT,
        v.mark() + ": a merge key (<<) needs a mapping or a list of mappings");
  }

  private static ScalarNode.Kind kindOf(org.snakeyaml.engine.v2.nodes.ScalarNode s) {
    String tag = s.getTag().getValue();
    if (tag.equals(Tag.NULL.getValue())) {
      return ScalarNode.Kind.NULL;
    }
    if (tag.equals(Tag.BOOL.getValue())) {
      return ScalarNode.Kind.BOOL;
    }
    if (tag.equals(Tag.INT.getValue())) {
      return ScalarNode.Kind.INT;
    }
    if (tag.equals(Tag.FLOAT.getValue())) {
      return ScalarNode.Kind.FLOAT;
    }
    if (s.isPlain() && (tag.equals("!reset") || tag.equals("!override"))) {
      return s.getValue().isEmpty() ? ScalarNode.Kind.NULL : ScalarNode.Kind.STRING;
    }
    return ScalarNode.Kind.STRING;
  }
}
