package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.runtime.api.ErrorKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves {@code extends} in one file's services: the base service (same file or another one) is
 * merged under the local definition with the normal merge rules, recursively, cycles rejected.
 */
final class Extends {
  private final FileLoader files;
  private final Path workingDir;
  private final Map<String, MapNode> fileCache = new LinkedHashMap<>();

  Extends(FileLoader files, Path workingDir) {
    this.files = files;
    this.workingDir = workingDir;
  }

  /** {@code root} (a prepared file from {@code file}) with every extends resolved. */
  MapNode apply(MapNode root, String file) throws BerthException {
    MapNode services = Nodes.mapOrNull(root.get("services"));
    if (services == null) {
      return root;
    }
    Map<String, Node> out = new LinkedHashMap<>(services.entries());
    for (String name : services.keys()) {
      Node resolved = resolve(name, services, file, workingDir, new ArrayList<>());
      if (resolved != null) {
        out.put(name, resolved);
      }
    }
    return root.with("services", new MapNode(out, services.keyMarks(), services.mark()));
  }

  private Node resolve(String name, MapNode services, String file, Path baseDir, List<String> chain)
      throws BerthException {
    Node s = services.get(name);
    MapNode service = Nodes.mapOrNull(s);
    if (service == null || !service.has("extends")) {
      return s;
    }
    String key = file + "#" + name;
    if (chain.contains(key)) {
      chain.add(key);
      throw new BerthException(
          ErrorKind.INVALID_ARGUMENT,
          "Circular reference with extends: "
              + String.join(" -> ", chain.stream().map(Extends::display).toList()));
    }
    chain.add(key);
    Node ext = Nodes.untag(service.get("extends"));
    MapNode extMap = Nodes.mapOrNull(ext);
    String ref = extMap != null ? Nodes.text(extMap, "service") : Nodes.text(ext);
    String refFile = extMap != null ? Nodes.text(extMap, "file") : null;
    if (ref == null) {
      throw Nodes.error(ext.mark(), "services." + name + ".extends", "service is required");
    }
    MapNode baseServices = services;
    String baseFile = file;
    Path nextBase = baseDir;
    if (refFile != null) {
      Path target = baseDir.resolve(refFile).normalize();
      nextBase = target.getParent();
      baseFile = target.toString();
      MapNode other = loadOther(baseFile);
      baseServices = Nodes.mapOrNull(other.get("services"));
      if (baseServices == null || !baseServices.has(ref)) {
        throw new BerthException(
            ErrorKind.NOT_FOUND,
            location(ext)
                + "cannot extend service \""
                + name
                + "\" in "
                + display(file)
                + ": service \""
                + ref
                + "\" not found in "
                + refFile);
      }
    } else if (!services.has(ref)) {
      throw new BerthException(
          ErrorKind.NOT_FOUND,
          location(ext)
              + "cannot extend service \""
              + name
              + "\" in "
              + display(file)
              + ": service \""
              + ref
              + "\" not found");
    }
    Node base = resolve(ref, baseServices, baseFile, nextBase, chain);
    chain.remove(chain.size() - 1);
    MapNode baseMap = Nodes.mapOrNull(base);
    if (baseMap == null) {
      return service.without("extends");
    }
    baseMap = baseMap.without("extends");
    List<String> path = new ArrayList<>(List.of("services", name));
    Node merged = Merger.merge(baseMap, service.without("extends"), path);
    return merged;
  }

  private static String location(Node ext) {
    return ext.mark().file().isEmpty() ? "" : ext.mark() + ": ";
  }

  private static String display(String key) {
    int hash = key.lastIndexOf('#');
    String file = hash >= 0 ? key.substring(0, hash) : key;
    String svc = hash >= 0 ? key.substring(hash + 1) : "";
    String name = file.equals("-") ? "-" : Path.of(file).getFileName().toString();
    return svc.isEmpty() ? name : name + ":" + svc;
  }

  private MapNode loadOther(String file) throws BerthException {
    MapNode cached = fileCache.get(file);
    if (cached != null) {
      return cached;
    }
    MapNode loaded = files.load(file);
    Path dir = Path.of(file).getParent();
    String base =
        dir.startsWith(workingDir) ? workingDir.relativize(dir).toString() : dir.toString();
    MapNode services = Nodes.mapOrNull(loaded.get("services"));
    if (services != null) {
      MapNode rebased =
          PathResolver.resolve(Nodes.map(loaded.mark(), "services", services), base, null, false);
      loaded = loaded.with("services", rebased.get("services"));
    }
    fileCache.put(file, loaded);
    return loaded;
  }
}
