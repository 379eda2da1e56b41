package dev.berth.runtime.layer;

import dev.berth.runtime.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a layer tarball entry by entry into a gzip file, hashing both the tar (the diff ID) and
 * the gzip stream (the blob digest) on the way. Names are relative ({@code usr/bin/x}); deletions
 * are written as AUFS whiteouts ({@code .wh.name}, {@code .wh..wh..opq}) as the image spec says.
 */
public final class LayerTarWriter implements AutoCloseable {
  private final Path file;
  private final MessageDigest tarHash = Digest.newSha256();
  private final MessageDigest blobHash = Digest.newSha256();
  private final OutputStream fileOut;
  private final GZIPOutputStream gzip;
  private final TarArchiveOutputStream tar;
  private boolean finished;

  /** Metadata of one entry: permission bits (with setuid/setgid/sticky), owner and mtime. */
  public record Meta(int mode, int uid, int gid, Instant mtime) {}

  public LayerTarWriter(Path file) throws IOException {
    this.file = file;
    this.fileOut = Files.newOutputStream(file);
    this.gzip = new GZIPOutputStream(new DigestOutputStream(fileOut, blobHash), 64 * 1024);
    this.tar = new TarArchiveOutputStream(new DigestOutputStream(gzip, tarHash), "UTF-8");
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
  }

  public void directory(String name, Meta meta) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
    put(e, meta);
    tar.closeArchiveEntry();
  }

  /** A regular file with the content of {@code source}. */
  public void file(String name, Path source, Meta meta) throws IOException {
    try (InputStream in = Files.newInputStream(source)) {
      file(name, in, Files.size(source), meta);
    }
  }

  /** A regular file of {@code size} bytes read from {@code content}. */
  public void file(String name, InputStream content, long size, Meta meta) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(size);
    put(e, meta);
    long copied = content.transferTo(tar);
    if (copied != size) {
      throw new IOException(name + ": expected " + size + " bytes, read " + copied);
    }
    tar.closeArchiveEntry();
  }

  public void symlink(String name, String target, Meta meta) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
    e.setLinkName(target);
    put(e, meta);
    tar.closeArchiveEntry();
  }

  /** A hard link to {@code target}, an entry written earlier in this layer. */
  public void hardlink(String name, String target, Meta meta) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK);
    e.setLinkName(target);
    put(e, meta);
    tar.closeArchiveEntry();
  }

  /** A device node or fifo ({@code type} is {@link TarConstants#LF_CHR} and the like). */
  public void special(String name, byte type, int major, int minor, Meta meta) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, type);
    e.setDevMajor(major);
    e.setDevMinor(minor);
    put(e, meta);
    tar.closeArchiveEntry();
  }

  /** Deletes {@code name} from the layers below. */
  public void whiteout(String name) throws IOException {
    int slash = name.lastIndexOf('/');
    String dir = slash < 0 ? "" : name.substring(0, slash + 1);
    TarArchiveEntry e =
        new TarArchiveEntry(dir + LayerUnpacker.WHITEOUT_PREFIX + name.substring(slash + 1));
    put(e, new Meta(0, 0, 0, Instant.EPOCH));
    tar.closeArchiveEntry();
  }

  /** Hides everything the layers below have in directory {@code dir}. */
  public void opaque(String dir) throws IOException {
    String prefix = dir.isEmpty() || dir.endsWith("/") ? dir : dir + "/";
    TarArchiveEntry e = new TarArchiveEntry(prefix + LayerUnpacker.OPAQUE);
    put(e, new Meta(0, 0, 0, Instant.EPOCH));
    tar.closeArchiveEntry();
  }

  /** Ends the tarball and returns what was written. */
  public PackedLayer finish() throws IOException {
    finished = true;
    tar.finish();
    tar.flush();
    gzip.finish();
    fileOut.close();
    return new PackedLayer(
        Digest.fromHash("sha256", tarHash.digest()),
        Digest.fromHash("sha256", blobHash.digest()),
        Files.size(file),
        file);
  }

  private void put(TarArchiveEntry e, Meta meta) throws IOException {
    e.setMode((e.getMode() & ~07777) | (meta.mode() & 07777));
    e.setIds(meta.uid(), meta.gid());
    e.setUserName("");
    e.setGroupName("");
    e.setModTime(java.nio.file.attribute.FileTime.from(meta.mtime()));
    tar.putArchiveEntry(e);
  }

  @Override
  public void close() throws IOException {
    if (!finished) {
      fileOut.close();
    }
  }
}
