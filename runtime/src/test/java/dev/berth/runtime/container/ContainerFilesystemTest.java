package dev.berth.runtime.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerFilesystemTest {
  @TempDir Path dir;
  private Path root;
  private Path volume;
  private ContainerFilesystem fs;

  @BeforeEach
  void layout() throws Exception {
    root = Files.createDirectories(dir.resolve("rootfs"));
    volume = Files.createDirectories(dir.resolve("volume"));
    Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(root.resolve("data"));
    fs = new ContainerFilesystem(root, false, List.of(new HostMount("/data", volume, true)));
  }

  @Test
  void resolve_dotDotAboveTheRoot_staysAtTheRoot() throws Exception {
    assertThat(fs.resolve("/../../etc", true).host()).isEqualTo(root.resolve("etc"));
  }

  @Test
  void resolve_absoluteSymlink_isFollowedInsideTheContainer() throws Exception {
    Files.createSymbolicLink(root.resolve("escape"), Path.of("/"));

    ContainerFilesystem.Resolved resolved = fs.resolve("/escape/etc", true);

    assertThat(resolved.host()).isEqualTo(root.resolve("etc"));
    assertThat(resolved.containerPath()).isEqualTo("/etc");
  }

  @Test
  void resolve_relativeSymlinkClimbingOut_stopsAtTheRoot() throws Exception {
    Files.createSymbolicLink(root.resolve("etc/up"), Path.of("../../../../.."));

    assertThat(fs.resolve("/etc/up", true).host()).isEqualTo(root);
  }

  @Test
  void resolve_lastSymlinkWithoutFollow_isTheLinkItself() throws Exception {
    Files.createSymbolicLink(root.resolve("etc/link"), Path.of("/data"));

    assertThat(fs.resolve("/etc/link", false).host()).isEqualTo(root.resolve("etc/link"));
    assertThat(fs.resolve("/etc/link", true).host()).isEqualTo(volume);
  }

  @Test
  void resolve_pathInABindMount_isOnTheMountsSourceAndReadOnlyAsMounted() throws Exception {
    ContainerFilesystem.Resolved resolved = fs.resolve("/data/x/y", true);

    assertThat(resolved.host()).isEqualTo(volume.resolve("x/y"));
    assertThat(resolved.readOnly()).isTrue();
    assertThat(fs.resolve("/database", true).host()).isEqualTo(root.resolve("database"));
  }

  @Test
  void resolve_symlinkLoop_isAnError() throws Exception {
    Files.createSymbolicLink(root.resolve("a"), Path.of("/b"));
    Files.createSymbolicLink(root.resolve("b"), Path.of("/a"));

    assertThatThrownBy(() -> fs.resolve("/a/x", true))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("too many levels of symbolic links")
        .extracting(e -> ((EngineException) e).kind())
        .isEqualTo(ErrorKind.INVALID_ARGUMENT);
  }
}
