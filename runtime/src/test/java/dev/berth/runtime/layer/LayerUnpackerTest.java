package dev.berth.runtime.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.image.Digest;
import dev.berth.runtime.linux.Xattrs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layer extraction, overlay whiteouts, and hostile tarballs refused. */
class LayerUnpackerTest {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  @TempDir Path tmp;
  private Path layer;
  private Path outside;
  private SpecialFiles special;

  @BeforeEach
  void makeDirs() throws IOException {
    layer = Files.createDirectory(tmp.resolve("layer"));
    outside = Files.createDirectory(tmp.resolve("outside"));
    Files.writeString(outside.resolve("victim"), "untouched");
    special = new LinuxSpecialFiles();
  }

  @Test
  void unpack_keepsModesOwnersTimesAndLinks() throws Exception {
    byte[] tar =
        new TarBuilder()
            .dir("./", 0755)
            .dir("bin", 0755)
            .file(
                "bin/busybox",
                04755,
                "#!busybox".getBytes(StandardCharsets.UTF_8),
                e -> {
                  e.setUserId(1000);
                  e.setGroupId(1001);
                })
            .hardlink("bin/sh", "bin/busybox")
            .symlink("bin/ls", "/bin/busybox")
            .dir("tmp", 01777)
            .node("dev/null", TarConstants.LF_CHR, 0666, 1, 3)
            .node("run/fifo", TarConstants.LF_FIFO, 0600, 0, 0)
            .tar();

    UnpackedLayer result = unpack(tar);

    assertThat(result.diffId()).isEqualTo(Digest.sha256(tar));
    assertThat(result.size()).isEqualTo(tar.length);
    Path busybox = layer.resolve("bin/busybox");
    assertThat(Files.readString(busybox)).isEqualTo("#!busybox");
    assertThat(attr(busybox, "mode") & 07777).isEqualTo(04755);
    assertThat(attr(busybox, "uid")).isEqualTo(1000);
    assertThat(attr(busybox, "gid")).isEqualTo(1001);
    assertThat(Files.getLastModifiedTime(busybox, NOFOLLOW))
        .isEqualTo(FileTime.from(TarBuilder.MTIME));
    assertThat(Files.getLastModifiedTime(layer.resolve("bin"), NOFOLLOW))
        .isEqualTo(FileTime.from(TarBuilder.MTIME));
    assertThat(attr(layer.resolve("bin/sh"), "ino")).isEqualTo(attr(busybox, "ino"));
    assertThat(Files.readSymbolicLink(layer.resolve("bin/ls"))).isEqualTo(Path.of("/bin/busybox"));
    assertThat(attr(layer.resolve("tmp"), "mode") & 07777).isEqualTo(01777);
    assertThat(attr(layer.resolve("dev/null"), "mode") & 0170000).isEqualTo(SpecialFiles.S_IFCHR);
    assertThat(attr(layer.resolve("dev/null"), "rdev")).isEqualTo((1L << 8) | 3);
    assertThat(attr(layer.resolve("run/fifo"), "mode") & 0170000).isEqualTo(SpecialFiles.S_IFIFO);
  }

  @Test
  void unpack_gzipAndZstdAndPlain_giveTheSameDiffIdAndTree() throws Exception {
    TarBuilder b = new TarBuilder().dir("etc", 0755).file("etc/hostname", 0644, "berth\n");
    Digest plain = Digest.sha256(b.tar());

    for (byte[] blob : List.of(b.tar(), b.gzip(), b.zstd())) {
      Path dir = Files.createDirectory(tmp.resolve("l" + blob.length));
      UnpackedLayer r =
          new LayerUnpacker(special, LayerLimits.DEFAULT)
              .unpack(new ByteArrayInputStream(blob), dir, "layer");
      assertThat(r.diffId()).isEqualTo(plain);
      assertThat(Files.readString(dir.resolve("etc/hostname"))).isEqualTo("berth\n");
    }
  }

