package dev.berth.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes layer entries as a byte-for-byte reproducible tar: names sorted, missing parent
 * directories added (0755), one fixed mtime, owner 0:0 by number only, modes as given.
 */
public final class ReproducibleTar {

  /** The mtime of every entry: 2020-01-01T00:00:00Z. */
  public static final Instant MTIME = Instant.parse("2020-01-01T00:00:00Z");

  private ReproducibleTar() {}

  /** The uncompressed tar of {@code entries}. */
  public static byte[] of(List<LayerEntry> entries) {
    TreeMap<String, LayerEntry> byPath = withParents(entries);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      Set<String> written = new HashSet<>();
      for (LayerEntry entry : byPath.values()) {
        if (entry.type() == LayerEntry.Type.HARDLINK && !written.contains(entry.linkTarget())) {
          throw new IllegalArgumentException(
              "hardlink " + entry.path() + " must sort after its target " + entry.linkTarget());
        }
        tar.putArchiveEntry(tarEntry(entry));
        tar.write(entry.content());
        tar.closeArchiveEntry();
        written.add(entry.path());
      }
      tar.finish();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a tar in memory", e);
    }
    return bytes.toByteArray();
  }

  private static TreeMap<String, LayerEntry> withParents(List<LayerEntry> entries) {
    TreeMap<String, LayerEntry> byPath = new TreeMap<>(Comparator.naturalOrder());
    for (LayerEntry entry : entries) {
      if (byPath.put(entry.path(), entry) != null) {
        throw new IllegalArgumentException("two entries for " + entry.path());
      }
    }
    for (LayerEntry entry : List.copyOf(byPath.values())) {
      String path = entry.path();
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        byPath.putIfAbsent(
            path.substring(0, slash), LayerEntry.directory(path.substring(0, slash), 0755));
      }
    }
    return byPath;
  }

  private static TarArchiveEntry tarEntry(LayerEntry entry) {
    TarArchiveEntry tar =
        switch (entry.type()) {
          case DIRECTORY -> new TarArchiveEntry(entry.path() + "/", TarConstants.LF_DIR);
          case FILE -> new TarArchiveEntry(entry.path(), TarConstants.LF_NORMAL);
          case SYMLINK -> new TarArchiveEntry(entry.path(), TarConstants.LF_SYMLINK);
          case HARDLINK -> new TarArchiveEntry(entry.path(), TarConstants.LF_LINK);
        };
    if (entry.linkTarget() != null) {
      tar.setLinkName(entry.linkTarget());
    }
    tar.setMode(entry.mode() | modeType(entry.type()));
    tar.setSize(entry.type() == LayerEntry.Type.FILE ? entry.content().length : 0);
    tar.setLastModifiedTime(FileTime.from(MTIME));
    tar.setIds(0, 0);
    tar.setUserName("");
    tar.setGroupName("");
    return tar;
  }

  private static int modeType(LayerEntry.Type type) {
    return switch (type) {
      case DIRECTORY -> 0040000;
      case SYMLINK -> 0120000;
      case FILE, HARDLINK -> 0100000;
    };
  }
}
