package dev.berth.orchestrator.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a container's tar stream ({@code cp} out of a container) under a host directory, with the
 * archive's top name replaced by {@code rootName}; entries that would land outside are refused.
 */
public final class TarExtractor {
  private TarExtractor() {}

  /** Extracts {@code tar} into {@code dir}, renaming its top entry to {@code rootName}. */
  public static void extract(InputStream tar, Path dir, String rootName) throws IOException {
    Path base = dir.toAbsolutePath().normalize();
    try (TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
      String top = null;
      TarArchiveEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        String name = entry.getName().replaceFirst("^/+", "");
        String first = name.split("/", 2)[0];
        if (top == null) {
          top = first;
        }
        String rest = name.length() > first.length() ? name.substring(first.length()) : "";
        Path target = base.resolve(rootName + rest).normalize();
        if (!target.startsWith(base)) {
          throw new IOException("archive entry " + entry.getName() + " escapes " + base);
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isSymbolicLink()) {
          Files.deleteIfExists(target);
          Files.createDirectories(target.getParent());
          Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else if (entry.isFile()) {
          Files.createDirectories(target.getParent());
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
