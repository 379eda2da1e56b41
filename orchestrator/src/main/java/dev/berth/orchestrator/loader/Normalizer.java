package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Mark;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.orchestrator.model.SeqNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference's normalization: implicit default network, resource names, build defaults, bare
 * environment keys resolved, implicit depends_on for links and {@code service:} references.
 */
final class Normalizer {
  private final Map<String, String> env;
  private final String project;

  private Normalizer(Map<String, String> env, String project) {
    this.env = env;
    this.project = project;
  }

  static MapNode apply(MapNode root, Map<String, String> env, String project) {
    return new Normalizer(env, project).run(root);
  }

  private MapNode run(MapNode root) {
    MapNode services = Nodes.mapOrNull(root.get("services"));
    boolean usesDefault = false;
    if (services != null) {
      Map<String, Node> out = new LinkedHashMap<>();
      for (var e : services.entries().entrySet()) {
        MapNode s = Nodes.mapOrNull(e.getValue());
        if (s == null) {
          out.put(e.getKey(), e.getValue());
          continue;
        }
        if (!s.has("provider") && !s.has("network_mode")) {
          MapNode nets = Nodes.mapOrNull(s.get("networks"));
          if (nets == null || nets.size() == 0) {
            s = s.with("networks", Nodes.map(s.mark(), "default", ScalarNode.nul(s.mark())));
            usesDefault = true;
          } else if (nets.has("default")) {
            usesDefault = true;
          }
        }
        out.put(e.getKey(), service(s));
      }
      root = root.with("services", new MapNode(out, services.keyMarks(), services.mark()));
    }
    MapNode networks = Nodes.mapOrNull(root.get("networks"));
    if (usesDefault && (networks == null || !networks.has("default"))) {
      networks = networks == null ? MapNode.empty(Mark.NONE) : networks;
      root = root.with("networks", networks.with("default", MapNode.empty(Mark.NONE)));
    }
    for (String section : List.of("networks", "volumes", "configs", "secrets")) {
      MapNode res = Nodes.mapOrNull(root.get(section));
      if (res != null) {
        root = root.with(section, res.mapValues(this::named));
      }
    }
    return root;
  }

  private Node named(String key, Node v) {
    MapNode r = Nodes.mapOrNull(v);
    if (r == null) {
      r = MapNode.empty(v.mark());
    }
    if (Nodes.text(r, "name") == null) {
      String name = Nodes.isTrue(r.get("external")) ? key : project + "_" + key;
      r = r.with("name", Nodes.str(name, r.mark()));
    }
    return r;
  }

  private MapNode service(MapNode s) {
    if ("if_not_present".equals(Nodes.text(s, "pull_policy"))) {
      s = s.with("pull_policy", Nodes.str("missing", s.get("pull_policy").mark()));
    }
    MapNode build = Nodes.mapOrNull(s.get("build"));
    if (build != null) {
      if (Nodes.text(build, "context") == null) {
        build = build.with("context", Nodes.str(".", build.mark()));
      }
      if (Nodes.text(build, "dockerfile") == null
          && Nodes.text(build, "dockerfile_inline") == null) {
        build = build.with("dockerfile", Nodes.str("Dockerfile", build.mark()));
      }
      if (Nodes.untag(build.get("args")) instanceof MapNode args) {
        build = build.with("args", resolve(args, false));
      }
      s = s.with("build", build);
    }
    if (Nodes.untag(s.get("environment")) instanceof MapNode envMap) {
      s = s.with("environment", resolve(envMap, true));
    }
    MapNode deps = Nodes.mapOrNull(s.get("depends_on"));
    Map<String, Node> dependsOn =
        deps == null ? new LinkedHashMap<>() : new LinkedHashMap<>(deps.entries());
    if (Nodes.untag(s.get("links")) instanceof SeqNode links) {
      for (Node l : links.items()) {
        String link = Nodes.text(l);
        if (link == null) {
          continue;
        }
        String[] parts = link.split(":");
        if (parts.length == 2) {
          link = parts[0];
        }
        dependsOn.putIfAbsent(link, implicit(true, l.mark()));
      }
    }
    for (String ns : List.of("network_mode", "ipc", "pid", "uts", "cgroup")) {
      String ref = Nodes.text(s, ns);
      if (ref != null && ref.startsWith("service:")) {
        dependsOn.putIfAbsent(ref.substring("service:".length()), implicit(true, s.mark()));
      }
    }
    if (Nodes.untag(s.get("volumes")) instanceof SeqNode vols) {
      List<Node> cleaned = new ArrayList<>();
      for (Node v : vols.items()) {
        if (v instanceof MapNode vm && Nodes.text(vm, "target") != null) {
          String t = Nodes.text(vm, "target");
          String c = t.startsWith("/") ? PathResolver.clean(t) : t;
          cleaned.add(vm.with("target", Nodes.str(c, vm.get("target").mark())));
        } else {
          cleaned.add(v);
        }
      }
      s = s.with("volumes", new SeqNode(cleaned, vols.mark()));
    }
    if (Nodes.untag(s.get("volumes_from")) instanceof SeqNode from) {
      for (Node f : from.items()) {
        String v = Nodes.text(f);
        if (v != null && !v.startsWith("container:")) {
          dependsOn.putIfAbsent(v.split(":")[0], implicit(false, f.mark()));
        }
      }
    }
    if (!dependsOn.isEmpty()) {
      s = s.with("depends_on", new MapNode(dependsOn, deps == null ? s.mark() : deps.mark()));
    }
    String image = Nodes.text(s, "image");
    if (image != null && Nodes.untag(s.get("pre_start")) instanceof SeqNode hooks) {
      List<Node> out = new ArrayList<>();
      for (Node h : hooks.items()) {
        out.add(
            h instanceof MapNode hm && !hm.has("image") ? hm.with("image", Nodes.str(image)) : h);
      }
      s = s.with("pre_start", new SeqNode(out, hooks.mark()));
    }
    return s;
  }

  private static MapNode implicit(boolean restart, Mark m) {
    return Nodes.map(
        m,
        "condition",
        Nodes.str("service_started", m),
        "restart",
        Nodes.bool(restart, m),
        "required",
        Nodes.bool(true, m));
  }

  private MapNode resolve(MapNode map, boolean keepEmpty) {
    Map<String, Node> out = new LinkedHashMap<>();
    for (var e : map.entries().entrySet()) {
      if (!Nodes.isNull(e.getValue())) {
        out.put(e.getKey(), e.getValue());
        continue;
      }
      String v = env.get(e.getKey());
      if (v != null) {
        out.put(e.getKey(), Nodes.str(v, e.getValue().mark()));
      } else if (keepEmpty) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return new MapNode(out, map.keyMarks(), map.mark());
  }
}
