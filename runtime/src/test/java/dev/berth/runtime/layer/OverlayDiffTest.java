package dev.berth.runtime.layer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.linux.DeviceNodes;
import dev.berth.runtime.linux.Xattrs;
import dev.berth.runtime.state.FileTrees;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An overlay upper dir packed by OverlayDiff and unpacked again by LayerUnpacker. */
class OverlayDiffTest {
  @TempDir Path dir;

  @Test
  void write_upperDir_roundTripsWhiteoutsOpaqueDirsLinksAndModes() throws Exception {
    Path upper = Files.createDirectories(dir.resolve("upper"));
    Files.createDirectories(upper.resolve("etc"));
    Files.writeString(upper.resolve("etc/app.conf"), "conf\n");
    Files.setPosixFilePermissions(
        upper.resolve("etc/app.conf"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
    Files.createLink(upper.resolve("etc/hardlink.conf"), upper.resolve("etc/app.conf"));
    Files.createSymbolicLink(upper.resolve("etc/link"), Path.of("app.conf"));
    DeviceNodes.whiteout(upper.resolve("etc/deleted"));
    Path opaque = Files.createDirectories(upper.resolve("var/cache"));
    Xattrs.lsetxattr(opaque, "trusted.overlay.opaque", "y");
    Files.writeString(opaque.resolve("fresh"), "new\n");
    Files.createDirectories(upper.resolve("proc"));
    Files.writeString(upper.resolve("etc/hosts"), "mount target\n");

    Path blob = dir.resolve("layer.tar.gz");
    PackedLayer packed;
    try (LayerTarWriter out = new LayerTarWriter(blob)) {
      new OverlayDiff(name -> name.equals("proc") || name.equals("etc/hosts")).write(upper, out);
      packed = out.finish();
    }

    assertThat(packed.blobDigest().hex()).isEqualTo(sha256(Files.newInputStream(blob)));
    assertThat(packed.diffId().hex())
        .isEqualTo(sha256(new GZIPInputStream(Files.newInputStream(blob))));
    Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
    try (InputStream in = Files.newInputStream(blob)) {
      UnpackedLayer layer =
          new LayerUnpacker(new LinuxSpecialFiles(), LayerLimits.DEFAULT).unpack(in, unpacked, "t");
      assertThat(layer.diffId()).isEqualTo(packed.diffId());
    }
    assertThat(unpacked.resolve("etc/app.conf")).hasContent("conf");
    assertThat(Files.getPosixFilePermissions(unpacked.resolve("etc/app.conf")))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
    assertThat(Files.readAttributes(unpacked.resolve("etc/hardlink.conf"), "unix:ino"))
        .isEqualTo(Files.readAttributes(unpacked.resolve("etc/app.conf"), "unix:ino"));
    assertThat(Files.readSymbolicLink(unpacked.resolve("etc/link"))).isEqualTo(Path.of("app.conf"));
    Map<String, Object> whiteout =
        Files.readAttributes(
            unpacked.resolve("etc/deleted"), "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
    assertThat((Integer) whiteout.get("mode") & 0170000).isEqualTo(0020000);
    assertThat(whiteout.get("rdev")).isEqualTo(0L);
    assertThat(
            new String(Xattrs.lgetxattr(unpacked.resolve("var/cache"), "trusted.overlay.opaque")))
        .isEqualTo("y");
    assertThat(unpacked.resolve("var/cache/fresh")).hasContent("new");
    assertThat(unpacked.resolve("proc")).doesNotExist();
    assertThat(unpacked.resolve("etc/hosts")).doesNotExist();
    FileTrees.deleteTree(unpacked);
  }

  private static String sha256(InputStream in) throws Exception {
    try (in) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(in.readAllBytes());
      return HexFormat.of().formatHex(md.digest());
    }
  }
}
