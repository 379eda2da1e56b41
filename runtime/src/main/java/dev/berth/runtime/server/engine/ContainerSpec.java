package dev.berth.runtime.server.engine;

import dev.berth.runtime.api.ContainerCreateTemplate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to create a container from: image, command, stdio mode, labels, removal on exit, and the
 * whole create request ({@code request}) for everything else the engine honours (host config,
 * networks, mounts...), which it keeps to echo in inspect.
 */
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
    boolean autoRemove,
    ContainerCreateTemplate request) {
  public ContainerSpec {
    Objects.requireNonNull(name, "name");
    if (image == null || image.isBlank()) {
      throw new IllegalArgumentException("a container needs an image");
    }
    entrypoint = List.copyOf(entrypoint);
    command = List.copyOf(command);
    env = List.copyOf(env);
    labels = Map.copyOf(labels);
    Objects.requireNonNull(request, "request");
  }

  /** A spec whose request holds just these fields. */
  public ContainerSpec(
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
    this(
        name,
        image,
        entrypoint,
        command,
        env,
        tty,
        openStdin,
        stdinOnce,
        labels,
        autoRemove,
        new ContainerCreateTemplate(
            null,
            null,
            null,
            false,
            false,
            false,
            null,
            tty,
            openStdin,
            stdinOnce,
            env,
            command,
            null,
            image,
            null,
            null,
            entrypoint.isEmpty() ? null : entrypoint,
            labels,
            null,
            null,
            ContainerCreateTemplate.HostConfig.autoRemoving(autoRemove),
            null));
  }
}
