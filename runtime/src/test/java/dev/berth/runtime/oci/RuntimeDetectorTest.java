package dev.berth.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeDetectorTest {
  @TempDir Path dir;

  @Test
  void hybridWithV2Controllers_seesControllersOnTheUnifiedMount() throws Exception {
    Files.createDirectories(dir.resolve("cg/unified"));
    Files.writeString(dir.resolve("cg/unified/cgroup.controllers"), "hugetlb\n");

    assertThat(new RuntimeDetector(dir.resolve("cg"), dir).hybridWithV2Controllers()).isTrue();
  }

  @Test
  void hybridWithV2Controllers_isFalseWhenTheUnifiedMountHasNone() throws Exception {
    Files.createDirectories(dir.resolve("cg/unified"));
    Files.writeString(dir.resolve("cg/unified/cgroup.controllers"), "\n");

    assertThat(new RuntimeDetector(dir.resolve("cg"), dir).hybridWithV2Controllers()).isFalse();
  }

  @Test
  void hybridWithV2Controllers_isFalseOnPureCgroupV2() throws Exception {
    Files.createDirectories(dir.resolve("cg/unified"));
    Files.writeString(dir.resolve("cg/cgroup.controllers"), "memory pids\n");
    Files.writeString(dir.resolve("cg/unified/cgroup.controllers"), "memory\n");

    assertThat(new RuntimeDetector(dir.resolve("cg"), dir).hybridWithV2Controllers()).isFalse();
  }
}
