package dev.berth.runtime.build;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.layer.PackedLayer;
import java.nio.file.Path;

/** Runs a RUN instruction and captures what it changed as a layer. */
public interface RunExecutor {

  /** Hears about one RUN as it happens. */
  interface Listener {
    /** The container that runs the command was created (Docker prints its short ID). */
    void started(String containerId);

    /** One line of the command's output, without its newline. */
    void output(String line);
  }

  /** What a RUN did: its exit code and, when it succeeded, its changes written to a layer. */
  record Outcome(String containerId, int exitCode, PackedLayer layer) {}

  /** Runs {@code spec}; on exit code 0 writes the changes into {@code layerFile}. */
  Outcome run(RunSpec spec, Listener listener, Path layerFile) throws EngineException;
}
