package dev.berth.runtime.container;

import java.nio.file.Path;

/**
 * The engine's two roots: persistent state ({@code /var/lib/berth}) and runtime files ({@code
 * /run/berth}); tests point both at a temp dir so engines run side by side.
 */
public record EngineRoots(Path stateRoot, Path runRoot) {
  /** The production defaults. */
  public static EngineRoots defaults() {
    return new EngineRoots(Path.of("/var/lib/berth"), Path.of("/run/berth"));
  }
}
