package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.loader.interpolation.Interpolator;
import dev.berth.orchestrator.loader.schema.SchemaValidator;
import dev.berth.orchestrator.loader.yaml.YamlReader;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.TaggedNode;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reads one compose file: YAML documents, interpolation and canonical long syntax. */
final class FileLoader {
  private final Path base;
  private final Map<String, String> env;
  private final boolean interpolate;
  private final Consumer<String> warnings;
  private final String stdin;
  private final boolean validate;

  FileLoader(
      Path base,
      Map<String, String> env,
      boolean interpolate,
      Consumer<String> warnings,
      String stdin,
      boolean validate) {
    this.base = base;
    this.env = env;
    this.interpolate = interpolate;
    this.warnings = warnings;
    this.stdin = stdin;
    this.validate = validate;
  }

  /** The raw documents of {@code file}. */
  List<Node> parse(String file) throws BerthException {
    String text = read(file);
    String label = file.equals("-") ? "-" : displayName(file);
    List<Node> docs = YamlReader.readAll(label, text);
    List<Node> out = new ArrayList<>();
    for (Node d : docs) {
      Node doc = d instanceof TaggedNode t ? t.value() : d;
      if (Nodes.isNull(doc)) {
        continue;
      }
      if (!(doc instanceof MapNode)) {
        throw Nodes.error(
            doc.mark(), "", "the top level must be a mapping, not a " + doc.describe());
      }
      out.add(doc);
    }
    return out;
  }

  /** How a file is named in messages: relative to the working directory when inside it. */
  String displayName(String file) {
    Path p = Path.of(file);
    if (base != null && p.startsWith(base)) {
      return base.relativize(p).toString();
    }
    return p.toString();
  }

  private String read(String file) throws BerthException {
    if (file.equals("-")) {
      return stdin == null ? "" : stdin;
    }
    Path p = Path.of(file);
    if (!Files.exists(p)) {
      throw new BerthException(ErrorKind.NOT_FOUND, "open " + file + ": no such file or directory");
    }
    try {
      byte[] bytes = Files.readAllBytes(p);
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (MalformedInputException e) {
      throw new BerthException(
          ErrorKind.INVALID_ARGUMENT, displayName(file) + ": the file is not valid UTF-8 text");
    } catch (IOException e) {
      throw new BerthException(ErrorKind.NOT_FOUND, "read " + file + ": " + e.getMessage(), e);
    }
  }

  /** One document interpolated (unless disabled) and in canonical form. */
  MapNode prepare(MapNode doc) throws BerthException {
    MapNode m = doc;
    if (interpolate) {
      m = (MapNode) new Interpolator(env::get, warnings).interpolate(doc);
    }
    m = emptyEntries(m);
    if (validate) {
      SchemaValidator.validate(m);
    }
    return Canonicalizer.file(m);
  }

  /** A null service or resource definition means an empty one. */
  private static MapNode emptyEntries(MapNode root) {
    for (String section : List.of("services", "networks", "volumes", "secrets", "configs")) {
      if (root.get(section) instanceof MapNode m) {
        root =
            root.with(
                section, m.mapValues((k, v) -> Nodes.isNull(v) ? MapNode.empty(v.mark()) : v));
      }
    }
    return root;
  }

  /** Every document of {@code file}, prepared and merged in order. */
  MapNode load(String file) throws BerthException {
    MapNode result = null;
    for (Node d : parse(file)) {
      MapNode prepared = prepare((MapNode) d);
      result = result == null ? prepared : Merger.merge(result, prepared);
    }
    return result == null ? MapNode.empty(dev.berth.orchestrator.model.Mark.NONE) : result;
  }
}
