package dev.berth.bench;

import dev.berth.runtime.build.BuildRequest;
import dev.berth.runtime.build.BuildResult;
import dev.berth.runtime.build.Builder;
import dev.berth.runtime.build.ContainerRunExecutor;
import dev.berth.runtime.container.ContainerEvents;
import dev.berth.runtime.container.Containers;
import dev.berth.runtime.container.ContainersConfig;
import dev.berth.runtime.container.EngineRoots;
import dev.berth.runtime.container.HostFacts;
import dev.berth.runtime.container.OverlayRootfs;
import dev.berth.runtime.image.store.ImageStore;
import dev.berth.runtime.layer.LayerLimits;
import dev.berth.runtime.layer.LinuxSpecialFiles;
import dev.berth.runtime.oci.LocalProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Builds one context with berth's builder into a fresh engine root: a cold build, then warm
 * rebuilds with nothing changed; prints the times, for bench/build-bench.sh.
 */
public final class BuildBench {
  private BuildBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: BuildBench <context dir> <empty engine root> <warm runs>");
      System.exit(2);
    }
    Path context = Path.of(args[0]);
    Path root = Path.of(args[1]);
    EngineRoots roots = new EngineRoots(root.resolve("state"), root.resolve("run"));
    ImageStore store =
        ImageStore.open(root.resolve("images"), new LinuxSpecialFiles(), LayerLimits.DEFAULT);
    try (Containers containers =
        Containers.open(
            ContainersConfig.of(roots, "crun"),
            new LocalProcessRunner(),
            new OverlayRootfs(),
            HostFacts.read(),
            Clock.systemUTC(),
            ContainerEvents.NONE)) {
      Path empty = Files.createDirectories(root.resolve("empty"));
      Builder builder =
          new Builder(
              store,
              null,
              new ContainerRunExecutor(containers, roots, empty),
              root.resolve("build"));
      BuildRequest request = BuildRequest.of(context, "berth-bench-build:latest");
      long start = System.nanoTime();
      BuildResult cold = builder.build(request, text -> {});
      System.out.println(
          "berth-cold-ms " + (System.nanoTime() - start) / 1_000_000 + " steps " + cold.steps());
      for (int i = 0; i < Integer.parseInt(args[2]); i++) {
        start = System.nanoTime();
        BuildResult warm = builder.build(request, text -> {});
        System.out.println(
            "berth-warm-ms "
                + (System.nanoTime() - start) / 1_000_000
                + " cached "
                + warm.cachedSteps()
                + " same-image "
                + warm.imageId().equals(cold.imageId()));
      }
    }
  }
}
