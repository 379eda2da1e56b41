package dev.berth.orchestrator.reconcile;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.Engine;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.model.Service;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Makes every service's image present, pulling in parallel what {@code pull_policy} (or {@code
 * --pull}) asks for; the image ids found afterwards, by service.
 */
final class Images {
  private final Engine engine;
  private final Progress progress;
  private final Tasks tasks;

  Images(Engine engine, Progress progress, Tasks tasks) {
    this.engine = engine;
    this.progress = progress;
    this.tasks = tasks;
  }

  /** Service name → image id, building what is missing. */
  Map<String, String> ensure(Project project, String pullOverride)
      throws BerthException, EngineException {
    return ensure(project, pullOverride, BuildOptions.defaults());
  }

  /** Service name → image id; images of {@code build:} sections built as {@code build} says. */
  Map<String, String> ensure(Project project, String pullOverride, BuildOptions build)
      throws BerthException, EngineException {
    Set<String> toPull = new LinkedHashSet<>();
    List<String> toBuild = new java.util.ArrayList<>();
    // each image is asked for once, however many services use it
    Map<String, Optional<String>> known = new HashMap<>();
    for (Service s : project.serviceList()) {
      if (ServiceBuilds.buildable(s)) {
        if (needsBuild(project, s, build.mode())) {
          toBuild.add(s.name());
        }
        continue;
      }
      String image = image(s);
      String policy = pullOverride != null ? pullOverride : policy(s);
      boolean present = idOf(image, known).isPresent();
      switch (policy) {
        case "always" -> toPull.add(image);
        case "never" -> {
          if (!present) {
            throw new BerthException(
                ErrorKind.NOT_FOUND,
                "service \""
                    + s.name()
                    + "\": image "
                    + image
                    + " not found and pull_policy is never");
          }
        }
        case "build" -> {
          if (!present) {
            throw notBuildable(s);
          }
        }
        default -> {
          if (!present) {
            toPull.add(image);
          }
        }
      }
    }
    if (!toBuild.isEmpty()) {
      new ServiceBuilds(engine, progress).build(project, toBuild, build);
    }
    List<CompletableFuture<Void>> pulls =
        toPull.stream()
            .map(
                image ->
                    tasks.<Void>submit(
                        () ->
                            tasks.limited(
                                () -> {
                                  progress.event("Image", image, "Pulling");
                                  engine.pull(image, line -> {});
                                  progress.event("Image", image, "Pulled");
                                  return null;
                                })))
            .toList();
    Tasks.join(CompletableFuture.allOf(pulls.toArray(CompletableFuture[]::new)));
    // what was pulled or built has a new id; the rest is as first found
    known.keySet().removeAll(toPull);
    for (String name : toBuild) {
      known.remove(image(project.service(name).orElseThrow()));
    }
    Map<String, String> ids = new LinkedHashMap<>();
    for (Service s : project.serviceList()) {
      Optional<String> id = idOf(image(s), known);
      if (id.isEmpty()) {
        throw new BerthException(
            ErrorKind.NOT_FOUND, "service \"" + s.name() + "\": image " + image(s) + " not found");
      }
      ids.put(s.name(), id.get());
    }
    return ids;
  }

  private Optional<String> idOf(String image, Map<String, Optional<String>> known)
      throws EngineException {
    Optional<String> id = known.get(image);
    if (id == null) {
      id = engine.imageId(image);
      known.put(image, id);
    }
    return id;
  }

  private boolean needsBuild(Project project, Service s, BuildOptions.Mode mode)
      throws BerthException, EngineException {
    String image = ServiceBuilds.image(project, s);
    boolean present = engine.imageId(image).isPresent();
    if (mode == BuildOptions.Mode.NEVER) {
      if (!present) {
        throw new BerthException(
            ErrorKind.NOT_FOUND,
            "service \""
                + s.name()
                + "\": image "
                + image
                + " not found and --no-build forbids building it");
      }
      return false;
    }
    return mode == BuildOptions.Mode.ALWAYS || "build".equals(policy(s)) || !present;
  }

  private static String image(Service s) throws BerthException {
    Optional<String> image = s.image();
    if (image.isEmpty()) {
      throw notBuildable(s);
    }
    return image.get();
  }

  private static String policy(Service s) {
    return s.attributes().get("pull_policy") instanceof dev.berth.orchestrator.model.ScalarNode n
            && !n.isNull()
        ? n.text()
        : "missing";
  }

  private static BerthException notBuildable(Service s) {
    return new BerthException(
        ErrorKind.INVALID_ARGUMENT,
        "service \""
            + s.name()
            + "\" has no build section to build its image from"
            + (s.image().isEmpty() ? " and no image" : " (pull_policy: build)"));
  }
}
