package dev.berth.orchestrator.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a build context directory as the tar {@code POST /build} takes, as the Docker CLI does:
 * {@code .dockerignore} (or {@code <Dockerfile>.dockerignore}) applied, the Dockerfile and the
 * ignore file always sent, symbolic links stored as links and never followed.
 */
public final class ContextTar {
  private ContextTar() {}

  /** The ignore rules for {@code dockerfile} (relative to {@code context}, or absolute). */
  public static DockerIgnore ignoreRules(Path context, String dockerfile) throws IOException {
    Path own = context.resolve(dockerfile + ".dockerignore");
    return DockerIgnore.read(Files.isRegularFile(own) ? own : context.resolve(".dockerignore"));
  }

  /** Writes {@code context} minus what {@code ignore} excludes, keeping {@code alwaysSent}. */
  public static void write(
      Path context, DockerIgnore ignore, Set<String> alwaysSent, OutputStream out)
      throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    Files.walkFileTree(
        context,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (dir.equals(context)) {
              return FileVisitResult.CONTINUE;
            }
            String name = relative(context, dir);
            if (ignore.excludes(name)) {
              return ignore.hasExceptions()
                  ? FileVisitResult.CONTINUE
                  : FileVisitResult.SKIP_SUBTREE;
            }
            TarArchiveEntry e = new TarArchiveEntry(name + "/");
            e.setMode(040000 | mode(dir));
            e.setModTime(attrs.lastModifiedTime().toMillis());
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String name = relative(context, file);
            if (ignore.excludes(name) && !alwaysSent.contains(name)) {
              return FileVisitResult.CONTINUE;
            }
            if (attrs.isSymbolicLink()) {
              TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
              e.setLinkName(Files.readSymbolicLink(file).toString());
              e.setModTime(attrs.lastModifiedTime().toMillis());
              tar.putArchiveEntry(e);
              tar.closeArchiveEntry();
            } else if (attrs.isRegularFile()) {
              TarArchiveEntry e = new TarArchiveEntry(name);
              e.setMode(0100000 | mode(file));
              e.setSize(attrs.size());
              e.setModTime(attrs.lastModifiedTime().toMillis());
              tar.putArchiveEntry(e);
              try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                copy(in, tar, attrs.size());
              }
              tar.closeArchiveEntry();
            }
            // sockets, fifos and devices are not part of a context, as with the Docker CLI
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            throw new IOException("cannot read " + file + " in the build context: " + e, e);
          }
        });
    tar.finish();
    tar.flush();
  }

  /** Copies exactly {@code size} bytes, so a file growing while it is sent cannot break the tar. */
  private static void copy(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buf = new byte[64 * 1024];
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        break;
      }
      out.write(buf, 0, n);
      left -= n;
    }
    for (; left > 0; left--) {
      out.write(0);
    }
  }

  private static String relative(Path context, Path p) {
    return context.relativize(p).toString().replace('\\', '/');
  }

  private static int mode(Path p) throws IOException {
    int mode = 0;
    for (PosixFilePermission perm : Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)) {
      mode |= 1 << (8 - perm.ordinal());
    }
    return mode;
  }
}
