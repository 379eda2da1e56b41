package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.SeqNode;
import dev.berth.runtime.api.ErrorKind;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Per-service rules on numbers and names: scale against deploy.replicas, limits against
 * deploy.resources, container_name uniqueness, develop.watch targets.
 */
final class ServiceLimits {
  private ServiceLimits() {}

  static void check(String name, MapNode s) throws BerthException {
    replicas(name, s);
    watch(name, s);
  }

  private static BerthException fail(Node at, String message) {
    String where = at == null || at.mark().file().isEmpty() ? "" : at.mark() + ": ";
    return new BerthException(ErrorKind.INVALID_ARGUMENT, where + message);
  }

  private static BerthException invalid(Node at, String message) {
    return fail(at, message + ": invalid compose project");
  }

  private static void watch(String name, MapNode s) throws BerthException {
    MapNode develop = Nodes.mapOrNull(s.get("develop"));
    if (develop == null || !(Nodes.untag(develop.get("watch")) instanceof SeqNode watch)) {
      return;
    }
    for (Node w : watch.items()) {
      MapNode wm = Nodes.mapOrNull(w);
      String action = wm == null ? null : Nodes.text(wm, "action");
      if (wm != null
          && Nodes.text(wm, "target") == null
          && !"rebuild".equals(action)
          && !"restart".equals(action)) {
        throw invalid(
            wm, "services." + name + ".develop.watch: target is required for non-rebuild actions");
      }
    }
  }

  private static void replicas(String name, MapNode s) throws BerthException {
    MapNode deploy = Nodes.mapOrNull(s.get("deploy"));
    String scale = Nodes.text(s, "scale");
    String replicas = deploy == null ? null : Nodes.text(deploy, "replicas");
    if (scale != null && replicas != null && !scale.equals(replicas)) {
      throw fail(
          s, "services." + name + ": can't set distinct values on 'scale' and 'deploy.replicas'");
    }
    if (scale != null && scale.startsWith("-")) {
      throw fail(s, "services." + name + ".scale: must be greater than or equal to 0");
    }
    if (replicas != null && replicas.startsWith("-")) {
      throw fail(s, "services." + name + ".deploy.replicas: must be greater than or equal to 0");
    }
    String effective = scale != null ? scale : replicas;
    if (effective != null && Nodes.text(s, "container_name") != null) {
      try {
        if (Long.parseLong(effective) > 1) {
          throw fail(
              s,
              "services."
                  + (scale != null ? "scale" : "deploy.replicas")
                  + ": can't set container_name and "
                  + name
                  + " as container name must be unique");
        }
      } catch (NumberFormatException e) {
        // the schema reports it
      }
    }
    limits(name, s, deploy);
  }

  private static void limits(String name, MapNode s, MapNode deploy) throws BerthException {
    if (deploy == null) {
      return;
    }
    MapNode res = Nodes.mapOrNull(deploy.get("resources"));
    MapNode lim = res == null ? null : Nodes.mapOrNull(res.get("limits"));
    MapNode rsv = res == null ? null : Nodes.mapOrNull(res.get("reservations"));
    differs(name, s, "cpus", lim, "cpus", "deploy.resources.limits.cpus");
    differs(name, s, "mem_limit", lim, "memory", "deploy.resources.limits.memory");
    differs(name, s, "mem_reservation", rsv, "memory", "deploy.resources.reservations.memory");
    differs(name, s, "pids_limit", lim, "pids", "deploy.resources.limits.pids");
  }

  private static void differs(
      String name, MapNode s, String key, MapNode block, String sub, String label)
      throws BerthException {
    String a = Nodes.text(s, key);
    String b = block == null ? null : Nodes.text(block, sub);
    if (a == null || b == null || a.equals("0")) {
      return;
    }
    boolean same;
    try {
      same = Double.parseDouble(a) == Double.parseDouble(b);
    } catch (NumberFormatException e) {
      same = a.equals(b);
    }
    if (!same) {
      throw fail(
          s,
          "services." + name + ": can't set distinct values on '" + key + "' and '" + label + "'");
    }
  }

  /** Two services may not share a container name. */
  static void containerNames(MapNode services) throws BerthException {
    Map<String, String> seen = new HashMap<>();
    for (String name : new TreeSet<>(services.keys())) {
      MapNode s = Nodes.mapOrNull(services.get(name));
      String cn = s == null ? null : Nodes.text(s, "container_name");
      if (cn == null || cn.isEmpty()) {
        continue;
      }
      if (seen.containsKey(cn)) {
        throw new BerthException(
            ErrorKind.INVALID_ARGUMENT,
            s.mark()
                + ": services."
                + name
                + ": container name \""
                + cn
                + "\" is already in use by service "
                + seen.get(cn));
      }
      seen.put(cn, name);
    }
  }
}
