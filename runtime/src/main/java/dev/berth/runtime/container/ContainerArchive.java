package dev.berth.runtime.container;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.state.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * {@code docker cp} on a container's filesystem: stat a path, write it as a tar whose top entry is
 * the path's base name, and extract a tar into a directory. Every path resolves inside the
 * container ({@link ContainerFilesystem}); entries that climb out of the target are refused.
 */
public final class ContainerArchive {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private static final int COPY_BUFFER = 256 * 1024;

  private final ContainerFilesystem fs;
  private final String container;

  public ContainerArchive(ContainerFilesystem fs, String container) {
    this.fs = fs;
    this.container = container;
  }

  /** Stats {@code path} without following a symlink in its last component. */
  public PathStat stat(String path) throws EngineException {
    ContainerFilesystem.Resolved resolved = fs.resolve(path, false);
    Map<String, Object> attributes = attributes(path, resolved.host());
    int mode = (Integer) attributes.get("mode");
    String linkTarget = "";
    if ((mode & 0170000) == 0120000) {
      linkTarget = fs.resolve(resolved.containerPath(), true).containerPath();
    }
    return new PathStat(
        baseName(path),
        (Long) attributes.get("size"),
        PathStat.goMode(mode),
        ((FileTime) attributes.get("lastModifiedTime")).toInstant(),
        linkTarget);
  }

  /** Writes {@code path} as a tar to {@code out}: the path under its base name, then its tree. */
  public void write(String path, OutputStream out) throws EngineException, IOException {
    writeEntries(path, out).finish();
  }

  /**
   * Writes the entries of {@code path}'s tar and flushes them; the returned {@link Ending} writes
   * the end-of-archive marker, so a caller can first thaw the container: a client that has the
   * marker may stop reading before the exchange ends.
   */
  public Ending writeEntries(String path, OutputStream out) throws EngineException, IOException {
    ContainerFilesystem.Resolved resolved = fs.resolve(path, false);
    attributes(path, resolved.host()); // NOT_FOUND before anything is sent
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    String base = baseName(path);
    add(tar, resolved.containerPath(), resolved.host(), base.equals("/") ? "." : base);
    tar.flush();
    return () -> {
      tar.finish();
      tar.flush();
    };
  }

  /** The end of a tar whose entries are written. */
  @FunctionalInterface
  public interface Ending {
    void finish() throws IOException;
  }

  private void add(TarArchiveOutputStream tar, String containerPath, Path host, String name)
      throws IOException {
    Map<String, Object> attributes = Files.readAttributes(host, "unix:*", NOFOLLOW);
    int mode = (Integer) attributes.get("mode");
    int type = mode & 0170000;
    TarArchiveEntry entry;
    if (type == 0040000) {
      entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
    } else if (type == 0120000) {
      entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
      entry.setLinkName(Files.readSymbolicLink(host).toString());
    } else if (type == 0100000) {
      entry = new TarArchiveEntry(name);
      entry.setSize((Long) attributes.get("size"));
    } else {
      return; // devices, fifos and sockets have no content to copy
    }
    entry.setMode(mode & 07777);
    entry.setIds((Integer) attributes.get("uid"), (Integer) attributes.get("gid"));
    entry.setModTime(((FileTime) attributes.get("lastModifiedTime")).toMillis());
    tar.putArchiveEntry(entry);
    if (type == 0100000) {
      try (InputStream in = Files.newInputStream(host, NOFOLLOW)) {
        in.transferTo(tar);
      }
    }
    tar.closeArchiveEntry();
    if (type == 0040000) {
      List<String> children;
      try (Stream<Path> list = Files.list(host)) {
        children = list.map(p -> p.getFileName().toString()).sorted().toList();
      }
      for (String child : children) {
        String childPath = containerPath.equals("/") ? "/" + child : containerPath + "/" + child;
        Path childHost = fs.mountAt(childPath).map(HostMount::source).orElse(host.resolve(child));
        add(tar, childPath, childHost, name.replaceFirst("/+$", "") + "/" + child);
      }
    }
  }

