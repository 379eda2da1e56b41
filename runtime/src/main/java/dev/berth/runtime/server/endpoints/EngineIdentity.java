package dev.berth.runtime.server.endpoints;

import java.nio.file.Path;
import java.util.Objects;

/** Which berthd this is: its stable ID, its name (the host's) and its root directory. */
public record EngineIdentity(String id, String name, Path root) {
  public EngineIdentity {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(root, "root");
  }
}
