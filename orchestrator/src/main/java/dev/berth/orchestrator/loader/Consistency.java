package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.graph.DependencyGraph;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.SeqNode;
import dev.berth.orchestrator.model.Service;
import dev.berth.runtime.api.ErrorKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Cross-reference checks on a merged, normalized project; each failure names the service. */
final class Consistency {
  private final MapNode root;
  private final MapNode services;
  private final MapNode disabled;

  private Consistency(MapNode root, MapNode disabled) {
    this.root = root;
    this.services = section(root, "services");
    this.disabled = disabled;
  }

  static void check(MapNode root, MapNode disabled) throws BerthException {
    new Consistency(root, disabled).run();
  }

  private static MapNode section(MapNode root, String key) {
    MapNode m = Nodes.mapOrNull(root.get(key));
    return m == null ? MapNode.empty(root.mark()) : m;
  }

  private BerthException fail(Node at, String message) {
    String where = at == null || at.mark().file().isEmpty() ? "" : at.mark() + ": ";
    return new BerthException(ErrorKind.INVALID_ARGUMENT, where + message);
  }

  /** The reference appends this to errors that make the whole project invalid. */
  private BerthException invalid(Node at, String message) {
    return fail(at, message + ": invalid compose project");
  }

  private void run() throws BerthException {
    for (String name : new TreeSet<>(services.keys())) {
      MapNode s = Nodes.mapOrNull(services.get(name));
      if (s != null) {
        service(name, s);
      }
    }
    MapNode secrets = section(root, "secrets");
    for (String name : new TreeSet<>(secrets.keys())) {
      MapNode sec = Nodes.mapOrNull(secrets.get(name));
      if (sec != null
          && !Nodes.isTrue(sec.get("external"))
          && Nodes.text(sec, "file") == null
          && Nodes.text(sec, "environment") == null) {
        throw invalid(sec, "secret \"" + name + "\" must declare either `file` or `environment`");
      }
    }
    cycles();
  }

  private void service(String name, MapNode s) throws BerthException {
    MapNode build = Nodes.mapOrNull(s.get("build"));
    if (build == null && Nodes.text(s, "image") == null && !s.has("provider")) {
      throw invalid(
          s, "service \"" + name + "\" has neither an image nor a build context specified");
    }
    if (build != null) {
      if (Nodes.text(build, "dockerfile_inline") != null
          && Nodes.text(build, "dockerfile") != null) {
        throw fail(
            build,
            "service \"" + name + "\" declares mutualy exclusive dockerfile and dockerfile_inline");
      }
      checkRefs(name, build.get("secrets"), "secrets", "build secret");
      String platform = Nodes.text(s, "platform");
      List<String> platforms = texts(build.get("platforms"));
      if (platform != null && !platforms.isEmpty() && !platforms.contains(platform)) {
        throw fail(
            build, "service.build.platforms MUST include service.platform \"" + platform + "\"");
      }
    }
    MapNode nets = Nodes.mapOrNull(s.get("networks"));
    if (Nodes.text(s, "network_mode") != null && nets != null && nets.size() > 0) {
      throw fail(
          s, "service " + name + " declares mutually exclusive `network_mode` and `networks`");
    }
    if (nets != null) {
      MapNode declared = section(root, "networks");
      for (String n : nets.keys()) {
        if (!declared.has(n)) {
          throw fail(
              nets.get(n),
              "services."
                  + name
                  + ".networks."
                  + n
                  + ": service \""
                  + name
                  + "\" refers to undefined network "
                  + n
                  + ": invalid compose project");
        }
      }
    }
    MapNode hc = Nodes.mapOrNull(s.get("healthcheck"));
    if (hc != null) {
      List<String> test = texts(hc.get("test"));
      if (!test.isEmpty() && !List.of("CMD", "CMD-SHELL", "NONE").contains(test.get(0))) {
        throw fail(hc, "healthcheck.test must start either by \"CMD\", \"CMD-SHELL\" or \"NONE\"");
      }
    }
    String mode = Nodes.text(s, "network_mode");
    if (mode != null && mode.startsWith("service:")) {
      String ref = mode.substring("service:".length());
      if (!services.has(ref)) {
        throw fail(s, "service \"" + ref + "\" not found for network_mode 'service:" + ref + "'");
      }
    }
    MapNode deps = Nodes.mapOrNull(s.get("depends_on"));
    if (deps != null) {
      for (String d : deps.keys()) {
        if (services.has(d)) {
          continue;
        }
        MapNode cfg = Nodes.mapOrNull(deps.get(d));
        boolean required = cfg == null || !"false".equals(Nodes.text(cfg, "required"));
        if (disabled.has(d) && !required) {
          continue;
        }
        BerthException e =
            invalid(
                deps.get(d),
                "services."
                    + name
                    + ".depends_on: service \""
                    + name
                    + "\" depends on undefined service \""
                    + d
                    + "\"");
        if (disabled.has(d) && Nodes.untag(disabled.get(d)) instanceof MapNode off) {
          throw new BerthException(
              e.kind(),
              e.getMessage()
                  + " (\""
                  + d
                  + "\" is disabled; enable it with --profile "
                  + String.join(" or --profile ", Profiles.of(off))
                  + ")");
        }
        throw e;
      }
    }
    volumes(name, s);
    checkRefs(name, s.get("configs"), "configs", "config");
    checkRefs(name, s.get("secrets"), "secrets", "secret");
    ServiceLimits.check(name, s);
  }

