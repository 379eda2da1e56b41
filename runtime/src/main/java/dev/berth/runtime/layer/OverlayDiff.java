package dev.berth.runtime.layer;

import dev.berth.runtime.linux.LinuxException;
import dev.berth.runtime.linux.Xattrs;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Turns an overlayfs upper directory (a container's changes) into layer entries: overlay whiteouts
 * (char 0/0 devices) become {@code .wh.} entries and {@code trusted.overlay.opaque} directories get
 * {@code .wh..wh..opq}. Hard links inside the upper dir stay hard links.
 */
public final class OverlayDiff {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private final Predicate<String> skip;
  private final Map<Object, String> inodes = new HashMap<>();

  /** {@code skip} names relative paths (e.g. {@code etc/hosts}) left out with what is below. */
  public OverlayDiff(Predicate<String> skip) {
    this.skip = skip;
  }

  /** Writes the changes in {@code upper}; returns how many entries were written. */
  public int write(Path upper, LayerTarWriter out) throws IOException {
    return children(upper, "", out);
  }

  private int children(Path dir, String prefix, LayerTarWriter out) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> list = Files.newDirectoryStream(dir)) {
      list.forEach(entries::add);
    }
    entries.sort(null);
    int written = 0;
    for (Path p : entries) {
      String name = prefix + p.getFileName();
      if (!skip.test(name)) {
        written += entry(p, name, out);
      }
    }
    return written;
  }

  private int entry(Path p, String name, LayerTarWriter out) throws IOException {
    Map<String, Object> a = Files.readAttributes(p, "unix:*", NOFOLLOW);
    int mode = (Integer) a.get("mode");
    LayerTarWriter.Meta meta =
        new LayerTarWriter.Meta(
            mode & 07777,
            (Integer) a.get("uid"),
            (Integer) a.get("gid"),
            ((FileTime) a.get("lastModifiedTime")).toInstant());
    int type = mode & 0170000;
    if (type == 0040000) {
      out.directory(name, meta);
      int opaque = 0;
      if (isOpaque(p)) {
        out.opaque(name);
        opaque = 1;
      }
      return 1 + opaque + children(p, name + "/", out);
    }
    if (type == 0020000 && (Long) a.get("rdev") == 0L) {
      out.whiteout(name);
      return 1;
    }
    int nlink = (Integer) a.get("nlink");
    Object inode = a.get("ino") + ":" + a.get("dev");
    if (nlink > 1 && type != 0040000) {
      String first = inodes.putIfAbsent(inode, name);
      if (first != null) {
        out.hardlink(name, first, meta);
        return 1;
      }
    }
    switch (type) {
      case 0100000 -> out.file(name, p, meta);
      case 0120000 -> out.symlink(name, Files.readSymbolicLink(p).toString(), meta);
      case 0020000, 0060000 -> {
        long rdev = (Long) a.get("rdev");
        out.special(
            name,
            type == 0020000 ? TarConstants.LF_CHR : TarConstants.LF_BLK,
            (int) ((rdev >>> 8) & 0xfff),
            (int) ((rdev & 0xff) | ((rdev >>> 12) & 0xfff00)),
            meta);
      }
      case 0010000 -> out.special(name, TarConstants.LF_FIFO, 0, 0, meta);
      default -> {
        return 0; // sockets cannot be stored in a layer
      }
    }
    return 1;
  }

  private static boolean isOpaque(Path dir) {
    try {
      byte[] value = Xattrs.lgetxattr(dir, LayerUnpacker.OPAQUE_XATTR);
      return value != null && value.length == 1 && value[0] == 'y';
    } catch (LinuxException e) {
      return false; // ENODATA: not opaque
    }
  }
}