  @Test
  void unpack_whiteoutFile_becomesCharDevice00() throws Exception {
    unpack(new TarBuilder().dir("etc", 0755).file("etc/.wh.motd", 0, "").tar());

    Path whiteout = layer.resolve("etc/motd");
    assertThat(attr(whiteout, "mode") & 0170000).isEqualTo(SpecialFiles.S_IFCHR);
    assertThat(attr(whiteout, "rdev")).isEqualTo(0L);
    assertThat(layer.resolve("etc/.wh.motd")).doesNotExist();
  }

  @Test
  void unpack_opaqueMarker_setsTheOverlayXattrOnItsDirectory() throws Exception {
    unpack(new TarBuilder().dir("var/cache", 0755).file("var/cache/.wh..wh..opq", 0, "").tar());

    assertThat(Xattrs.lgetxattr(layer.resolve("var/cache"), "trusted.overlay.opaque"))
        .isEqualTo("y".getBytes(StandardCharsets.US_ASCII));
    try (Stream<Path> files = Files.list(layer.resolve("var/cache"))) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void unpack_paxXattrs_areSetOnTheEntry() throws Exception {
    unpack(
        new TarBuilder()
            .file(
                "bin/ping",
                0755,
                new byte[] {1},
                e -> e.addPaxHeader("SCHILY.xattr.user.note", "hi"))
            .tar());

    assertThat(Xattrs.lgetxattr(layer.resolve("bin/ping"), "user.note")).isEqualTo("hi".getBytes());
  }

  @Test
  void evilOverlayXattrsFromTheTar_areIgnored() throws Exception {
    unpack(
        new TarBuilder()
            .file(
                "etc/passwd",
                0644,
                new byte[] {1},
                e -> {
                  e.addPaxHeader("SCHILY.xattr.trusted.overlay.redirect", "/../../outside");
                  e.addPaxHeader("SCHILY.xattr.trusted.overlay.opaque", "y");
                })
            .tar());

    assertThatThrownBy(
            () -> Xattrs.lgetxattr(layer.resolve("etc/passwd"), "trusted.overlay.redirect"))
        .hasMessageContaining("ENODATA");
    assertThatThrownBy(
            () -> Xattrs.lgetxattr(layer.resolve("etc/passwd"), "trusted.overlay.opaque"))
        .hasMessageContaining("ENODATA");
  }

  @Test
  void unpack_libarchiveXattrs_areBase64DecodedSoBinaryValuesSurvive() throws Exception {
    byte[] capability = {
      1, 0, 0, 2, 0, 0x20, 0, 0, 0, 0, 0, 0, (byte) 0x80, (byte) 0xff, 0, 0, 0, 0, 0, 0
    };
    unpack(
        new TarBuilder()
            .file(
                "bin/ping",
                0755,
                new byte[] {1},
                e ->
                    e.addPaxHeader(
                        "LIBARCHIVE.xattr.user.bin%20ary",
                        java.util.Base64.getEncoder().encodeToString(capability)))
            .tar());

    assertThat(Xattrs.lgetxattr(layer.resolve("bin/ping"), "user.bin ary")).isEqualTo(capability);
  }

  @Test
  void unpack_laterEntryReplacesEarlierOne() throws Exception {
    unpack(
        new TarBuilder()
            .file("a", 0644, "first")
            .file("a", 0600, "second")
            .dir("d", 0755)
            .file("d/x", 0644, "x")
            .file("d", 0644, "now a file")
            .tar());

    assertThat(Files.readString(layer.resolve("a"))).isEqualTo("second");
    assertThat(Files.readString(layer.resolve("d"))).isEqualTo("now a file");
  }

  @Test
  void evilDotDotEscape_isRefused() {
    assertRefused(new TarBuilder().file("../outside/victim", 0644, "pwned"), "escapes the layer");
    assertRefused(new TarBuilder().file("a/../../outside/victim", 0644, "x"), "escapes the layer");
  }

  @Test
  void evilAbsolutePath_isRefused() {
    assertRefused(
        new TarBuilder().file(outside.resolve("victim").toString(), 0644, "x"),
        "is an absolute path");
  }

  @Test
  void evilSymlinkEscape_writingThroughTheLink_isRefused() {
    assertRefused(
        new TarBuilder().symlink("link", outside.toString()).file("link/victim", 0644, "pwned"),
        "goes through the symlink \"link\"");
    assertRefused(
        new TarBuilder().symlink("up", "..").file("up/outside/victim", 0644, "pwned"),
        "goes through the symlink \"up\"");
  }

  @Test
  void evilSymlinkEscape_replacingALinkWithAFile_doesNotFollowIt() throws Exception {
    unpack(
        new TarBuilder()
            .symlink("victim", outside.resolve("victim").toString())
            .file("victim", 0644, "replaced")
            .tar());

    assertThat(Files.readString(layer.resolve("victim"))).isEqualTo("replaced");
    assertOutsideUntouched();
  }

  @Test
  void evilHardlinkEscape_isRefused() {
    assertRefused(
        new TarBuilder().hardlink("h", "../outside/victim"), "escapes the layer directory");
    assertRefused(
        new TarBuilder().hardlink("h", outside.resolve("victim").toString()),
        "is an absolute path");
    assertRefused(
        new TarBuilder().symlink("s", outside.toString()).hardlink("h", "s/victim"),
        "goes through the symlink");
    assertRefused(new TarBuilder().hardlink("h", "missing"), "not a file earlier in this layer");
  }

  @Test
  void evilWhiteoutOfParent_isRefused() {
    assertRefused(new TarBuilder().file("a/.wh...", 0, ""), "escapes the layer directory");
  }

  @Test
  void decompressionBomb_isStoppedAtTheByteLimit() throws Exception {
    byte[] zeros = new byte[8 << 20];
    byte[] bomb = new TarBuilder().file("zeros", 0644, zeros, e -> {}).gzip();
    assertThat(bomb.length).isLessThan(64 * 1024);

    assertThatThrownBy(
            () ->
                new LayerUnpacker(special, new LayerLimits(1 << 20, 100))
                    .unpack(new ByteArrayInputStream(bomb), layer, "layer sha256:bomb"))
        .isInstanceOf(HostileLayerException.class)
        .hasMessage(
            "layer sha256:bomb: uncompressed layer exceeds 1048576 bytes (decompression bomb?)");
  }

  @Test
  void entryFlood_isStoppedAtTheEntryLimit() {
    TarBuilder b = new TarBuilder();
    for (int i = 0; i < 20; i++) {
      b.file("f" + i, 0644, "");
    }

    assertThatThrownBy(
            () ->
                new LayerUnpacker(special, new LayerLimits(1 << 20, 10))
                    .unpack(new ByteArrayInputStream(b.tar()), layer, "layer x"))
        .isInstanceOf(HostileLayerException.class)
        .hasMessageContaining("more than 10 entries");
  }

  @Test
  void corruptGzip_isAClearError() {
    byte[] gz = new TarBuilder().file("a", 0644, "x".repeat(1000)).gzip();
    gz[gz.length / 2] ^= 0x55;

    assertThatThrownBy(
            () ->
                new LayerUnpacker(special, LayerLimits.DEFAULT)
                    .unpack(new ByteArrayInputStream(gz), layer, "layer y"))
        .hasMessageStartingWith("layer y: ");
  }

  private UnpackedLayer unpack(byte[] tar) throws Exception {
    return new LayerUnpacker(special, LayerLimits.DEFAULT)
        .unpack(new ByteArrayInputStream(tar), layer, "layer test");
  }

  private void assertRefused(TarBuilder tar, String why) {
    assertThatThrownBy(() -> unpack(tar.tar()))
        .isInstanceOf(HostileLayerException.class)
        .hasMessageStartingWith("layer test: ")
        .hasMessageContaining(why);
    assertOutsideUntouched();
  }

  private void assertOutsideUntouched() {
    try (Stream<Path> files = Files.list(outside);
        Stream<Path> top = Files.list(tmp)) {
      assertThat(files).containsExactly(outside.resolve("victim"));
      assertThat(Files.readString(outside.resolve("victim"))).isEqualTo("untouched");
      assertThat(top).containsExactlyInAnyOrder(layer, outside);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long attr(Path p, String name) throws IOException {
    Map<String, Object> a = Files.readAttributes(p, "unix:" + name, NOFOLLOW);
    return ((Number) a.get(name)).longValue();
  }
}