  /**
   * Extracts the tar in {@code in} into the directory {@code path}. With {@code
   * noOverwriteDirNonDir} an entry may not replace a directory with a non-directory or the reverse.
   */
  public void extract(String path, InputStream in, boolean noOverwriteDirNonDir)
      throws EngineException {
    ContainerFilesystem.Resolved dir = fs.resolve(path, true);
    Map<String, Object> attributes = attributes(path, dir.host());
    if (((Integer) attributes.get("mode") & 0170000) != 0040000) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "copy to " + container + ":" + path + ": extraction point is not a directory");
    }
    List<Runnable> directoryTimes = new ArrayList<>();
    try {
      TarArchiveInputStream tar = new TarArchiveInputStream(in);
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        extractEntry(dir.containerPath(), entry, tar, noOverwriteDirNonDir, directoryTimes);
      }
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "copy to " + container + ":" + path + ": " + e.getMessage(),
          e);
    }
    directoryTimes.forEach(Runnable::run);
  }

  private void extractEntry(
      String dir,
      TarArchiveEntry entry,
      InputStream content,
      boolean noOverwriteDirNonDir,
      List<Runnable> directoryTimes)
      throws EngineException, IOException {
    List<String> parts = inside(entry.getName());
    if (parts.isEmpty()) {
      return; // the target directory itself
    }
    String parent = join(dir, parts.subList(0, parts.size() - 1));
    ContainerFilesystem.Resolved parentDir = fs.resolve(parent, true);
    if (parentDir.readOnly()) {
      throw new EngineException(
          ErrorKind.PERMISSION_DENIED,
          "copy to " + container + ":" + parent + ": the file system is read-only");
    }
    Files.createDirectories(parentDir.host());
    Path target = parentDir.host().resolve(parts.get(parts.size() - 1));
    boolean exists = Files.exists(target, NOFOLLOW);
    boolean existingDir = exists && Files.isDirectory(target, NOFOLLOW);
    if (exists && existingDir != entry.isDirectory()) {
      if (noOverwriteDirNonDir) {
        throw new EngineException(
            ErrorKind.CONFLICT,
            "copy to "
                + container
                + ": cannot overwrite "
                + (existingDir ? "directory " : "non-directory ")
                + join(dir, parts)
                + " with "
                + (existingDir ? "non-directory" : "directory"));
      }
      FileTrees.deleteTree(target);
      exists = false;
    } else if (exists && !existingDir) {
      Files.delete(target); // never write through a symlink or into a hard-linked file
      exists = false;
    }
    if (entry.isDirectory()) {
      if (!exists) {
        Files.createDirectory(target);
      }
    } else if (entry.isSymbolicLink()) {
      Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
    } else if (entry.isLink()) {
      Path source = fs.resolve(join(dir, inside(entry.getLinkName())), false).host();
      if (Files.isDirectory(source, NOFOLLOW)) {
        throw hostile(entry, "hard link to a directory");
      }
      try {
        Files.createLink(target, source);
      } catch (NoSuchFileException e) {
        throw hostile(entry, "hard link to a missing file " + entry.getLinkName());
      }
    } else if (entry.isFile()) {
      try (OutputStream file = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
        byte[] buffer = new byte[COPY_BUFFER];
        int n;
        while ((n = content.read(buffer)) >= 0) {
          file.write(buffer, 0, n);
        }
      }
    } else {
      throw new EngineException(
          ErrorKind.UNSUPPORTED,
          "copy to "
              + container
              + ": berthd does not extract device, fifo or socket entries yet ("
              + entry.getName()
              + ")");
    }
    if (!entry.isSymbolicLink()) {
      Files.setAttribute(target, "unix:uid", (int) entry.getLongUserId(), NOFOLLOW);
      Files.setAttribute(target, "unix:gid", (int) entry.getLongGroupId(), NOFOLLOW);
      Files.setAttribute(target, "unix:mode", entry.getMode() & 07777);
      FileTime mtime = FileTime.from(entry.getLastModifiedDate().toInstant());
      if (entry.isDirectory()) {
        directoryTimes.add(() -> setTime(target, mtime));
      } else {
        Files.setLastModifiedTime(target, mtime);
      }
    }
  }

  private static void setTime(Path target, FileTime mtime) {
    try {
      Files.setLastModifiedTime(target, mtime);
    } catch (IOException e) {
      // the content is in place; a directory's time is cosmetic
    }
  }

  /**
   * The components of an entry name below the target, refusing any that climb out of it: a tar from
   * a client is not trusted.
   */
  private List<String> inside(String name) throws EngineException {
    List<String> parts = new ArrayList<>();
    for (String part : ContainerFilesystem.components(name)) {
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          throw new EngineException(
              ErrorKind.INVALID_ARGUMENT,
              "copy to "
                  + container
                  + ": archive entry \""
                  + name
                  + "\" points outside the target directory");
        }
        parts.remove(parts.size() - 1);
      } else {
        parts.add(part);
      }
    }
    return parts;
  }

  private EngineException hostile(TarArchiveEntry entry, String why) {
    return new EngineException(
        ErrorKind.INVALID_ARGUMENT,
        "copy to " + container + ": archive entry \"" + entry.getName() + "\": " + why);
  }

  private Map<String, Object> attributes(String path, Path host) throws EngineException {
    try {
      return Files.readAttributes(host, "unix:*", NOFOLLOW);
    } catch (NoSuchFileException e) {
      throw new EngineException(
          ErrorKind.NOT_FOUND, "could not find the file " + path + " in container " + container);
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.INTERNAL, "stat " + container + ":" + path + ": " + e.getMessage(), e);
    }
  }

  private static String join(String dir, List<String> parts) {
    String base = dir.equals("/") ? "" : dir;
    return parts.isEmpty() ? dir : base + "/" + String.join("/", parts);
  }

  /** The base name Docker gives a copied path: its last component as written. */
  static String baseName(String path) {
    String trimmed = path.replaceFirst("/+$", "");
    if (trimmed.isEmpty()) {
      return "/";
    }
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }
}
