package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.ScalarNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Long syntax for build (string context, mappings, ssh, secrets). */
final class BuildSyntax {
  private BuildSyntax() {}

  static Node ssh(Node v) {
    if (v instanceof MapNode m) {
      List<Node> out = new ArrayList<>();
      m.entries()
          .forEach(
              (k, x) ->
                  out.add(Nodes.str(Nodes.isNull(x) ? k : k + "=" + Nodes.text(x), x.mark())));
      return Nodes.seq(out, m.mark());
    }
    return Canonicalizer.toList(v);
  }

  static Node build(Node v, String path) throws BerthException {
    if (v instanceof ScalarNode s) {
      return Nodes.map(s.mark(), "context", s);
    }
    MapNode m = Nodes.mapOrNull(v);
    if (m == null) {
      return v;
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (var e : m.entries().entrySet()) {
      String k = e.getKey();
      Node x = e.getValue();
      String p = path + "." + k;
      switch (k) {
        case "args" -> x = Canonicalizer.retag(x, y -> Canonicalizer.toMapping(y, p, true));
        case "labels", "additional_contexts" ->
            x = Canonicalizer.retag(x, y -> Canonicalizer.toMapping(y, p));
        case "sbom", "provenance" -> x = Canonicalizer.retag(x, Canonicalizer::scalarToString);
        case "ssh" -> x = Canonicalizer.retag(x, BuildSyntax::ssh);
        case "extra_hosts" -> x = Canonicalizer.retag(x, y -> PortSyntax.extraHosts(y, p));
        case "shm_size" -> x = Canonicalizer.retag(x, y -> UnitSyntax.bytes(y, p));
        case "secrets" -> x = Canonicalizer.retag(x, MountSyntax::fileRefs);
        case "cache_from", "cache_to", "tags", "platforms" ->
            x = Canonicalizer.retag(x, Canonicalizer::toList);
        default -> {}
      }
      out.put(k, x);
    }
    return new MapNode(out, m.keyMarks(), m.mark());
  }
}
