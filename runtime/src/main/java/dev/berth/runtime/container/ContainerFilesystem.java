package dev.berth.runtime.container;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A container's filesystem seen from the host: its mounted rootfs plus its bind mounts. Container
 * paths resolve the way {@code chroot} would: {@code ..} stops at {@code /} and symlinks, absolute
 * or relative, are followed inside the container, so no path or link leads out of it.
 */
public final class ContainerFilesystem {
  private static final int MAX_LINKS = 40; // as the kernel's ELOOP limit

  private final Path root;
  private final boolean rootReadOnly;
  private final List<HostMount> mounts;

  public ContainerFilesystem(Path root, boolean rootReadOnly, List<HostMount> mounts) {
    this.root = root;
    this.rootReadOnly = rootReadOnly;
    // longest destination first: the innermost mount wins
    this.mounts =
        mounts.stream()
            .sorted(Comparator.comparingInt((HostMount m) -> m.destination().length()).reversed())
            .toList();
  }

  public Path root() {
    return root;
  }

  public List<HostMount> mounts() {
    return mounts;
  }

  /**
   * The host path of {@code containerPath}, following symlinks within the container; the last
   * component's symlink only with {@code followLast}. Missing components resolve literally.
   */
  public Resolved resolve(String containerPath, boolean followLast) throws EngineException {
    Deque<String> todo = new ArrayDeque<>(components(containerPath));
    List<String> done = new ArrayList<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String name = todo.removeFirst();
      if (name.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      done.add(name);
      Path host = hostPath(done);
      boolean last = todo.isEmpty();
      if ((!last || followLast) && Files.isSymbolicLink(host)) {
        if (++links > MAX_LINKS) {
          throw new EngineException(
              ErrorKind.INVALID_ARGUMENT,
              "resolving " + containerPath + ": too many levels of symbolic links");
        }
        String target;
        try {
          target = Files.readSymbolicLink(host).toString();
        } catch (IOException e) {
          throw new EngineException(
              ErrorKind.INTERNAL, "reading link " + containerPath + ": " + e.getMessage(), e);
        }
        done.remove(done.size() - 1);
        if (target.startsWith("/")) {
          done.clear();
        }
        List<String> parts = components(target);
        for (int i = parts.size() - 1; i >= 0; i--) {
          todo.addFirst(parts.get(i));
        }
      }
    }
    String path = "/" + String.join("/", done);
    return new Resolved(path, hostPath(done), readOnly(path));
  }

  /** Where {@code containerPath} (already resolved) is on the host, without following links. */
  public Path hostPath(String containerPath) {
    return hostPath(components(containerPath));
  }

  /**
   * A container path resolved: its canonical form inside, its host path, and if it is read-only.
   */
  public record Resolved(String containerPath, Path host, boolean readOnly) {}

  private Path hostPath(List<String> parts) {
    String path = "/" + String.join("/", parts);
    for (HostMount mount : mounts) {
      String dest = mount.destination();
      if (path.equals(dest)) {
        return mount.source();
      }
      if (path.startsWith(dest.endsWith("/") ? dest : dest + "/")) {
        return mount.source().resolve(path.substring(dest.length()).replaceFirst("^/+", ""));
      }
    }
    return parts.isEmpty() ? root : root.resolve(String.join("/", parts));
  }

  private boolean readOnly(String path) {
    for (HostMount mount : mounts) {
      String dest = mount.destination();
      if (path.equals(dest) || path.startsWith(dest.endsWith("/") ? dest : dest + "/")) {
        return mount.readOnly();
      }
    }
    return rootReadOnly;
  }

  /** The mount whose destination is exactly {@code containerPath}, if any. */
  public Optional<HostMount> mountAt(String containerPath) {
    return mounts.stream().filter(m -> m.destination().equals(containerPath)).findFirst();
  }

  /** The non-empty, non-{@code .} components of a path. */
  static List<String> components(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    return parts;
  }
}