  private void volumes(String name, MapNode s) throws BerthException {
    MapNode declared = section(root, "volumes");
    Map<String, String> mounts = new HashMap<>();
    List<String> tmpfs = texts(s.get("tmpfs"));
    for (int i = 0; i < tmpfs.size(); i++) {
      String path = tmpfs.get(i).split(":", 2)[0];
      String loc = "services." + name + ".tmpfs[" + i + "]";
      if (mounts.containsKey(path)) {
        throw fail(s, loc + ": target " + path + " already mounted as " + mounts.get(path));
      }
      mounts.put(path, loc);
    }
    if (!(Nodes.untag(s.get("volumes")) instanceof SeqNode vols)) {
      return;
    }
    for (int i = 0; i < vols.size(); i++) {
      MapNode v = Nodes.mapOrNull(vols.get(i));
      if (v == null) {
        continue;
      }
      String src = Nodes.text(v, "source");
      if ("volume".equals(Nodes.text(v, "type")) && src != null && !declared.has(src)) {
        throw invalid(
            v,
            "services."
                + name
                + ".volumes["
                + i
                + "]: service \""
                + name
                + "\" refers to undefined volume "
                + src);
      }
      String target = Nodes.text(v, "target");
      String loc = "services." + name + ".volumes[" + i + "]";
      if (target != null && mounts.containsKey(target)) {
        throw fail(v, loc + ": target " + target + " already mounted as " + mounts.get(target));
      }
      mounts.put(target, loc);
    }
  }

  private void checkRefs(String name, Node refs, String section, String what)
      throws BerthException {
    if (!(Nodes.untag(refs) instanceof SeqNode seq)) {
      return;
    }
    MapNode declared = section(root, section);
    for (int i = 0; i < seq.size(); i++) {
      Node r = seq.get(i);
      String src = r instanceof MapNode m ? Nodes.text(m, "source") : Nodes.text(r);
      if (src != null && !declared.has(src)) {
        String where =
            (what.startsWith("build") ? "services." + name + ".build." : "services." + name + ".")
                + section
                + "["
                + i
                + "]: ";
        throw invalid(
            r, where + "service \"" + name + "\" refers to undefined " + what + " " + src);
      }
    }
  }

  private void cycles() throws BerthException {
    Map<String, List<String>> deps = new LinkedHashMap<>();
    for (String name : services.keys()) {
      MapNode s = Nodes.mapOrNull(services.get(name));
      List<String> names = new ArrayList<>();
      if (s != null) {
        new Service(name, s).dependsOn().forEach(d -> names.add(d.service()));
      }
      deps.put(name, names);
    }
    for (var e : deps.entrySet()) {
      if (e.getValue().contains(e.getKey())) {
        throw fail(
            dependsOnOf(e.getKey()),
            "dependency cycle detected: " + e.getKey() + " -> " + e.getKey());
      }
    }
    var cycle = DependencyGraph.of(deps).cycle();
    if (cycle.isPresent()) {
      throw fail(
          dependsOnOf(cycle.get().get(0)),
          "dependency cycle detected: " + String.join(" -> ", cycle.get()));
    }
  }

  private Node dependsOnOf(String service) {
    MapNode s = Nodes.mapOrNull(services.get(service));
    Node d = s == null ? null : s.get("depends_on");
    return d != null ? d : s;
  }

  static List<String> texts(Node n) {
    List<String> out = new ArrayList<>();
    n = Nodes.untag(n);
    if (n instanceof SeqNode seq) {
      for (Node i : seq.items()) {
        String t = Nodes.text(i);
        if (t != null) {
          out.add(t);
        }
      }
    } else if (Nodes.text(n) != null) {
      out.add(Nodes.text(n));
    }
    return out;
  }
}
