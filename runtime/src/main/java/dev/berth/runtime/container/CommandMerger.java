package dev.berth.runtime.container;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Docker's rule for the process args (moby {@code daemon/commit.go} {@code merge}): an entrypoint
 * override, even an empty one, replaces the image's entrypoint; the image's Cmd is kept only when
 * neither a non-empty entrypoint nor a non-empty Cmd was given. An empty Cmd equals no Cmd.
 */
public final class CommandMerger {
  private CommandMerger() {}

  /** The args to run: entrypoint followed by cmd. */
  public static List<String> merge(
      ImageConfig image, Optional<List<String>> entrypoint, Optional<List<String>> cmd)
      throws EngineException {
    List<String> effectiveEntrypoint;
    List<String> effectiveCmd = cmd.orElse(List.of());
    if (entrypoint.isPresent() && !entrypoint.get().isEmpty()) {
      effectiveEntrypoint = entrypoint.get();
    } else {
      if (effectiveCmd.isEmpty()) {
        effectiveCmd = image.cmd();
      }
      effectiveEntrypoint = entrypoint.isPresent() ? List.of() : image.entrypoint();
    }
    List<String> args = new ArrayList<>(effectiveEntrypoint);
    args.addAll(effectiveCmd);
    if (args.isEmpty()) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, "no command specified");
    }
    return List.copyOf(args);
  }
}
