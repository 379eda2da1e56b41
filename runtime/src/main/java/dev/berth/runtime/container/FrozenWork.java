package dev.berth.runtime.container;

import dev.berth.runtime.api.EngineException;
import java.io.IOException;

/** Work done on a container's files while its processes are frozen (see Containers#whileFrozen). */
@FunctionalInterface
public interface FrozenWork {
  void run() throws EngineException, IOException;
}
