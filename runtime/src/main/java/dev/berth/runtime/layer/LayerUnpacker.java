package dev.berth.runtime.layer;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.state.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts one layer tarball into an empty directory, as an overlayfs lower dir: AUFS whiteouts
 * ({@code .wh.name}, {@code .wh..wh..opq}) become overlay whiteouts (char 0/0) and the {@code
 * trusted.overlay.opaque} xattr; owners, modes, mtimes, xattrs, links and device nodes are kept.
 *
 * <p>Nothing is written outside the directory: names with {@code ..} or a leading {@code /}, paths
 * through symlinks, and hardlinks to outside are refused with a {@link HostileLayerException}.
 */
public final class LayerUnpacker {
  static final String WHITEOUT_PREFIX = ".wh.";
  static final String OPAQUE = ".wh..wh..opq";
  static final String OPAQUE_XATTR = "trusted.overlay.opaque";
  private static final String PAX_XATTR = "SCHILY.xattr.";
  private static final String LIBARCHIVE_XATTR = "LIBARCHIVE.xattr.";
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private final SpecialFiles special;
  private final LayerLimits limits;

  public LayerUnpacker(SpecialFiles special, LayerLimits limits) {
    this.special = special;
    this.limits = limits;
  }

  /**
   * Unpacks a (possibly gzip- or zstd-compressed) layer into {@code dir}, which must be empty.
   *
   * @param what names the layer in errors, e.g. {@code layer sha256:ab12...}
   * @return the diff ID (sha256 of the uncompressed tar) and its size
   */
  public UnpackedLayer unpack(InputStream compressed, Path dir, String what)
      throws IOException, EngineException {
    MessageDigest hasher = Digest.newSha256();
    BoundedHashingInputStream tar =
        new BoundedHashingInputStream(
            Decompression.decompress(compressed), hasher, limits.maxUncompressedBytes());
    try {
      new Extraction(dir, what).run(tar);
      tar.skip(Long.MAX_VALUE); // the diff ID covers the tar's trailing padding too
    } catch (BoundedHashingInputStream.LimitExceeded e) {
      throw new HostileLayerException(what + ": " + e.getMessage() + " (decompression bomb?)");
    } catch (java.util.zip.ZipException | com.github.luben.zstd.ZstdIOException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, what + ": corrupt compressed stream: " + e.getMessage(), e);
    }
    return new UnpackedLayer(Digest.fromHash("sha256", hasher.digest()), tar.count(), dir);
  }

  /** The state of one extraction: which directories are known to be real and whose times wait. */
  private final class Extraction {
    private final Path root;
    private final String what;
    private final Set<String> realDirs = new HashSet<>();
    private final Deque<Runnable> dirTimes = new ArrayDeque<>();
    private long entries;

    Extraction(Path root, String what) {
      this.root = root;
      this.what = what;
    }

    void run(InputStream tar) throws IOException, EngineException {
      TarArchiveInputStream in = new TarArchiveInputStream(tar, "UTF-8");
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        if (++entries > limits.maxEntries()) {
          throw new HostileLayerException(
              what + ": more than " + limits.maxEntries() + " entries (decompression bomb?)");
        }
        extract(e, in);
      }
      while (!dirTimes.isEmpty()) {
        dirTimes.pop().run();
      }
    }

    private void extract(TarArchiveEntry e, InputStream content)
        throws IOException, EngineException {
      String name = LayerPaths.normalize(e.getName(), what);
      if (name.isEmpty()) {
        if (e.isDirectory()) {
          applyMetadata(root, e, true);
        }
        return;
      }
      String parentName = LayerPaths.parent(name);
      String base = LayerPaths.base(name);
      Path parent = ensureRealDir(parentName, e.getName());
      if (base.equals(OPAQUE)) {
        special.lsetxattr(parent, OPAQUE_XATTR, "y".getBytes(StandardCharsets.US_ASCII));
        return;
      }
      if (base.startsWith(OPAQUE.substring(0, 8))) {
        return; // other .wh..wh. metadata (AUFS hardlink dirs) carries nothing for overlay
      }
      if (base.startsWith(WHITEOUT_PREFIX)) {
        Path target = parent.resolve(base.substring(WHITEOUT_PREFIX.length()));
        LayerPaths.checkBase(base.substring(WHITEOUT_PREFIX.length()), e.getName(), what);
        removeExisting(target, LayerPaths.child(parentName, target.getFileName().toString()));
        special.mknod(target, SpecialFiles.S_IFCHR, 0, 0);
        return;
      }
      Path path = parent.resolve(base);
      if (e.isDirectory()) {
        makeDirectory(path, name);
        applyMetadata(path, e, true);
        return;
      }
      removeExisting(path, name);
      if (e.isSymbolicLink()) {
        Files.createSymbolicLink(path, Path.of(e.getLinkName()));
      } else if (e.isLink()) {
        Files.createLink(path, hardlinkTarget(e));
        return; // a hardlink shares its target's inode and metadata
      } else if (isNode(e)) {
        int type =
            e.isCharacterDevice()
                ? SpecialFiles.S_IFCHR
                : e.isBlockDevice() ? SpecialFiles.S_IFBLK : SpecialFiles.S_IFIFO;
        special.mknod(path, type | (e.getMode() & 07777), e.getDevMajor(), e.getDevMinor());
      } else if (e.isFile()) {
        writeFile(path, content);
      } else {
        return; // sockets, GNU sparse metadata and the like are not image content
      }
      applyMetadata(path, e, false);
    }

    private Path ensureRealDir(String name, String entryName) throws IOException, EngineException {
      if (name.isEmpty() || realDirs.contains(name)) {
        return name.isEmpty() ? root : root.resolve(name);
      }
      Path parent = ensureRealDir(LayerPaths.parent(name), entryName);
      Path dir = parent.resolve(LayerPaths.base(name));
      BasicFileAttributes attrs = attributes(dir);
      if (attrs == null) {
        Files.createDirectory(dir);
      } else if (attrs.isSymbolicLink()) {
        throw new HostileLayerException(
            what + ": entry \"" + entryName + "\" goes through the symlink \"" + name + "\"");
      } else if (!attrs.isDirectory()) {
        throw new HostileLayerException(
            what + ": entry \"" + entryName + "\" needs \"" + name + "\" to be a directory");
      }
      realDirs.add(name);
      return dir;
    }

    private void makeDirectory(Path path, String name) throws IOException {
      BasicFileAttributes attrs = attributes(path);
      if (attrs != null && !attrs.isDirectory()) {
        removeExisting(path, name);
        attrs = null;
      }
      if (attrs == null) {
        Files.createDirectory(path);
      }
      realDirs.add(name);
    }

    private Path hardlinkTarget(TarArchiveEntry e) throws IOException, EngineException {
      String target = LayerPaths.normalize(e.getLinkName(), what);
      if (target.isEmpty()) {
        throw new HostileLayerException(
            what + ": hardlink \"" + e.getName() + "\" points at the layer root");
      }
      Path parent = ensureRealDir(LayerPaths.parent(target), e.getName());
      Path path = parent.resolve(LayerPaths.base(target));
      BasicFileAttributes attrs = attributes(path);
      if (attrs == null || attrs.isDirectory()) {
        throw new HostileLayerException(
            what
                + ": hardlink \""
                + e.getName()
                + "\" points at \""
                + e.getLinkName()
                + "\", which is not a file earlier in this layer");
      }
      return path;
    }

    private void removeExisting(Path path, String name) throws IOException {
      BasicFileAttributes attrs = attributes(path);
      if (attrs == null) {
        return;
      }
      if (attrs.isDirectory()) {
        FileTrees.deleteTree(path);
        realDirs.removeIf(d -> d.equals(name) || d.startsWith(name + "/"));
      } else {
        Files.delete(path);
      }
    }

    private void writeFile(Path path, InputStream content) throws IOException {
      try (OutputStream out =
          Files.newOutputStream(
              path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW)) {
        byte[] buffer = new byte[128 * 1024];
        for (int n; (n = content.read(buffer)) >= 0; ) {
          out.write(buffer, 0, n);
        }
      } catch (FileAlreadyExistsException e) {
        throw new IOException("cannot create " + path + ": it exists", e);
      }
    }

    private void applyMetadata(Path path, TarArchiveEntry e, boolean directory)
        throws IOException, EngineException {
      Files.setAttribute(path, "unix:uid", (int) e.getLongUserId(), NOFOLLOW);
      Files.setAttribute(path, "unix:gid", (int) e.getLongGroupId(), NOFOLLOW);
      if (!e.isSymbolicLink()) {
        // chmod by path: path is no symlink, and a no-follow chmod would open() a fifo and hang
        Files.setAttribute(path, "unix:mode", e.getMode() & 07777);
      }
      for (Map.Entry<String, String> h : e.getExtraPaxHeaders().entrySet()) {
        Map.Entry<String, byte[]> xattr = xattr(h.getKey(), h.getValue());
        if (xattr == null || xattr.getKey().startsWith("trusted.overlay.")) {
          // overlay's own attributes (redirect, origin, opaque...) are berth's to set, never a
          // layer's: a hostile one could make the overlay look elsewhere
          continue;
        }
        special.lsetxattr(path, xattr.getKey(), xattr.getValue());
      }
      FileTime mtime = FileTime.from(e.getLastModifiedTime().toInstant());
      Runnable setTime =
          () -> {
            try {
              Files.getFileAttributeView(path, BasicFileAttributeView.class, NOFOLLOW)
                  .setTimes(mtime, mtime, null);
            } catch (IOException ignored) {
              // a time we cannot set is not worth failing a pull for
            }
          };
      if (directory) {
        dirTimes.push(setTime); // children written later would bump it
      } else if (!isNode(e)) {
        setTime.run(); // the JDK sets times through open(), which a fifo blocks and a device obeys
      }
    }
  }

  /**
   * An xattr from a PAX record: {@code SCHILY.xattr.<name>} (GNU tar, Go) carries the value as is,
   * {@code LIBARCHIVE.xattr.<url-encoded name>} (bsdtar) in base64; null for other records.
   */
  static Map.Entry<String, byte[]> xattr(String key, String value) {
    if (key.startsWith(PAX_XATTR)) {
      return Map.entry(key.substring(PAX_XATTR.length()), value.getBytes(StandardCharsets.UTF_8));
    }
    if (key.startsWith(LIBARCHIVE_XATTR)) {
      try {
        return Map.entry(
            java.net.URLDecoder.decode(
                key.substring(LIBARCHIVE_XATTR.length()), StandardCharsets.UTF_8),
            java.util.Base64.getDecoder().decode(value.trim()));
      } catch (IllegalArgumentException malformed) {
        return null;
      }
    }
    return null;
  }

  private static boolean isNode(TarArchiveEntry e) {
    return e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO();
  }

  private static BasicFileAttributes attributes(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }
}
