package dev.berth.orchestrator.reconcile;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.Engine;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.model.Service;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
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

  /** Service name → image id. */
  Map<String, String> ensure(Project project, String pullOverride)
      throws BerthException, EngineException {
    Set<String> toPull = new LinkedHashSet<>();
    for (Service s : project.serviceList()) {
      String image = image(s);
      String policy = pullOverride != null ? pullOverride : policy(s);
      boolean present = engine.imageId(image).isPresent();
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
    Map<String, String> ids = new LinkedHashMap<>();
    for (Service s : project.serviceList()) {
      Optional<String> id = engine.imageId(image(s));
      if (id.isEmpty()) {
        throw new BerthException(
            ErrorKind.NOT_FOUND, "service \"" + s.name() + "\": image " + image(s) + " not found");
      }
      ids.put(s.name(), id.get());
    }
    return ids;
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
        ErrorKind.UNSUPPORTED,
        "service \""
            + s.name()
            + "\" needs its image built (build:), which berth does not support yet;"
            + " build and tag the image first, or give the service an image that exists");
  }
}
