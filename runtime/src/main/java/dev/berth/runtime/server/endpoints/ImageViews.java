package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ImageInspectTemplate;
import dev.berth.runtime.api.ImageSummaryTemplate;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.Healthcheck;
import dev.berth.runtime.image.ImageConfig;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.InvalidImageDataException;
import dev.berth.runtime.image.store.ImageDetails;
import dev.berth.runtime.image.store.ImageRecord;
import dev.berth.runtime.image.store.ImageStore;
import dev.berth.runtime.image.wire.ImageJson;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Images as the API shows them: familiar names ({@code busybox:latest}), summaries, inspect. */
final class ImageViews {
  private final ImageStore store;

  ImageViews(ImageStore store) {
    this.store = store;
  }

  /** {@code docker.io/library/busybox:latest} as {@code busybox:latest}. */
  static String familiar(String full) {
    try {
      return ImageReference.parse(full).familiar();
    } catch (InvalidImageDataException e) {
      return full;
    }
  }

  static List<String> familiar(List<String> full) {
    return full.stream().map(ImageViews::familiar).toList();
  }

  /** When the image was built (its config's {@code created}), else when it came here. */
  Instant created(ImageRecord image) throws EngineException {
    return ImageJson.created(store.blobs().read(image.id())).orElse(image.added());
  }

  ImageSummaryTemplate summary(ImageRecord image, ImageConfig config, long containers)
      throws EngineException {
    return new ImageSummaryTemplate(
        image.id().toString(),
        "",
        familiar(image.repoTags()),
        familiar(image.repoDigests()),
        created(image).getEpochSecond(),
        image.size(),
        -1,
        image.size(),
        new TreeMap<>(config.labels()),
        containers);
  }

  ImageInspectTemplate inspect(String name) throws EngineException {
    ImageDetails details = store.inspect(name);
    ImageRecord image = details.record();
    ImageConfig config = details.config();
    return new ImageInspectTemplate(
        image.id().toString(),
        familiar(image.repoTags()),
        familiar(image.repoDigests()),
        "",
        "",
        DateTimeFormatter.ISO_INSTANT.format(created(image)),
        "",
        config(
            new ImageConfig(
                "", "", "", null, null, null, "", "", null, null, null, "", null, List.of())),
        "",
        "",
        config(config),
        config.architecture(),
        config.variant(),
        config.os(),
        image.size(),
        image.size(),
        new ImageInspectTemplate.GraphDriver(
            "overlayfs",
            Map.of(
                "LowerDir",
                details.layerDirs().stream().map(Path::toString).collect(Collectors.joining(":")))),
        new ImageInspectTemplate.RootFs(
            "layers", config.diffIds().stream().map(Digest::toString).toList()),
        new ImageInspectTemplate.Metadata("0001-01-01T00:00:00Z"));
  }

  private static ImageInspectTemplate.Config config(ImageConfig c) {
    return new ImageInspectTemplate.Config(
        "",
        "",
        c.user(),
        false,
        false,
        false,
        emptyObjects(c.exposedPorts()),
        false,
        false,
        false,
        c.env(),
        c.cmd().isEmpty() ? null : c.cmd(),
        healthcheck(c.healthcheck()),
        "",
        emptyObjects(c.volumes()),
        c.workingDir(),
        c.entrypoint().isEmpty() ? null : c.entrypoint(),
        null,
        c.labels().isEmpty() ? null : new TreeMap<>(c.labels()),
        c.stopSignal());
  }

  private static Map<String, Map<String, String>> emptyObjects(java.util.Set<String> keys) {
    if (keys.isEmpty()) {
      return null;
    }
    Map<String, Map<String, String>> map = new LinkedHashMap<>();
    new ArrayList<>(new java.util.TreeSet<>(keys)).forEach(k -> map.put(k, Map.of()));
    return map;
  }

  private static ImageInspectTemplate.Healthcheck healthcheck(Healthcheck h) {
    if (h == null) {
      return null;
    }
    return new ImageInspectTemplate.Healthcheck(
        h.test(),
        h.interval().toNanos(),
        h.timeout().toNanos(),
        h.startPeriod().toNanos(),
        h.startInterval().toNanos(),
        h.retries());
  }
}
