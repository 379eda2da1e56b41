package dev.berth.runtime.build;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.container.ContainerPaths;
import dev.berth.runtime.container.ContainerSpec;
import dev.berth.runtime.container.Containers;
import dev.berth.runtime.container.EngineRoots;
import dev.berth.runtime.container.ImageConfig;
import dev.berth.runtime.container.NetworkAttachment;
import dev.berth.runtime.layer.LayerTarWriter;
import dev.berth.runtime.layer.OverlayDiff;
import dev.berth.runtime.layer.PackedLayer;
import dev.berth.runtime.log.LogQuery;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs each RUN in a berth container (overlay rootfs over the stage's layers, conmon, crun/runc)
 * and packs the container's overlay upper directory into a layer, leaving out what the runtime
 * mounts ({@code /proc}, {@code /sys}, {@code /dev}, {@code /etc/hosts}...).
 *
 * <p>Network: {@code default} and {@code host} share the host's network namespace (egress without a
 * bridge); Docker's classic builder puts RUN on its default bridge instead. {@code none} gets only
 * a loopback interface.
 */
public final class ContainerRunExecutor implements RunExecutor {
  private static final Set<String> RUNTIME_PATHS =
      Set.of("proc", "sys", "dev", "etc/hosts", "etc/hostname", "etc/resolv.conf", ".dockerenv");
  private static final Duration MAX_RUN = Duration.ofHours(24);

  private final Containers containers;
  private final EngineRoots roots;
  private final Path emptyLayer;

  /**
   * @param roots the roots {@code containers} was opened on (the upper dir lives there)
   * @param emptyLayer an empty directory, the rootfs of a RUN on {@code FROM scratch}
   */
  public ContainerRunExecutor(Containers containers, EngineRoots roots, Path emptyLayer) {
    this.containers = containers;
    this.roots = roots;
    this.emptyLayer = emptyLayer;
  }

  @Override
  public Outcome run(RunSpec spec, Listener listener, Path layerFile) throws EngineException {
    String name = "berth-build-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
    ContainerSpec.Builder container =
        ContainerSpec.builder(
                new ImageConfig(
                    spec.env(), List.of(), List.of(), "", "", "", null, Set.of(), Map.of()),
                spec.layers().isEmpty() ? List.of(emptyLayer) : spec.layers())
            .name(name)
            .entrypoint(List.of())
            .command(spec.command())
            .env(spec.env().toArray(String[]::new))
            .user(spec.user())
            .workingDir(spec.workingDir())
            .network(network(spec.networkMode()))
            .shmSizeBytes(spec.shmSize());
    spec.extraHosts().forEach(container::extraHost);
    String id = containers.create(container.build());
    try {
      listener.started(id);
      containers.start(id);
      try {
        containers.followLogs(
            id, new LogQuery(-1, null, null, true), entry -> listener.output(entry.text()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EngineException(ErrorKind.UNAVAILABLE, "build interrupted during RUN");
      }
      int exit = containers.waitFor(id, MAX_RUN);
      if (exit != 0) {
        return new Outcome(id, exit, null);
      }
      Path upper = new ContainerPaths(roots, id, "").stateDir().resolve("upper");
      try (LayerTarWriter out = new LayerTarWriter(layerFile)) {
        new OverlayDiff(RUNTIME_PATHS::contains).write(upper, out);
        PackedLayer layer = out.finish();
        return new Outcome(id, 0, layer);
      } catch (IOException e) {
        throw new EngineException(
            ErrorKind.INTERNAL, "packing the changes of RUN container " + name + ": " + e, e);
      }
    } finally {
      containers.remove(id, true, true);
    }
  }

  private static NetworkAttachment network(String mode) throws EngineException {
    return switch (mode) {
      case "default", "host", "bridge" -> new NetworkAttachment.Host();
      case "none" -> new NetworkAttachment.None();
      default ->
          throw new EngineException(
              ErrorKind.UNSUPPORTED,
              "network mode \"" + mode + "\" for RUN: berth builds support default, host and none");
    };
  }
}
