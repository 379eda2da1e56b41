package dev.berth.runtime.content;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Blobs by digest under {@code <root>/blobs/<algorithm>/<hex>}, shared by every image. Partial
 * writes live in {@code <root>/ingest} and are never visible under a digest.
 */
public final class BlobStore {
  private final Path blobs;
  private final Path ingest;

  private BlobStore(Path root) {
    this.blobs = root.resolve("blobs");
    this.ingest = root.resolve("ingest");
  }

  /** Opens (creating) a store, discarding ingest files a killed process left behind. */
  public static BlobStore open(Path root) throws IOException {
    BlobStore store = new BlobStore(root);
    Files.createDirectories(store.blobs.resolve("sha256"));
    Files.createDirectories(store.blobs.resolve("sha512"));
    Files.createDirectories(store.ingest);
    try (DirectoryStream<Path> stale = Files.newDirectoryStream(store.ingest)) {
      for (Path p : stale) {
        Files.deleteIfExists(p);
      }
    }
    return store;
  }

  /** Whether the blob is present (it was verified when written). */
  public boolean contains(Digest digest) {
    return Files.isRegularFile(path(digest));
  }

  /** Where the blob lives (whether or not it exists). */
  public Path path(Digest digest) {
    return blobs.resolve(digest.algorithm()).resolve(digest.hex());
  }

  /** The blob's size in bytes. */
  public long size(Digest digest) throws EngineException {
    try {
      return Files.size(path(digest));
    } catch (IOException e) {
      throw notFound(digest, e);
    }
  }

  /** Opens the blob for reading. */
  public InputStream open(Digest digest) throws EngineException {
    try {
      return Files.newInputStream(path(digest));
    } catch (IOException e) {
      throw notFound(digest, e);
    }
  }

  /** Reads a small blob (a manifest or config) fully. */
  public byte[] read(Digest digest) throws EngineException {
    try {
      return Files.readAllBytes(path(digest));
    } catch (IOException e) {
      throw notFound(digest, e);
    }
  }

  /**
   * Starts writing a blob. {@code expectedSize} is checked on commit unless negative. The caller
   * closes the ingest; closing before {@link Ingest#commit()} discards it.
   */
  public Ingest begin(Digest expected, long expectedSize) throws IOException {
    Path temp = ingest.resolve(expected.hex().substring(0, 16) + "-" + UUID.randomUUID());
    return new Ingest(expected, expectedSize, temp, path(expected));
  }

  /** Stores bytes under their sha256 digest and returns it. */
  public Digest put(byte[] content) throws IOException, EngineException {
    Digest digest = Digest.sha256(content);
    put(digest, content);
    return digest;
  }

  /** Stores bytes that must hash to {@code expected}. */
  public void put(Digest expected, byte[] content) throws IOException, EngineException {
    if (contains(expected)) {
      return;
    }
    try (Ingest in = begin(expected, content.length)) {
      in.write(content, 0, content.length);
      in.commit();
    }
  }

  /** Copies a stream into the store, verifying it against {@code expected} and its size. */
  public void write(Digest expected, long expectedSize, InputStream content)
      throws IOException, EngineException {
    try (Ingest in = begin(expected, expectedSize)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = content.read(buffer)) >= 0; ) {
        in.write(buffer, 0, n);
      }
      in.commit();
    }
  }

  /** Removes a blob; false when it was not there. */
  public boolean delete(Digest digest) throws IOException {
    return Files.deleteIfExists(path(digest));
  }

  /** Every blob present. */
  public List<Digest> list() throws IOException {
    List<Digest> out = new ArrayList<>();
    for (String algorithm : List.of("sha256", "sha512")) {
      try (DirectoryStream<Path> dir = Files.newDirectoryStream(blobs.resolve(algorithm))) {
        for (Path p : dir) {
          try {
            out.add(new Digest(algorithm, p.getFileName().toString()));
          } catch (IllegalArgumentException strayFile) {
            // not a blob berth wrote; never listed, so never collected or served
          }
        }
      }
    }
    return out;
  }

  /** Files in the ingest area, i.e. writes in progress or abandoned (for consistency checks). */
  public long ingestsInProgress() throws IOException {
    try (var files = Files.list(ingest)) {
      return files.count();
    }
  }

  private static EngineException notFound(Digest digest, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new EngineException(ErrorKind.NOT_FOUND, "blob " + digest + " is not in the store");
    }
    return new EngineException(ErrorKind.INTERNAL, "cannot read blob " + digest + ": " + e, e);
  }
}
