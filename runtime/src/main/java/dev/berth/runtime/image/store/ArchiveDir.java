package dev.berth.runtime.image.store;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An image archive unpacked into a private directory: regular files only, names checked, and
 * symlinks (docker-archive links duplicate layers) resolved by name inside the archive.
 */
final class ArchiveDir implements AutoCloseable {
  private final Path dir;
  private final Map<String, String> symlinks = new HashMap<>();
  private final boolean owned;

  private ArchiveDir(Path dir, boolean owned) {
    this.dir = dir;
    this.owned = owned;
  }

  /** An existing directory (an OCI layout on disk); closing leaves it alone. */
  static ArchiveDir of(Path dir) {
    return new ArchiveDir(dir, false);
  }

  /** Extracts a tar stream into {@code temp}, which closing deletes. */
  static ArchiveDir extract(InputStream tar, Path temp) throws IOException, EngineException {
    ArchiveDir a = new ArchiveDir(temp, true);
    try {
      TarArchiveInputStream in = new TarArchiveInputStream(tar, "UTF-8");
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        String name = clean(e.getName());
        if (name.isEmpty() || e.isDirectory()) {
          continue;
        }
        if (e.isSymbolicLink()) {
          String parent = name.contains("/") ? name.substring(0, name.lastIndexOf('/') + 1) : "";
          a.symlinks.put(
              name, e.getLinkName().startsWith("/") ? e.getLinkName() : parent + e.getLinkName());
        } else if (e.isFile()) {
          Path target = temp.resolve(name);
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
      }
    } catch (IOException | EngineException e) {
      a.close();
      throw e;
    }
    return a;
  }

  boolean exists(String name) throws EngineException {
    return Files.isRegularFile(resolve(name));
  }

  /** The file for an archive path, following the archive's own symlinks. */
  Path resolve(String name) throws EngineException {
    String current = clean(name);
    for (int hops = 0; symlinks.containsKey(current); hops++) {
      if (hops > 16) {
        throw invalid("too many symlinks resolving \"" + name + "\"");
      }
      current = clean(normalizeDots(symlinks.get(current)));
    }
    return dir.resolve(current);
  }

  @Override
  public void close() throws IOException {
    if (!owned || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String normalizeDots(String path) {
    java.util.Deque<String> parts = new java.util.ArrayDeque<>();
    for (String p : path.split("/")) {
      if (p.equals("..")) {
        if (!parts.isEmpty()) {
          parts.removeLast();
        }
      } else if (!p.isEmpty() && !p.equals(".")) {
        parts.addLast(p);
      }
    }
    return String.join("/", parts);
  }

  private static String clean(String name) throws EngineException {
    if (name.startsWith("/")) {
      throw invalid("entry \"" + name + "\" is an absolute path");
    }
    StringBuilder out = new StringBuilder();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw invalid("entry \"" + name + "\" escapes the archive with \"..\"");
      }
      out.append(out.length() > 0 ? "/" : "").append(part);
    }
    return out.toString();
  }

  private static EngineException invalid(String why) {
    return new EngineException(ErrorKind.INVALID_ARGUMENT, "image archive: " + why);
  }
}
