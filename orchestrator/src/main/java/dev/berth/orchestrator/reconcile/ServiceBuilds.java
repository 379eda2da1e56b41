package dev.berth.orchestrator.reconcile;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.BuildSpec;
import dev.berth.orchestrator.engine.Engine;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.orchestrator.model.SeqNode;
import dev.berth.orchestrator.model.Service;
import dev.berth.orchestrator.model.TaggedNode;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compose's {@code build:}: which services build, under which image name ({@code image:}, else
 * {@code <project>-<service>} as Docker Compose v2 names it), each image built once even when
 * several services share it, the build output reported line by line per service.
 */
public final class ServiceBuilds {
  private final Engine engine;
  private final Progress progress;

  public ServiceBuilds(Engine engine, Progress progress) {
    this.engine = engine;
    this.progress = progress;
  }

  /** Whether {@code s} has a {@code build:} section. */
  public static boolean buildable(Service s) {
    return untag(s.attributes().get("build")) instanceof MapNode;
  }

  /**
   * {@code project} with {@code image: <project>-<service>} given to each service that builds and
   * names no image, so every later step sees the name the build gives it.
   */
  public static Project withImageNames(Project project) {
    MapNode services = project.services();
    boolean changed = false;
    for (Service s : project.serviceList()) {
      if (buildable(s) && s.image().isEmpty()) {
        MapNode named =
            s.attributes()
                .with(
                    "image",
                    ScalarNode.string(project.name() + "-" + s.name(), s.attributes().mark()));
        services = services.with(s.name(), named);
        changed = true;
      }
    }
    return changed
        ? new Project(
            project.name(),
            project.workingDir(),
            project.configFiles(),
            project.tree().with("services", services))
        : project;
  }

  /**
   * Builds the images of {@code selected} (every buildable service when empty; each image once);
   * image name → id.
   */
  public Map<String, String> build(Project project, List<String> selected, BuildOptions options)
      throws BerthException, EngineException {
    Map<String, Service> byImage = new LinkedHashMap<>();
    for (Service s : project.serviceList()) {
      if ((selected.isEmpty() || selected.contains(s.name())) && buildable(s)) {
        byImage.putIfAbsent(image(project, s), s);
      }
    }
    Map<String, String> ids = new LinkedHashMap<>();
    for (var e : byImage.entrySet()) {
      ids.put(e.getKey(), buildOne(project, e.getValue(), e.getKey(), options));
    }
    return ids;
  }

  private String buildOne(Project project, Service s, String image, BuildOptions options)
      throws BerthException, EngineException {
    BuildSpec spec = spec(project, s, image, options);
    progress.event("Image", image, "Building");
    try {
      String id =
          engine.build(
              spec,
              text -> {
                if (!options.quiet()) {
                  text.lines()
                      .filter(l -> !l.isBlank())
                      .forEach(l -> progress.buildOutput(s.name(), l));
                }
              });
      progress.event("Image", image, "Built");
      return id;
    } catch (EngineException e) {
      throw new BerthException(
          e.kind(), "service \"" + s.name() + "\" failed to build: " + e.getMessage());
    }
  }

  /** The image a service runs: {@code image:}, else {@code <project>-<service>}. */
  static String image(Project project, Service s) {
    return s.image().orElse(project.name() + "-" + s.name());
  }

  static BuildSpec spec(Project project, Service s, String image, BuildOptions options)
      throws BerthException {
    MapNode b = (MapNode) untag(s.attributes().get("build"));
    String where = "service \"" + s.name() + "\": build";
    String context = text(b, "context").orElse(".");
    if (context.contains("://") || context.startsWith("git@")) {
      throw new BerthException(
          ErrorKind.UNSUPPORTED,
          where + ": remote context " + context + " is not supported; use a local directory");
    }
    for (String key : List.of("ssh", "secrets", "cache_to", "platforms", "privileged")) {
      if (b.has(key) && !(untag(b.get(key)) instanceof ScalarNode n && n.isNull())) {
        throw new BerthException(
            ErrorKind.UNSUPPORTED, where + "." + key + " is not supported by berth's builder yet");
      }
    }
    Path dir = project.workingDir().resolve(context);
    Map<String, String> args = strings(b, "args");
    args.putAll(options.args());
    List<String> tags = new ArrayList<>();
    tags.add(image);
    tags.addAll(list(b, "tags"));
    Map<String, String> contexts = strings(b, "additional_contexts");
    for (var c : contexts.entrySet()) {
      if (c.getValue().contains("://") || c.getValue().startsWith("docker-image:")) {
        throw new BerthException(
            ErrorKind.UNSUPPORTED,
            where
                + ".additional_contexts."
                + c.getKey()
                + ": only local directories are supported, got "
                + c.getValue());
      }
      c.setValue(dir.resolve(c.getValue()).normalize().toString());
    }
    long shm = text(b, "shm_size").map(Long::parseLong).orElse(0L);
    boolean pull = options.pull() || text(b, "pull").map(Boolean::parseBoolean).orElse(false);
    boolean noCache =
        options.noCache() || text(b, "no_cache").map(Boolean::parseBoolean).orElse(false);
    return new BuildSpec(
        dir,
        text(b, "dockerfile").orElse("Dockerfile"),
        text(b, "dockerfile_inline").orElse(null),
        tags,
        args,
        strings(b, "labels"),
        text(b, "target").orElse(""),
        text(b, "network").orElse(null),
        list(b, "extra_hosts"),
        shm,
        contexts,
        noCache,
        pull);
  }

  private static Node untag(Node n) {
    return n instanceof TaggedNode t ? t.value() : n;
  }

  private static Optional<String> text(MapNode m, String key) {
    return untag(m.get(key)) instanceof ScalarNode s && !s.isNull()
        ? Optional.of(s.text())
        : Optional.empty();
  }

  private static List<String> list(MapNode m, String key) {
    List<String> out = new ArrayList<>();
    if (untag(m.get(key)) instanceof SeqNode seq) {
      for (Node n : seq.items()) {
        if (untag(n) instanceof ScalarNode s && !s.isNull()) {
          out.add(s.text());
        }
      }
    }
    return out;
  }

  /** A mapping of strings; null values (build args without a value, unset) are dropped. */
  private static Map<String, String> strings(MapNode m, String key) {
    Map<String, String> out = new LinkedHashMap<>();
    if (untag(m.get(key)) instanceof MapNode map) {
      map.entries()
          .forEach(
              (k, v) -> {
                if (untag(v) instanceof ScalarNode s && !s.isNull()) {
                  out.put(k, s.text());
                }
              });
    }
    return out;
  }
}
