package dev.berth.runtime.layer;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds layer tarballs in tests, including ones no honest tool would write. */
final class TarBuilder {
  static final Instant MTIME = Instant.parse("2021-03-04T05:06:07Z");

  private record Item(TarArchiveEntry entry, byte[] content) {}

  private final List<Item> items = new ArrayList<>();

  TarBuilder dir(String name, int mode) {
    return add(
        new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true), mode, null, e -> {});
  }

  TarBuilder file(String name, int mode, String content) {
    return file(name, mode, content.getBytes(StandardCharsets.UTF_8), e -> {});
  }

  TarBuilder file(String name, int mode, byte[] content, Consumer<TarArchiveEntry> tweak) {
    return add(new TarArchiveEntry(name, true), mode, content, tweak);
  }

  TarBuilder symlink(String name, String target) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
    e.setLinkName(target);
    return add(e, 0777, null, x -> {});
  }

  TarBuilder hardlink(String name, String target) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
    e.setLinkName(target);
    return add(e, 0644, null, x -> {});
  }

  TarBuilder node(String name, byte type, int mode, int major, int minor) {
    TarArchiveEntry e = new TarArchiveEntry(name, type, true);
    e.setDevMajor(major);
    e.setDevMinor(minor);
    return add(e, mode, null, x -> {});
  }

  private TarBuilder add(
      TarArchiveEntry e, int mode, byte[] content, Consumer<TarArchiveEntry> tweak) {
    e.setMode(mode);
    e.setModTime(Date.from(MTIME));
    if (content != null) {
      e.setSize(content.length);
    }
    tweak.accept(e);
    items.add(new Item(e, content));
    return this;
  }

  byte[] tar() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    writeTo(bytes);
    return bytes.toByteArray();
  }

  byte[] gzip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(tar());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  byte[] zstd() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZstdOutputStream z = new ZstdOutputStream(bytes)) {
      z.write(tar());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private void writeTo(OutputStream sink) {
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(sink, "UTF-8")) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Item item : items) {
        out.putArchiveEntry(item.entry);
        if (item.content != null) {
          out.write(item.content);
        }
        out.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
