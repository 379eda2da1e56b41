package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.SeqNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits services into enabled and disabled by profile: a service without profiles is always on;
 * otherwise one of its profiles must be active ({@code *} activates all).
 *
 * @param enabled the enabled services
 * @param disabled the disabled services
 * @param active the active profiles
 */
record Profiles(MapNode enabled, MapNode disabled, Set<String> active) {

  static Profiles apply(MapNode services, List<String> profiles, List<String> named) {
    Set<String> active = new LinkedHashSet<>(profiles);
    for (String n : named) {
      MapNode s = Nodes.mapOrNull(services.get(n));
      if (s != null) {
        active.addAll(of(s));
      }
    }
    Map<String, Node> on = new LinkedHashMap<>();
    Map<String, Node> off = new LinkedHashMap<>();
    for (var e : services.entries().entrySet()) {
      MapNode s = Nodes.mapOrNull(e.getValue());
      List<String> own = s == null ? List.of() : of(s);
      boolean enabled = own.isEmpty() || active.contains("*");
      for (String p : own) {
        enabled |= active.contains(p);
      }
      (enabled ? on : off).put(e.getKey(), e.getValue());
    }
    return new Profiles(
        new MapNode(on, services.keyMarks(), services.mark()),
        new MapNode(off, services.mark()),
        active);
  }

  static List<String> of(MapNode service) {
    List<String> out = new ArrayList<>();
    if (Nodes.untag(service.get("profiles")) instanceof SeqNode seq) {
      for (Node n : seq.items()) {
        String t = Nodes.text(n);
        if (t != null) {
          out.add(t);
        }
      }
    }
    return out;
  }
}
