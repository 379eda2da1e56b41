package dev.berth.runtime.build;

import dev.berth.runtime.api.CredentialStore;
import dev.berth.runtime.container.ContainerEvents;
import dev.berth.runtime.container.ContainerSpec;
import dev.berth.runtime.container.Containers;
import dev.berth.runtime.container.ContainersConfig;
import dev.berth.runtime.container.EngineRoots;
import dev.berth.runtime.container.HostFacts;
import dev.berth.runtime.container.ImageConfig;
import dev.berth.runtime.container.OverlayRootfs;
import dev.berth.runtime.image.store.ImagePuller;
import dev.berth.runtime.image.store.ImageRecord;
import dev.berth.runtime.image.store.ImageStore;
import dev.berth.runtime.layer.LayerLimits;
import dev.berth.runtime.layer.LinuxSpecialFiles;
import dev.berth.runtime.log.LogEntry;
import dev.berth.runtime.log.LogQuery;
import dev.berth.runtime.oci.LocalProcessRunner;
import dev.berth.runtime.registry.RegistryClient;
import dev.berth.runtime.registry.RegistryConfig;
import dev.berth.runtime.state.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole engine for builder tests under one temp dir: image store, container service (crun if
 * present), the builder with {@link ContainerRunExecutor}. Close it to remove everything.
 */
public final class BuildEngine implements AutoCloseable {
  public final Path root;
  public final ImageStore store;
  public final Containers containers;
  public final Builder builder;
  public final EngineRoots roots;

  public BuildEngine() throws Exception {
    this(LayerLimits.DEFAULT);
  }

  /** An engine whose layers may not grow past {@code limits}. */
  public BuildEngine(LayerLimits limits) throws Exception {
    root = Files.createTempDirectory("berth-build-test-");
    roots = new EngineRoots(root.resolve("state"), root.resolve("run"));
    store = ImageStore.open(root.resolve("images"), new LinuxSpecialFiles(), limits);
    containers =
        Containers.open(
            ContainersConfig.of(roots, "crun"),
            new LocalProcessRunner(),
            new OverlayRootfs(),
            HostFacts.read(),
            Clock.systemUTC(),
            ContainerEvents.NONE);
    Path empty = Files.createDirectories(root.resolve("empty"));
    builder =
        new Builder(
            store,
            new ImagePuller(
                RegistryClient.create(RegistryConfig.defaults(), CredentialStore.NONE), store),
            new ContainerRunExecutor(containers, roots, empty),
            root.resolve("build"));
  }

  /** Builds, collecting the output into {@code output}. */
  public BuildResult build(BuildRequest request, List<String> output) throws Exception {
    return builder.build(request, output::add);
  }

  /** Runs the image's default command (or {@code command}) and returns its output lines. */
  public List<String> run(String image, String... command) throws Exception {
    ImageRecord record = store.get(image);
    var config = store.config(record);
    ImageConfig ic =
        new ImageConfig(
            config.env(),
            config.entrypoint(),
            config.cmd(),
            config.workingDir(),
            config.user(),
            config.stopSignal(),
            null,
            java.util.Set.of(),
            config.labels());
    ContainerSpec.Builder spec = ContainerSpec.builder(ic, store.layerDirs(record));
    if (command.length > 0) {
      spec.command(command);
    }
    String id = containers.create(spec.build());
    try {
      containers.start(id);
      containers.waitFor(id, Duration.ofSeconds(30));
      List<String> lines = new ArrayList<>();
      for (LogEntry e : containers.logs(id, LogQuery.ALL)) {
        lines.add(e.text());
      }
      return lines;
    } finally {
      containers.remove(id, true, true);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      for (String id : containers.list()) {
        containers.remove(id, true, true);
      }
    } finally {
      containers.close();
      FileTrees.deleteTree(root);
    }
  }
}
