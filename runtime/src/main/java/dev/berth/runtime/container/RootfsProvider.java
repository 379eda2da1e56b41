package dev.berth.runtime.container;

import dev.berth.runtime.api.EngineException;
import java.nio.file.Path;
import java.util.List;

/** Makes and removes a container's root filesystem from its image's layers. */
public interface RootfsProvider {
  /** Prepares the rootfs at {@code target} from {@code layers}, lowest first. */
  void prepare(List<Path> layers, Path target) throws EngineException;

  /** Whether {@code target} is ready to run from (an overlay mount is gone after a reboot). */
  boolean isPrepared(Path target) throws EngineException;

  /** Removes what {@link #prepare} made at {@code target}. */
  void release(Path target) throws EngineException;
}
