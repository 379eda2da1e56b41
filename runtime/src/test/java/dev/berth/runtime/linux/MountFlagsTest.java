package dev.berth.runtime.linux;

import static dev.berth.runtime.linux.MountFlags.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How mount and umount flags read in messages. */
class MountFlagsTest {

  @Test
  void describeMount_namesEachFlagInBitOrder() {
    assertThat(describeMount(MS_REC | MS_BIND)).isEqualTo("MS_BIND|MS_REC");
    assertThat(describeMount(MS_REC | MS_PRIVATE)).isEqualTo("MS_REC|MS_PRIVATE");
    assertThat(describeMount(MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC))
        .isEqualTo("MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC");
  }

  @Test
  void describeMount_ofNoFlags_isZero() {
    assertThat(describeMount(0)).isEqualTo("0");
  }

  @Test
  void describeMount_ofUnknownBits_showsThemInHex() {
    assertThat(describeMount(MS_BIND | (1L << 40))).isEqualTo("MS_BIND|0x10000000000");
  }

  @Test
  void describeUmount_namesDetach() {
    assertThat(describeUmount(MNT_DETACH)).isEqualTo("MNT_DETACH");
    assertThat(describeUmount(MNT_DETACH | UMOUNT_NOFOLLOW))
        .isEqualTo("MNT_DETACH|UMOUNT_NOFOLLOW");
  }
}
