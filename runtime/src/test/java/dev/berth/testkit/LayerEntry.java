package dev.berth.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One entry of a test layer's tar: a directory, a regular file, a symlink or a hardlink, with a
 * relative path such as {@code bin/sh}; whiteouts are the empty files OCI names {@code .wh.*}.
 */
public record LayerEntry(Type type, String path, int mode, byte[] content, String linkTarget) {

  /** The tar entry types test layers use. */
  public enum Type {
    DIRECTORY,
    FILE,
    SYMLINK,
    HARDLINK
  }

  public LayerEntry {
    Objects.requireNonNull(type);
    if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
      throw new IllegalArgumentException(
          "layer paths are relative, without '/' at the ends: \"" + path + "\"");
    }
    content = content == null ? new byte[0] : content.clone();
  }

  public static LayerEntry directory(String path, int mode) {
    return new LayerEntry(Type.DIRECTORY, path, mode, null, null);
  }

  public static LayerEntry file(String path, int mode, byte[] content) {
    return new LayerEntry(Type.FILE, path, mode, content, null);
  }

  public static LayerEntry file(String path, int mode, String content) {
    return file(path, mode, content.getBytes(StandardCharsets.UTF_8));
  }

  public static LayerEntry symlink(String path, String target) {
    return new LayerEntry(Type.SYMLINK, path, 0777, null, target);
  }

  /** A hardlink at {@code path} to {@code target}, a file an earlier entry of the same tar. */
  public static LayerEntry hardlink(String path, String target) {
    return new LayerEntry(Type.HARDLINK, path, 0644, null, target);
  }

  /** The OCI whiteout that deletes {@code path} of a lower layer: {@code dir/.wh.name}. */
  public static LayerEntry whiteout(String path) {
    int slash = path.lastIndexOf('/');
    return file(path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1), 0644, "");
  }

  /** The OCI opaque marker that hides everything lower layers put in {@code dir}. */
  public static LayerEntry opaque(String dir) {
    return file(dir + "/.wh..wh..opq", 0644, "");
  }

  /** The content of a regular file (a copy). */
  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LayerEntry that
        && type == that.type
        && path.equals(that.path)
        && mode == that.mode
        && java.util.Arrays.equals(content, that.content)
        && Objects.equals(linkTarget, that.linkTarget);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, path, mode, java.util.Arrays.hashCode(content), linkTarget);
  }

  @Override
  public String toString() {
    return type + " " + path + (linkTarget == null ? "" : " -> " + linkTarget);
  }
}
