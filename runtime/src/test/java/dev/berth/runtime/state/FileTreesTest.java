package dev.berth.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.linux.MountFlags;
import dev.berth.runtime.linux.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
  @TempDir Path dir;

  @Test
  void deleteTree_removesNestedFilesButNotWhatSymlinksPointTo() throws IOException {
    Path outside = Files.writeString(dir.resolve("outside.txt"), "keep");
    Path tree = Files.createDirectories(dir.resolve("tree/a/b"));
    Files.writeString(tree.resolve("file"), "x");
    Files.createSymbolicLink(dir.resolve("tree/a/link"), outside);
    Files.createSymbolicLink(dir.resolve("tree/dirlink"), dir);

    FileTrees.deleteTree(dir.resolve("tree"));

    assertThat(dir.resolve("tree")).doesNotExist();
    assertThat(outside).hasContent("keep");
  }

  @Test
  void deleteTree_ofAMissingDirectory_doesNothing() throws IOException {
    FileTrees.deleteTree(dir.resolve("absent"));

    assertThat(dir.resolve("absent")).doesNotExist();
  }

  @Test
  void deleteTree_refusesToEmptyAMountBelowIt() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Path mountPoint = Files.createDirectories(tree.resolve("mounted"));
    Mounts.mount("tmpfs", mountPoint, "tmpfs", 0, "size=1m");
    try {
      Files.writeString(mountPoint.resolve("precious"), "host data");

      assertThatThrownBy(() -> FileTrees.deleteTree(tree))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("mount point")
          .hasMessageContaining(mountPoint.toString());
      assertThat(mountPoint.resolve("precious")).hasContent("host data");
    } finally {
      Mounts.umount2(mountPoint, MountFlags.MNT_DETACH);
    }
    FileTrees.deleteTree(tree);
    assertThat(tree).doesNotExist();
  }
}
