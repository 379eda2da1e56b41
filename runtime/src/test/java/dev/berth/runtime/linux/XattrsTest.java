package dev.berth.runtime.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** trusted.* extended attributes on a scratch tmpfs (root). */
class XattrsTest {
  private static final String OPAQUE = "trusted.overlay.opaque";

  private Scratch scratch;
  private Path tmpfs;

  @BeforeEach
  void mountTmpfs() throws Exception {
    scratch = Scratch.inTmp();
    tmpfs = scratch.tmpfs("fs");
  }

  @AfterEach
  void removeScratch() throws IOException {
    scratch.close();
  }

  @Test
  void lsetxattr_trustedOverlayOpaque_readsBackAsY() throws Exception {
    Path dir = Files.createDirectory(tmpfs.resolve("dir"));

    Xattrs.lsetxattr(dir, OPAQUE, "y");

    assertThat(Xattrs.lgetxattr(dir, OPAQUE)).isEqualTo("y".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void lgetxattr_ofMissingAttribute_throwsEnodataNamingThePath() throws Exception {
    Path dir = Files.createDirectory(tmpfs.resolve("dir"));

    assertThatThrownBy(() -> Xattrs.lgetxattr(dir, OPAQUE))
        .isInstanceOfSatisfying(
            LinuxException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENODATA))
        .hasMessageStartingWith("lgetxattr(\"" + dir + "\", \"" + OPAQUE + "\", NULL, 0): ENODATA");
  }

  @Test
  void lsetxattr_onSymlink_setsTheLinkNotItsTarget() throws Exception {
    Path target = Files.createDirectory(tmpfs.resolve("target"));
    Path link = Files.createSymbolicLink(tmpfs.resolve("link"), target);

    Xattrs.lsetxattr(link, OPAQUE, "y");

    assertThat(Xattrs.lgetxattr(link, OPAQUE)).containsExactly('y');
    assertThatThrownBy(() -> Xattrs.lgetxattr(target, OPAQUE)).isInstanceOf(LinuxException.class);
  }

  @Test
  void lsetxattr_withCreateOnExistingAttribute_throwsEexist() throws Exception {
    Path dir = Files.createDirectory(tmpfs.resolve("dir"));
    Xattrs.lsetxattr(dir, OPAQUE, "y");

    assertThatThrownBy(() -> Xattrs.lsetxattr(dir, OPAQUE, new byte[] {'n'}, Xattrs.XATTR_CREATE))
        .isInstanceOfSatisfying(
            LinuxException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EEXIST));
    assertThat(Xattrs.lgetxattr(dir, OPAQUE)).containsExactly('y');
  }

  @Test
  void lgetxattr_ofLargeValue_returnsAllOfIt() throws Exception {
    Path file = Files.createFile(tmpfs.resolve("file"));
    byte[] value = new byte[3000];
    java.util.Arrays.fill(value, (byte) 'v');

    Xattrs.lsetxattr(file, "trusted.berth.test", value, 0);

    assertThat(Xattrs.lgetxattr(file, "trusted.berth.test")).isEqualTo(value);
  }
}
