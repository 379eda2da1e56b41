package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.SeqNode;
import dev.berth.orchestrator.model.TaggedNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes relative paths (build contexts, bind sources, env files, secret files, ...) relative to a
 * base directory, expanding {@code ~} to the home directory.
 */
final class PathResolver {
  private final String base;
  private final String home;
  private final boolean extendsFiles;

  private PathResolver(String base, String home, boolean extendsFiles) {
    this.base = base;
    this.home = home;
    this.extendsFiles = extendsFiles;
  }

  /** The tree with its relative paths joined to {@code base}. */
  static MapNode resolve(MapNode root, String base, String home) {
    return resolve(root, base, home, true);
  }

  /** As {@link #resolve(MapNode, String, String)}; {@code extendsFiles} also rebases extends. */
  static MapNode resolve(MapNode root, String base, String home, boolean extendsFiles) {
    PathResolver r = new PathResolver(base, home, extendsFiles);
    return (MapNode) r.walk(root, new ArrayList<>());
  }

  private Node walk(Node n, List<String> path) {
    if (n instanceof TaggedNode t) {
      return new TaggedNode(t.tag(), walk(t.value(), path));
    }
    if (matches(path, "services.*.volumes.*")) {
      return bindSource(n);
    }
    if (matches(path, "volumes.*")) {
      return driverOpts(n);
    }
    if (n instanceof MapNode m) {
      return m.mapValues(
          (k, v) -> {
            path.add(k);
            Node out = walk(v, path);
            path.remove(path.size() - 1);
            return out;
          });
    }
    if (n instanceof SeqNode s) {
      List<Node> items = new ArrayList<>();
      for (Node i : s.items()) {
        path.add("*");
        items.add(walk(i, path));
        path.remove(path.size() - 1);
      }
      return new SeqNode(items, s.mark());
    }
    String text = Nodes.text(n);
    if (text == null) {
      return n;
    }
    if (matches(path, "services.*.build.context")
        || matches(path, "services.*.build.additional_contexts.*")) {
      return Nodes.str(context(text), n.mark());
    }
    if (matches(path, "services.*.env_file.*.path")
        || matches(path, "services.*.label_file.*")
        || extendsFiles && matches(path, "services.*.extends.file")
        || matches(path, "services.*.develop.watch.*.path")
        || matches(path, "configs.*.file")
        || matches(path, "secrets.*.file")
        || matches(path, "include.*.path")
        || matches(path, "include.*.path.*")
        || matches(path, "include.*.project_directory")
        || matches(path, "include.*.env_file")
        || matches(path, "include.*.env_file.*")) {
      return Nodes.str(abs(text), n.mark());
    }
    return n;
  }

  private static boolean matches(List<String> path, String pattern) {
    return PathPattern.of(pattern).matches(path);
  }

  private String context(String v) {
    if (v.contains("://") || v.startsWith("service:")) {
      return v;
    }
    for (String p : List.of("https://", "http://", "git://", "ssh://", "github.com/", "git@")) {
      if (v.startsWith(p)) {
        return v;
      }
    }
    return abs(v);
  }

  String abs(String v) {
    if (v.startsWith("~")) {
      return expandHome(v);
    }
    if (v.startsWith("/") || base == null || base.isEmpty()) {
      return v;
    }
    return clean(base + "/" + v);
  }

  private String expandHome(String v) {
    if (home == null || !(v.equals("~") || v.startsWith("~/"))) {
      return v;
    }
    return clean(home + v.substring(1));
  }

  static String clean(String p) {
    if (p.isEmpty()) {
      return ".";
    }
    Path norm = Path.of(p).normalize();
    String s = norm.toString();
    return s.isEmpty() ? "." : s;
  }

  private Node bindSource(Node n) {
    if (!(n instanceof MapNode m) || !"bind".equals(Nodes.text(m, "type"))) {
      return n;
    }
    String src = Nodes.text(m, "source");
    if (src == null) {
      return n;
    }
    return m.with("source", Nodes.str(abs(src), m.get("source").mark()));
  }

  private Node driverOpts(Node n) {
    if (!(n instanceof MapNode m) || !"local".equals(Nodes.text(m, "driver"))) {
      return n;
    }
    MapNode opts = Nodes.mapOrNull(m.get("driver_opts"));
    if (opts == null || !"bind".equals(Nodes.text(opts, "o")) || !opts.has("device")) {
      return n;
    }
    String dev = Nodes.text(opts, "device");
    return m.with("driver_opts", opts.with("device", Nodes.str(abs(dev), opts.mark())));
  }
}
