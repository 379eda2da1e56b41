package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.orchestrator.model.SeqNode;
import java.util.ArrayList;
import java.util.List;

/** Long syntax for volumes, secret/config mounts and devices. */
final class MountSyntax {
  private MountSyntax() {}

  static Node fileMode(Node v) {
    if (!(Nodes.untag(v) instanceof ScalarNode s) || s.isNull()) {
      return v;
    }
    String t = s.text();
    try {
      int mode;
      if (t.startsWith("0o") || t.startsWith("0O")) {
        mode = Integer.parseInt(t.substring(2), 8);
      } else if (t.startsWith("0") && t.length() > 1) {
        mode = Integer.parseInt(t.substring(1), 8);
      } else if (s.kind() == ScalarNode.Kind.INT) {
        mode = Integer.parseInt(t);
      } else {
        mode = Integer.parseInt(t, 8);
      }
      return Nodes.str(String.format("0%03o", mode), s.mark());
    } catch (NumberFormatException e) {
      return v;
    }
  }

  static Node volumes(Node v, String path) throws BerthException {
    if (!(v instanceof SeqNode seq)) {
      return v;
    }
    List<Node> items = new ArrayList<>();
    for (int i = 0; i < seq.size(); i++) {
      Node item = seq.get(i);
      if (item instanceof ScalarNode s && !s.isNull()) {
        items.add(VolumeSpec.parse(s.text(), s.mark(), path + "[" + i + "]"));
      } else if (item instanceof MapNode m) {
        items.add(longVolume(m, path + "[" + i + "]"));
      } else {
        items.add(item);
      }
    }
    return Nodes.seq(items, seq.mark());
  }

  static MapNode longVolume(MapNode m, String path) throws BerthException {
    if (Nodes.text(m, "target") == null) {
      throw Nodes.error(m.mark(), path, "service volume is missing a mount target");
    }
    MapNode out = m;
    MapNode t = Nodes.mapOrNull(m.get("tmpfs"));
    if (t != null && t.has("size")) {
      Node size = t.get("size");
      if (Nodes.untag(size) instanceof ScalarNode s && !s.isNull()) {
        out = out.with("tmpfs", t.with("size", UnitSyntax.bytes(size, path + ".tmpfs.size")));
      }
    }
    return out;
  }

  static Node fileRefs(Node v) {
    if (!(v instanceof SeqNode seq)) {
      return v;
    }
    List<Node> items = new ArrayList<>();
    for (Node item : seq.items()) {
      if (item instanceof ScalarNode s && !s.isNull()) {
        items.add(Nodes.map(s.mark(), "source", s));
      } else if (item instanceof MapNode m && m.has("mode")) {
        items.add(m.with("mode", fileMode(m.get("mode"))));
      } else {
        items.add(item);
      }
    }
    return Nodes.seq(items, seq.mark());
  }

  static Node devices(Node v, String path) throws BerthException {
    if (!(v instanceof SeqNode seq)) {
      return v;
    }
    List<Node> out = new ArrayList<>();
    for (Node item : seq.items()) {
      if (item instanceof ScalarNode s && !s.isNull()) {
        String[] parts = s.text().split(":", -1);
        String src = parts[0];
        String dst = parts.length > 1 ? parts[1] : parts[0];
        String perm = parts.length > 2 ? parts[2] : "rwm";
        if (parts.length == 2 && parts[1].matches("[rwm]+") && !parts[1].startsWith("/")) {
          dst = src;
          perm = parts[1];
        }
        out.add(
            Nodes.map(
                s.mark(),
                "source",
                Nodes.str(src, s.mark()),
                "target",
                Nodes.str(dst, s.mark()),
                "permissions",
                Nodes.str(perm, s.mark())));
      } else {
        out.add(item);
      }
    }
    return Nodes.seq(out, seq.mark());
  }
}
