package dev.berth.runtime.network.netns;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.linux.LinuxException;
import dev.berth.runtime.linux.Namespaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The directory of berth's network namespace files (default {@code /run/berth/netns}): one bind
 * mount of a namespace per container, created by unshare on a dedicated thread, removed with it.
 */
public final class NetnsDirectory {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
  private final Path root;

  public NetnsDirectory(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** Creates the namespace for {@code id}; CONFLICT when it exists already. */
  public Netns create(String id) throws EngineException {
    Path file = fileFor(id);
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.UNAVAILABLE, "create netns directory " + root + ": " + e.getMessage(), e);
    }
    if (Files.exists(file)) {
      throw new EngineException(ErrorKind.CONFLICT, "create netns " + file + ": it exists already");
    }
    Namespaces.createNetworkNamespace(file);
    return new Netns(id, file);
  }

  /** Removes the namespace file; a missing one is not an error (removal is idempotent). */
  public void remove(Netns netns) throws EngineException {
    if (!Files.exists(netns.file())) {
      return;
    }
    try {
      Namespaces.removeNetworkNamespace(netns.file());
    } catch (LinuxException e) {
      throw new EngineException(e.kind(), "remove netns " + netns.id() + ": " + e.getMessage(), e);
    }
  }

  /** The namespaces present now, e.g. to remove what a crashed engine left behind. */
  public List<Netns> list() throws EngineException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<Netns> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(root)) {
      files.forEach(f -> found.add(new Netns(f.getFileName().toString(), f)));
    } catch (IOException e) {
      throw new EngineException(ErrorKind.UNAVAILABLE, "list " + root + ": " + e.getMessage(), e);
    }
    return found;
  }

  public Path root() {
    return root;
  }

  private Path fileFor(String id) throws EngineException {
    if (!ID.matcher(id).matches()) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "invalid netns id \"" + id + "\": letters, digits, '_', '.', '-', at most 128");
    }
    return root.resolve(id);
  }
}
