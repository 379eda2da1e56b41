package dev.berth.orchestrator.plan;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.ContainerSpec;
import dev.berth.orchestrator.engine.ContainerSpec.Mount;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.model.Service;
import dev.berth.runtime.api.ErrorKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's mounts: {@code volumes} (bind, named, anonymous, tmpfs) and file secrets and configs
 * bound read-only at {@code /run/secrets/<name>} and {@code /<name>}, where Compose puts them.
 */
final class Mounts {
  private Mounts() {}

  static List<Mount> of(Project project, Service service) throws BerthException {
    MapNode a = service.attributes();
    List<Mount> out = new ArrayList<>();
    for (Node n : Attrs.items(a, "volumes")) {
      if (n instanceof MapNode v) {
        out.add(volume(project, v));
      }
    }
    out.addAll(files(project, service, "secrets", "/run/secrets/"));
    out.addAll(files(project, service, "configs", "/"));
    return out;
  }

  private static Mount volume(Project project, MapNode v) {
    String type = Attrs.text(v, "type").orElse("volume");
    String target = Attrs.text(v, "target").orElse("");
    boolean ro = Attrs.isTrue(v, "read_only");
    String source = Attrs.text(v, "source").orElse(null);
    if (type.equals("volume") && source != null) {
      source = ContainerSpecs.volumeName(project, source);
    }
    return new Mount(type, source, target, ro);
  }

  /** Secrets and configs given by {@code content}, as files to copy into the container. */
  static List<ContainerSpec.InjectedFile> injected(Project project, Service service) {
    List<ContainerSpec.InjectedFile> out = new ArrayList<>();
    for (String kind : List.of("secrets", "configs")) {
      String base = kind.equals("secrets") ? "/run/secrets/" : "/";
      for (Node n : Attrs.items(service.attributes(), kind)) {
        if (!(n instanceof MapNode ref)) {
          continue;
        }
        String source = Attrs.text(ref, "source").orElse("");
        String target = Attrs.text(ref, "target").orElse(source);
        if (!target.startsWith("/")) {
          target = base + target;
        }
        MapNode def = Attrs.map(project.section(kind), source);
        if (Attrs.text(def, "file").isEmpty() && Attrs.text(def, "content").isPresent()) {
          int mode = Attrs.text(ref, "mode").map(Mounts::mode).orElse(0444);
          out.add(
              new ContainerSpec.InjectedFile(
                  target,
                  Attrs.text(def, "content")
                      .get()
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                  mode));
        }
      }
    }
    return out;
  }

  /** A file mode as written: {@code 0440} (octal) or {@code 288} (decimal). */
  private static int mode(String text) {
    try {
      return text.startsWith("0o") ? Integer.parseInt(text.substring(2), 8) : Integer.decode(text);
    } catch (NumberFormatException e) {
      return 0444;
    }
  }

  private static List<Mount> files(Project project, Service service, String kind, String base)
      throws BerthException {
    List<Mount> out = new ArrayList<>();
    for (Node n : Attrs.items(service.attributes(), kind)) {
      if (!(n instanceof MapNode ref)) {
        continue;
      }
      String source = Attrs.text(ref, "source").orElse("");
      String target = Attrs.text(ref, "target").orElse(source);
      if (!target.startsWith("/")) {
        target = base + target;
      }
      MapNode def = Attrs.map(project.section(kind), source);
      String file = Attrs.text(def, "file").orElse(null);
      if (file == null && Attrs.text(def, "content").isPresent()) {
        continue; // written into the container after create: see injected()
      }
      if (file == null) {
        String how =
            Attrs.text(def, "content").isPresent()
                ? "content"
                : Attrs.text(def, "environment").isPresent() ? "environment" : "external";
        throw new BerthException(
            ErrorKind.UNSUPPORTED,
            "services."
                + service.name()
                + "."
                + kind
                + ": "
                + kind.substring(0, kind.length() - 1)
                + " \""
                + source
                + "\" comes from "
                + how
                + ", which berth cannot mount yet; use file:");
      }
      out.add(new Mount("bind", file, target, true));
    }
    return out;
  }
}
