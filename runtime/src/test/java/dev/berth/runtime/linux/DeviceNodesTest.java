package dev.berth.runtime.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mknod of whiteouts and FIFOs on a scratch directory, and the dev_t encoding (root). */
class DeviceNodesTest {
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
  void mknod_charDevice00_createsWhiteout() throws Exception {
    Path node = scratch.root().resolve("whiteout");

    DeviceNodes.mknod(node, DeviceNodes.S_IFCHR | 0600, DeviceNodes.makedev(0, 0));

    assertThat(type(node)).isEqualTo(DeviceNodes.S_IFCHR);
    assertThat(Files.getAttribute(node, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0L);
    assertThat((int) Files.getAttribute(node, "unix:mode") & 07777).isEqualTo(0600);
  }

  @Test
  void whiteout_createsCharDevice00() throws Exception {
    Path node = scratch.root().resolve("whiteout");

    DeviceNodes.whiteout(node);

    assertThat(type(node)).isEqualTo(DeviceNodes.S_IFCHR);
    assertThat(Files.getAttribute(node, "unix:rdev")).isEqualTo(0L);
  }

  @Test
  void mknod_fifo_createsAFifo() throws Exception {
    Path node = scratch.root().resolve("fifo");

    DeviceNodes.mknod(node, DeviceNodes.S_IFIFO | 0600, 0);

    assertThat(type(node)).isEqualTo(DeviceNodes.S_IFIFO);
  }

  @Test
  void mknod_onExistingPath_throwsEexistAsConflict() throws Exception {
    Path node = Files.createFile(scratch.root().resolve("taken"));

    assertThatThrownBy(() -> DeviceNodes.whiteout(node))
        .isInstanceOfSatisfying(
            LinuxException.class,
            e -> {
              assertThat(e.errno()).isEqualTo(Errno.EEXIST);
              assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT);
            })
        .hasMessage("mknod(\"" + node + "\", 020000, makedev(0, 0)): EEXIST (File exists)");
  }

  @Test
  void makedev_matchesTheKernelsNumberForDevNull() throws Exception {
    assertThat(Files.getAttribute(Path.of("/dev/null"), "unix:rdev"))
        .isEqualTo(DeviceNodes.makedev(1, 3));
  }

  @Test
  void makedev_roundTripsLargeMajorAndMinor() {
    long dev = DeviceNodes.makedev(0x12345, 0xabcdef);

    assertThat(DeviceNodes.major(dev)).isEqualTo(0x12345);
    assertThat(DeviceNodes.minor(dev)).isEqualTo(0xabcdef);
    assertThat(DeviceNodes.makedev(1, 3)).isEqualTo(0x103L);
  }

  private static int type(Path node) throws IOException {
    return (int) Files.getAttribute(node, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
  }
}
