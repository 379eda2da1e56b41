package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.model.SeqNode;
import dev.berth.runtime.api.ErrorKind;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Views of a project that the CLI shows: selected services, and only the resources in use. */
public final class ProjectFilters {
  private ProjectFilters() {}

  /** Only {@code names} and the services they depend on, transitively. */
  public static Project withSelectedServices(Project p, List<String> names) throws BerthException {
    if (names.isEmpty()) {
      return p;
    }
    MapNode services = p.services();
    Set<String> keep = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(names);
    while (!todo.isEmpty()) {
      String n = todo.pop();
      if (!services.has(n)) {
        throw new BerthException(ErrorKind.NOT_FOUND, "no such service: " + n);
      }
      if (keep.add(n)) {
        MapNode s = Nodes.mapOrNull(services.get(n));
        MapNode deps = s == null ? null : Nodes.mapOrNull(s.get("depends_on"));
        if (deps != null) {
          for (String d : deps.keys()) {
            if (services.has(d)) {
              todo.push(d);
            }
          }
        }
      }
    }
    Map<String, Node> out = new LinkedHashMap<>();
    services
        .entries()
        .forEach(
            (k, v) -> {
              if (keep.contains(k)) {
                out.put(k, v);
              }
            });
    return with(p, p.tree().with("services", new MapNode(out, services.mark())));
  }

  /** Drops networks, volumes, secrets, configs and models no enabled service uses. */
  public static Project withoutUnusedResources(Project p) {
    Set<String> networks = new LinkedHashSet<>();
    Set<String> volumes = new LinkedHashSet<>();
    Set<String> secrets = new LinkedHashSet<>();
    Set<String> configs = new LinkedHashSet<>();
    Set<String> models = new LinkedHashSet<>();
    for (Node n : p.services().entries().values()) {
      MapNode s = Nodes.mapOrNull(n);
      if (s == null) {
        continue;
      }
      keys(s.get("networks"), networks);
      keys(s.get("models"), models);
      if (Nodes.untag(s.get("volumes")) instanceof SeqNode vols) {
        for (Node v : vols.items()) {
          MapNode vm = Nodes.mapOrNull(v);
          if (vm != null && "volume".equals(Nodes.text(vm, "type"))) {
            String src = Nodes.text(vm, "source");
            if (src != null && !src.isEmpty()) {
              volumes.add(src);
            }
          }
        }
      }
      sources(s.get("secrets"), secrets);
      sources(s.get("configs"), configs);
      MapNode build = Nodes.mapOrNull(s.get("build"));
      if (build != null) {
        sources(build.get("secrets"), secrets);
      }
    }
    MapNode tree = p.tree();
    tree = keepOnly(tree, "networks", networks);
    tree = keepOnly(tree, "volumes", volumes);
    tree = keepOnly(tree, "secrets", secrets);
    tree = keepOnly(tree, "configs", configs);
    tree = keepOnly(tree, "models", models);
    return with(p, tree);
  }

  private static Project with(Project p, MapNode tree) {
    return new Project(p.name(), p.workingDir(), p.configFiles(), tree);
  }

  private static MapNode keepOnly(MapNode tree, String section, Set<String> used) {
    MapNode m = Nodes.mapOrNull(tree.get(section));
    if (m == null) {
      return tree;
    }
    Map<String, Node> out = new LinkedHashMap<>();
    m.entries()
        .forEach(
            (k, v) -> {
              if (used.contains(k)) {
                out.put(k, v);
              }
            });
    return out.isEmpty()
        ? tree.without(section)
        : tree.with(section, new MapNode(out, m.keyMarks(), m.mark()));
  }

  private static void keys(Node n, Set<String> into) {
    MapNode m = Nodes.mapOrNull(n);
    if (m != null) {
      into.addAll(m.keys());
    }
  }

  private static void sources(Node n, Set<String> into) {
    if (Nodes.untag(n) instanceof SeqNode seq) {
      for (Node i : seq.items()) {
        MapNode m = Nodes.mapOrNull(i);
        String src = m == null ? Nodes.text(i) : Nodes.text(m, "source");
        if (src != null) {
          into.add(src);
        }
      }
    }
  }
}
