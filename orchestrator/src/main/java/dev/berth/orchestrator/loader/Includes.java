package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.SeqNode;
import dev.berth.runtime.api.ErrorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Loads {@code include} entries as sub-projects (own directory and {@code .env}, the parent's
 * environment wins) and imports their services and resources; local definitions win.
 */
final class Includes {
  private final LoadRequest req;
  private final Consumer<String> warnings;
  private final boolean validate;

  Includes(LoadRequest req, Consumer<String> warnings, boolean validate) {
    this.req = req;
    this.warnings = warnings;
    this.validate = validate;
  }

  /** Loads and imports {@code include} entries of one file tree. */
  MapNode apply(MapNode tree, Path workingDir, Map<String, String> env, List<String> chain)
      throws BerthException {
    Node inc = Nodes.untag(tree.get("include"));
    if (inc == null || Nodes.isNull(inc)) {
      return tree.without("include");
    }
    if (!(inc instanceof SeqNode list)) {
      throw Nodes.error(inc.mark(), "include", "`include` must be a list, got " + inc.describe());
    }
    MapNode imported = null;
    for (Node entry : list.items()) {
      MapNode sub = includeOne(entry, workingDir, env, chain);
      imported = imported == null ? sub : Merger.merge(imported, sub);
    }
    MapNode local = tree.without("include");
    if (imported == null) {
      return local;
    }
    Map<String, Node> keep = new LinkedHashMap<>();
    for (String k : List.of("services", "networks", "volumes", "secrets", "configs", "models")) {
      if (imported.has(k)) {
        keep.put(k, imported.get(k));
      }
    }
    return Merger.merge(new MapNode(keep, imported.mark()), local);
  }

  private MapNode includeOne(
      Node entry, Path workingDir, Map<String, String> env, List<String> chain)
      throws BerthException {
    List<String> paths = new ArrayList<>();
    String projectDir = null;
    List<String> envFiles = new ArrayList<>();
    if (Nodes.text(entry) != null) {
      paths.add(Nodes.text(entry));
    } else if (Nodes.untag(entry) instanceof MapNode m) {
      paths.addAll(Consistency.texts(m.get("path")));
      projectDir = Nodes.text(m, "project_directory");
      envFiles.addAll(Consistency.texts(m.get("env_file")));
    }
    if (paths.isEmpty()) {
      throw Nodes.error(entry.mark(), "include", "path is required");
    }
    List<String> absolute = new ArrayList<>();
    for (String p : paths) {
      absolute.add(workingDir.resolve(p).normalize().toString());
    }
    Path dir =
        projectDir == null
            ? Path.of(absolute.get(0)).getParent()
            : workingDir.resolve(projectDir).normalize();
    if (chain.contains(absolute.get(0))) {
      throw new BerthException(
          ErrorKind.INVALID_ARGUMENT,
          "include cycle detected:\n"
              + chain.get(0)
              + "\n include "
              + String.join("\n include ", chain.subList(1, chain.size()))
              + "\n include "
              + absolute.get(0));
    }
    Map<String, String> subEnv = new LinkedHashMap<>(env);
    List<Path> envPaths = new ArrayList<>();
    if (envFiles.isEmpty()) {
      Path dotenv = dir.resolve(".env");
      if (Files.isRegularFile(dotenv)) {
        envPaths.add(dotenv);
      }
    } else {
      for (String f : envFiles) {
        if (!f.equals("/dev/null")) {
          envPaths.add(workingDir.resolve(f));
        }
      }
    }
    Map<String, String> fromFiles = new LinkedHashMap<>();
    for (Path p : envPaths) {
      Map<String, String> before = new LinkedHashMap<>(fromFiles);
      fromFiles.putAll(ProjectSetup.readEnvFile(p, subEnv::get, before::get));
    }
    fromFiles.forEach(subEnv::putIfAbsent);
    FileLoader files =
        new FileLoader(
            req.cwd().toAbsolutePath().normalize(),
            subEnv,
            !req.has(LoadSwitch.NO_INTERPOLATE),
            warnings,
            req.stdin(),
            validate);
    MapNode result = null;
    for (String f : absolute) {
      List<String> nextChain = new ArrayList<>(chain);
      nextChain.add(f);
      MapNode t = files.load(f);
      t = apply(t, dir, subEnv, nextChain);
      t = new Extends(files, dir).apply(t, f);
      result = result == null ? t : Merger.merge(result, t);
    }
    result = (MapNode) Merger.stripTags(result);
    if (Nodes.untag(result.get("services")) instanceof MapNode services) {
      result = result.with("services", EnvFiles.resolveBare(services, subEnv));
    }
    return PathResolver.resolve(result, dir.toString(), subEnv.get("HOME"));
  }
}
