package dev.berth.orchestrator.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A tar archive (POSIX ustar) of files, as {@code PUT /containers/{id}/archive} takes them: how
 * secrets and configs given by {@code content} or {@code environment} reach a container.
 */
public final class FileTar {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Adds a regular file at {@code path} (relative, e.g. {@code run/secrets/token}). */
  public FileTar file(String path, byte[] content, int mode) {
    header(path, content.length, mode, '0');
    out.writeBytes(content);
    pad(content.length);
    return this;
  }

  /** Adds a directory entry. */
  public FileTar directory(String path, int mode) {
    header(path.endsWith("/") ? path : path + "/", 0, mode, '5');
    return this;
  }

  /** The archive, with its two zero end blocks. */
  public byte[] bytes() {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    copy.writeBytes(out.toByteArray());
    copy.writeBytes(new byte[1024]);
    return copy.toByteArray();
  }

  private void header(String path, long size, int mode, char type) {
    byte[] h = new byte[512];
    byte[] name = path.getBytes(StandardCharsets.UTF_8);
    if (name.length > 100) {
      throw new IllegalArgumentException("path too long for a tar header: " + path);
    }
    System.arraycopy(name, 0, h, 0, name.length);
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, 0);
    Arrays.fill(h, 148, 156, (byte) ' ');
    h[156] = (byte) type;
    System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    h[155] = ' ';
    out.writeBytes(h);
  }

  private static void octal(byte[] h, int offset, int length, long value) {
    String s = Long.toOctalString(value);
    String padded = "0".repeat(Math.max(0, length - 1 - s.length())) + s;
    byte[] b = padded.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, offset, Math.min(b.length, length - 1));
    h[offset + length - 1] = 0;
  }

  private void pad(long size) {
    int rest = (int) (size % 512);
    if (rest != 0) {
      out.writeBytes(new byte[512 - rest]);
    }
  }
}
