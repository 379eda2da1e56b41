package dev.berth.runtime.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.EngineException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserResolverTest {
  @TempDir Path rootfs;
  private UserResolver resolver;

  @BeforeEach
  void writePasswdAndGroup() throws Exception {
    Files.createDirectories(rootfs.resolve("etc"));
    Files.writeString(
        rootfs.resolve("etc/passwd"),
        "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1001:App:/home/app:/bin/sh\n");
    Files.writeString(
        rootfs.resolve("etc/group"),
        "root:x:0:\napp:x:1001:\nwheel:x:10:root,app\naudio:x:29:app\n");
    resolver = UserResolver.forRootfs(rootfs);
  }

  @Test
  void resolve_empty_isRootWithItsGroups() throws Exception {
    assertThat(resolver.resolve("", List.of()))
        .isEqualTo(new ResolvedUser(0, 0, List.of(10), "/root"));
  }

  @Test
  void resolve_name_takesUidGidHomeAndSupplementaryGroups() throws Exception {
    assertThat(resolver.resolve("app", List.of()))
        .isEqualTo(new ResolvedUser(1000, 1001, List.of(10, 29), "/home/app"));
  }

  @Test
  void resolve_uidColonGroupName_usesThatGroupAndNoSupplementaryOnes() throws Exception {
    assertThat(resolver.resolve("1000:audio", List.of()))
        .isEqualTo(new ResolvedUser(1000, 29, List.of(), "/home/app"));
  }

  @Test
  void resolve_unknownNumericUid_runsWithGidZero() throws Exception {
    assertThat(resolver.resolve("4242", List.of()))
        .isEqualTo(new ResolvedUser(4242, 0, List.of(), "/"));
  }

  @Test
  void resolve_groupAdd_acceptsNamesAndNumbers() throws Exception {
    assertThat(resolver.resolve("4242:4242", List.of("audio", "77")).additionalGids())
        .containsExactly(29, 77);
  }

  @Test
  void resolve_unknownName_failsLikeDocker() {
    assertThatThrownBy(() -> resolver.resolve("nobody", List.of()))
        .isInstanceOf(EngineException.class)
        .hasMessage("unable to find user nobody: no matching entries in passwd file");
  }

  @Test
  void forRootfs_passwdSymlinkedOutOfTheRootfs_isRejected() throws Exception {
    Files.delete(rootfs.resolve("etc/passwd"));
    Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("/etc/passwd"));

    assertThatThrownBy(() -> UserResolver.forRootfs(rootfs))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("outside its rootfs");
  }
}
