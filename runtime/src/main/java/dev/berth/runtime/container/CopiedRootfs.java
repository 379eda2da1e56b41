package dev.berth.runtime.container;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.oci.ProcessRunner;
import dev.berth.runtime.state.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A rootfs made by copying the layer directories ({@code cp -a}, lowest first; whiteouts are not
 * applied). The stand-in until the overlay mount from the Linux facade is wired in.
 */
public final class CopiedRootfs implements RootfsProvider {
  private final ProcessRunner runner;

  public CopiedRootfs(ProcessRunner runner) {
    this.runner = runner;
  }

  @Override
  public void prepare(List<Path> layers, Path target) throws EngineException {
    try {
      Files.createDirectories(target);
      for (Path layer : layers) {
        ProcessRunner.ProcessResult result =
            runner.run(
                List.of("cp", "-a", layer + "/.", target.toString()),
                Map.of(),
                null,
                Duration.ofMinutes(5));
        if (result.exitCode() != 0) {
          throw new EngineException(
              ErrorKind.INTERNAL,
              "cp -a "
                  + layer
                  + " "
                  + target
                  + ": exit "
                  + result.exitCode()
                  + ": "
                  + result.diagnostic());
        }
      }
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "preparing rootfs " + target + ": " + e, e);
    }
  }

  @Override
  public boolean isPrepared(Path target) {
    return Files.isDirectory(target);
  }

  @Override
  public void release(Path target) throws EngineException {
    try {
      FileTrees.deleteTree(target);
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "removing rootfs " + target + ": " + e, e);
    }
  }
}
