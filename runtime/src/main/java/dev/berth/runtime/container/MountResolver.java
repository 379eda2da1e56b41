package dev.berth.runtime.container;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.oci.RuntimeSpec;
import dev.berth.runtime.volume.MountRequest;
import dev.berth.runtime.volume.VolumeInfo;
import dev.berth.runtime.volume.VolumeOptions;
import dev.berth.runtime.volume.VolumeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a container's {@link MountRequest}s, plus the image's declared volumes nobody mounted over,
 * into OCI mounts; creates missing bind sources and volumes and fills new volumes.
 */
final class MountResolver {
  private final VolumeStore volumes;

  MountResolver(VolumeStore volumes) {
    this.volumes = volumes;
  }

  /** The resolved mounts and the anonymous volumes created for them. */
  record Resolved(List<RuntimeSpec.Mount> mounts, List<String> anonymousVolumes) {}

  Resolved resolve(List<MountRequest> requests, Set<String> imageVolumes, Path rootfs)
      throws EngineException {
    List<MountRequest> all = new ArrayList<>(requests);
    Set<String> targets = new HashSet<>();
    requests.forEach(r -> targets.add(r.target()));
    for (String declared : imageVolumes.stream().sorted().toList()) {
      if (!targets.contains(declared)) {
        all.add(MountRequest.volume("", declared, false));
      }
    }
    List<RuntimeSpec.Mount> mounts = new ArrayList<>();
    List<String> anonymous = new ArrayList<>();
    try {
      for (MountRequest r : all) {
        mounts.add(mount(r, rootfs, anonymous));
      }
    } catch (EngineException | RuntimeException e) {
      discard(anonymous, e);
      throw e;
    }
    return new Resolved(mounts, anonymous);
  }

  /** Removes anonymous volumes made for a container that will not exist after all. */
  void discard(List<String> anonymous, Exception cause) {
    for (String name : anonymous) {
      try {
        volumes.remove(name);
      } catch (EngineException e) {
        cause.addSuppressed(e);
      }
    }
  }

  private RuntimeSpec.Mount mount(MountRequest r, Path rootfs, List<String> anonymous)
      throws EngineException {
    String mode = r.readOnly() ? "ro" : "rw";
    String propagation = r.propagation().isEmpty() ? "rprivate" : r.propagation();
    switch (r.type()) {
      case BIND:
        Path source = Path.of(r.source());
        if (!source.isAbsolute()) {
          throw new EngineException(
              ErrorKind.INVALID_ARGUMENT, "bind source must be absolute: " + r.source());
        }
        try {
          if (!Files.exists(source)) {
            Files.createDirectories(source);
          }
        } catch (IOException e) {
          throw new EngineException(
              ErrorKind.INTERNAL, "creating bind source " + source + ": " + e.getMessage(), e);
        }
        return new RuntimeSpec.Mount(
            r.target(), "bind", source.toString(), List.of("rbind", mode, propagation));
      case VOLUME:
        String name = r.source();
        Path data;
        if (name.isEmpty()) {
          name = VolumeStore.anonymousName();
          anonymous.add(name);
          data =
              volumes
                  .create(
                      name,
                      Map.of(VolumeInfo.ANONYMOUS_LABEL, "", VolumeInfo.TARGET_LABEL, r.target()),
                      VolumeOptions.NONE)
                  .mountpoint();
        } else {
          data = volumes.create(name);
        }
        volumes.activate(name);
        if (!r.noCopy()) {
          volumes.populate(name, rootfs.resolve(r.target().substring(1)));
        }
        return new RuntimeSpec.Mount(
            r.target(), "bind", data.toString(), List.of("rbind", mode, propagation));
      default:
        List<String> options = new ArrayList<>(List.of("nosuid", "nodev", "noexec"));
        if (r.tmpfsSizeBytes() > 0) {
          options.add("size=" + r.tmpfsSizeBytes());
        }
        if (r.tmpfsMode() > 0) {
          options.add("mode=" + Integer.toOctalString(r.tmpfsMode()));
        }
        return new RuntimeSpec.Mount(r.target(), "tmpfs", "tmpfs", options);
    }
  }
}
