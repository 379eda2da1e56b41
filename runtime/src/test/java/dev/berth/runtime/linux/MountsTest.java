package dev.berth.runtime.linux;

import static dev.berth.runtime.linux.MountFlags.MS_BIND;
import static dev.berth.runtime.linux.MountFlags.MS_NOSUID;
import static dev.berth.runtime.linux.MountFlags.MS_RDONLY;
import static dev.berth.runtime.linux.MountFlags.MS_REMOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mount/umount2 of tmpfs, binds and overlays on a scratch directory (root). */
class MountsTest {
  private Scratch scratch;

  @BeforeEach
  void createScratch() throws IOException {
    scratch = Scratch.inTmp();
  }

  @AfterEach
  void removeScratch() throws IOException {
    scratch.close();
  }

  @Test
  void mount_tmpfs_isAMountPointUntilUmount2() throws Exception {
    Path target = scratch.tmpfs("tmp");
    Files.writeString(target.resolve("file"), "x");

    assertThat(Scratch.isMountPoint(target)).isTrue();
    Mounts.umount2(target, 0);
    assertThat(Scratch.isMountPoint(target)).isFalse();
    assertThat(target.resolve("file")).doesNotExist();
  }

  @Test
  void bind_thenRemountReadOnly_refusesWritesOnlyThroughTheBind() throws Exception {
    Path source = scratch.dir("source");
    Path target = scratch.mounted(scratch.dir("target"));
    Mounts.bind(source, target, false);
    Mounts.mount(null, target, null, MS_REMOUNT | MS_BIND | MS_RDONLY, null);

    assertThatThrownBy(() -> Files.writeString(target.resolve("file"), "x"))
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining("Read-only file system");
    Files.writeString(source.resolve("file"), "x");
    assertThat(target.resolve("file")).hasContent("x");
  }

  @Test
  void umount2_ofDirectoryThatIsNoMountPoint_throwsEinvalNamingTheCall() throws Exception {
    Path dir = scratch.dir("plain");

    assertThatThrownBy(() -> Mounts.umount2(dir, MountFlags.MNT_DETACH))
        .isInstanceOfSatisfying(
            LinuxException.class,
            e -> {
              assertThat(e.errno()).isEqualTo(Errno.EINVAL);
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
            })
        .hasMessage("umount2(\"" + dir + "\", MNT_DETACH): EINVAL (Invalid argument)");
  }

  @Test
  void mount_ofUnknownFilesystemType_namesEveryArgument() throws Exception {
    Path dir = scratch.mounted(scratch.dir("target"));

    assertThatThrownBy(() -> Mounts.mount("none", dir, "berthnosuchfs", MS_NOSUID, "size=1m"))
        .isInstanceOfSatisfying(
            LinuxException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENODEV))
        .hasMessage(
            "mount(\"none\", \""
                + dir
                + "\", \"berthnosuchfs\", MS_NOSUID, \"size=1m\"): ENODEV (No such device)");
  }

  @Test
  void mount_ofMissingTarget_throwsEnoentAsNotFound() throws Exception {
    Path missing = scratch.root().resolve("missing");

    assertThatThrownBy(() -> Mounts.mount("berth-test", missing, "tmpfs", 0, null))
        .isInstanceOfSatisfying(
            LinuxException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
        .hasMessageStartingWith("mount(\"berth-test\", \"" + missing + "\", \"tmpfs\", 0, NULL)");
  }

  @Test
  void mount_overlayWithWhiteout_hidesTheLowerFile() throws Exception {
    Path layers = scratch.tmpfs("layers");
    Path lower = Files.createDirectories(layers.resolve("lower"));
    Path upper = Files.createDirectories(layers.resolve("upper"));
    Path work = Files.createDirectories(layers.resolve("work"));
    Files.writeString(lower.resolve("kept"), "kept");
    Files.writeString(lower.resolve("gone"), "gone");
    DeviceNodes.whiteout(upper.resolve("gone"));
    Path merged = scratch.mounted(scratch.dir("merged"));

    Mounts.mount("overlay", merged, "overlay", MS_NOSUID, overlayData(lower, upper, work));

    assertThat(merged.resolve("kept")).hasContent("kept");
    assertThat(merged.resolve("gone")).doesNotExist();
    try (var names = Files.list(merged)) {
      assertThat(names.map(p -> p.getFileName().toString())).containsExactly("kept");
    }
    Mounts.umount2(merged, 0);
    assertThat(Scratch.isMountPoint(merged)).isFalse();
  }

  @Test
  void mount_overlayWithOpaqueUpperDir_hidesTheLowerDirContents() throws Exception {
    Path layers = scratch.tmpfs("layers");
    Path lower = Files.createDirectories(layers.resolve("lower"));
    Path upper = Files.createDirectories(layers.resolve("upper"));
    Path work = Files.createDirectories(layers.resolve("work"));
    Files.writeString(Files.createDirectories(lower.resolve("etc")).resolve("old"), "old");
    Path upperEtc = Files.createDirectories(upper.resolve("etc"));
    Files.writeString(upperEtc.resolve("new"), "new");
    Xattrs.lsetxattr(upperEtc, "trusted.overlay.opaque", "y");
    Path merged = scratch.mounted(scratch.dir("merged"));

    Mounts.mount("overlay", merged, "overlay", MS_NOSUID, overlayData(lower, upper, work));

    try (var names = Files.list(merged.resolve("etc"))) {
      assertThat(names.map(p -> p.getFileName().toString())).containsExactly("new");
    }
  }

  private static String overlayData(Path lower, Path upper, Path work) {
    return "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work;
  }
}
