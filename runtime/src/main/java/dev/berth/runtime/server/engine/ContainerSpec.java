package dev.berth.runtime.server.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What to create a container from: image, command, stdio mode, labels, removal on exit. */
public record ContainerSpec(
    Optional<String> name,
    String image,
    List<String> entrypoint,
    List<String> command,
    List<String> env,
    boolean tty,
    boolean openStdin,
    boolean stdinOnce,
    Map<String, String> labels,
    boolean autoRemove) {
  public ContainerSpec {
    Objects.requireNonNull(name, "name");
    if (image == null || image.isBlank()) {
      throw new IllegalArgumentException("a container needs an image");
    }
    entrypoint = List.copyOf(entrypoint);
    command = List.copyOf(command);
    env = List.copyOf(env);
    labels = Map.copyOf(labels);
  }
}
