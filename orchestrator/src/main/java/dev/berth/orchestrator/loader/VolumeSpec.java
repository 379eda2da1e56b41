package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Mark;
import java.util.Set;

/** Parses the short volume syntax {@code [SOURCE:]TARGET[:OPTIONS]} into its long form. */
public final class VolumeSpec {
  private static final Set<String> PROPAGATIONS =
      Set.of("rprivate", "private", "rshared", "shared", "rslave", "slave");

  private String source = "";
  private String target = "";
  private boolean readOnly;
  private boolean nocopy;
  private String propagation;
  private String selinux;

  private VolumeSpec() {}

  /** The long form of {@code spec}. */
  public static MapNode parse(String spec, Mark mark, String path) throws BerthException {
    VolumeSpec v = new VolumeSpec();
    if (spec.isEmpty()) {
      throw Nodes.error(mark, path, "invalid empty volume spec");
    }
    if (spec.length() <= 2) {
      v.target = spec;
      return v.toNode(mark);
    }
    StringBuilder buf = new StringBuilder();
    int depth = 0;
    String all = spec + '\0';
    for (int i = 0; i < all.length(); i++) {
      char c = all.charAt(i);
      if (c == '$' && i + 1 < spec.length() && spec.charAt(i + 1) == '{') {
        depth++;
        buf.append(c);
        continue;
      }
      if (c == '}' && depth > 0) {
        depth--;
        buf.append(c);
        continue;
      }
      if (c == ':' && buf.length() == 1 && Character.isLetter(buf.charAt(0))) {
        buf.append(c);
      } else if ((c == ':' || c == '\0') && depth == 0) {
        String err = v.populate(c, buf.toString());
        if (err != null) {
          throw Nodes.error(mark, path, "invalid spec: " + spec + ": " + err);
        }
        buf.setLength(0);
      } else {
        buf.append(c);
      }
    }
    return v.toNode(mark);
  }

  /** The short form {@code SOURCE:TARGET:MODE[,selinux][,propagation]} of a long volume. */
  public static String format(MapNode v) {
    StringBuilder sb = new StringBuilder();
    String src = Nodes.text(v, "source");
    if (src != null && !src.isEmpty()) {
      sb.append(src).append(':');
    }
    sb.append(Nodes.text(v, "target"));
    sb.append(Nodes.isTrue(v.get("read_only")) ? ":ro" : ":rw");
    MapNode bind = Nodes.mapOrNull(v.get("bind"));
    if (bind != null) {
      if (Nodes.text(bind, "selinux") != null) {
        sb.append(',').append(Nodes.text(bind, "selinux"));
      }
      if (Nodes.text(bind, "propagation") != null) {
        sb.append(',').append(Nodes.text(bind, "propagation"));
      }
    }
    MapNode vol = Nodes.mapOrNull(v.get("volume"));
    if (vol != null && Nodes.isTrue(vol.get("nocopy"))) {
      sb.append(",nocopy");
    }
    return sb.toString();
  }

  /** Whether a short spec names a host path (bind) rather than a volume. */
  public static boolean isFilePath(String source) {
    if (source.isEmpty()) {
      return false;
    }
    char c = source.charAt(0);
    if (c == '.' || c == '/' || c == '~' || source.startsWith("\\\\")) {
      return true;
    }
    return source.length() > 1 && Character.isLetter(c) && source.charAt(1) == ':';
  }

  private String populate(char c, String buf) {
    if (buf.isEmpty()) {
      return "empty section between colons";
    }
    if (source.isEmpty() && c == '\0') {
      target = buf;
      return null;
    }
    if (source.isEmpty()) {
      source = buf;
      return null;
    }
    if (target.isEmpty()) {
      target = buf;
      return null;
    }
    if (c == ':') {
      return "too many colons";
    }
    for (String option : buf.split(",")) {
      switch (option) {
        case "ro" -> readOnly = true;
        case "rw" -> readOnly = false;
        case "nocopy" -> nocopy = true;
        case "z", "Z" -> selinux = option;
        default -> {
          if (PROPAGATIONS.contains(option)) {
            propagation = option;
          }
        }
      }
    }
    return null;
  }

  private MapNode toNode(Mark m) {
    boolean bind = isFilePath(source);
    MapNode extra;
    if (bind) {
      extra =
          Nodes.map(
              m,
              "propagation",
              propagation == null ? null : Nodes.str(propagation, m),
              "create_host_path",
              Nodes.bool(true, m),
              "selinux",
              selinux == null ? null : Nodes.str(selinux, m));
    } else {
      extra = Nodes.map(m, "nocopy", nocopy ? Nodes.bool(true, m) : null);
    }
    return Nodes.map(
        m,
        "type",
        Nodes.str(bind ? "bind" : "volume", m),
        "source",
        source.isEmpty() ? null : Nodes.str(source, m),
        "target",
        Nodes.str(target, m),
        "read_only",
        readOnly ? Nodes.bool(true, m) : null,
        bind ? "bind" : "volume",
        extra);
  }
}
