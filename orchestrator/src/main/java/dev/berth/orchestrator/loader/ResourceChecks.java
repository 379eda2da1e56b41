package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.SeqNode;
import java.util.List;

/**
 * Rules the schema cannot express: external resources carry only a name, file objects name exactly
 * one source, device requests do not mix count and ids, watch paths are not blank.
 */
final class ResourceChecks {
  private ResourceChecks() {}

  static void check(MapNode root) throws BerthException {
    for (String section : List.of("networks", "volumes", "secrets", "configs")) {
      MapNode res = Nodes.mapOrNull(root.get(section));
      if (res == null) {
        continue;
      }
      for (var e : res.entries().entrySet()) {
        MapNode r = Nodes.mapOrNull(e.getValue());
        if (r != null) {
          String path = section + "." + e.getKey();
          if (section.equals("volumes")) {
            external(r, path);
          }
          if (section.equals("configs")) {
            fileObject(r, path, List.of("file", "environment", "content"));
          }
        }
      }
    }
    MapNode services = Nodes.mapOrNull(root.get("services"));
    if (services == null) {
      return;
    }
    for (var e : services.entries().entrySet()) {
      MapNode s = Nodes.mapOrNull(e.getValue());
      if (s != null) {
        service(e.getKey(), s);
      }
    }
  }

  private static void external(MapNode r, String path) throws BerthException {
    if (!Nodes.isTrue(r.get("external"))) {
      return;
    }
    for (String k : r.keys()) {
      if (!k.equals("name") && !k.equals("external") && !k.startsWith("x-")) {
        throw Nodes.error(
            r.keyMark(k),
            "",
            path + ": conflicting parameters \"external\" and \"" + k + "\" specified");
      }
    }
  }

  private static void fileObject(MapNode r, String path, List<String> keys) throws BerthException {
    int count = 0;
    for (String k : keys) {
      if (r.has(k)) {
        count++;
      }
    }
    if (count > 1) {
      throw Nodes.error(
          r.mark(),
          "",
          path + ": " + String.join("|", keys) + " attributes are mutually exclusive");
    }
    if (count == 0 && !r.has("driver") && !r.has("external")) {
      throw Nodes.error(r.mark(), "", path + ": one of " + String.join("|", keys) + " must be set");
    }
  }

  private static void service(String name, MapNode s) throws BerthException {
    MapNode deploy = Nodes.mapOrNull(s.get("deploy"));
    MapNode res = deploy == null ? null : Nodes.mapOrNull(deploy.get("resources"));
    MapNode rsv = res == null ? null : Nodes.mapOrNull(res.get("reservations"));
    if (rsv != null) {
      devices(rsv.get("devices"), "services." + name + ".deploy.resources.reservations.devices");
    }
    devices(s.get("gpus"), "services." + name + ".gpus");
    MapNode develop = Nodes.mapOrNull(s.get("develop"));
    if (develop != null && Nodes.untag(develop.get("watch")) instanceof SeqNode watch) {
      for (int i = 0; i < watch.size(); i++) {
        MapNode w = Nodes.mapOrNull(watch.get(i));
        if (w != null && w.has("path") && "".equals(Nodes.text(w, "path"))) {
          throw Nodes.error(
              w.mark(),
              "",
              "services." + name + ".develop.watch[" + i + "].path: value can't be blank");
        }
      }
    }
  }

  private static void devices(Node n, String path) throws BerthException {
    if (!(Nodes.untag(n) instanceof SeqNode seq)) {
      return;
    }
    for (int i = 0; i < seq.size(); i++) {
      MapNode d = Nodes.mapOrNull(seq.get(i));
      if (d != null && d.has("count") && d.has("device_ids")) {
        throw Nodes.error(
            d.mark(),
            "",
            path + "[" + i + "]: \"count\" and \"device_ids\" attributes are exclusive");
      }
    }
  }
}
