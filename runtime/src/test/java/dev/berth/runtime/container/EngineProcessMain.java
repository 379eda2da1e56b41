package dev.berth.runtime.container;

import dev.berth.runtime.oci.LocalProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * An engine in its own JVM for the kill test: opens the container service on the given roots,
 * starts one container running the given shell script, writes its id to a file, then idles until it
 * is SIGKILLed.
 */
public final class EngineProcessMain {
  private EngineProcessMain() {}

  /** Args: state root, run root, image dir, runtime, id file, script. */
  public static void main(String[] args) throws Exception {
    EngineRoots roots = new EngineRoots(Path.of(args[0]), Path.of(args[1]));
    Containers containers =
        Containers.open(
            ContainersConfig.of(roots, args[3]),
            new LocalProcessRunner(),
            new OverlayRootfs(),
            HostFacts.read(),
            Clock.systemUTC(),
            ContainerEvents.NONE);
    String id =
        containers.create(
            ContainerSpec.builder(ImageConfig.ofCmd("sh"), List.of(Path.of(args[2])))
                .command("sh", "-c", args[5])
                .build());
    containers.start(id);
    Path idFile = Path.of(args[4]);
    Files.writeString(idFile.resolveSibling(idFile.getFileName() + ".tmp"), id);
    Files.move(idFile.resolveSibling(idFile.getFileName() + ".tmp"), idFile);
    Thread.sleep(Long.MAX_VALUE);
  }
}
