package dev.berth.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTarTest {

  @Test
  void bytes_isAnArchiveGnuTarExtracts(@TempDir Path dir) throws Exception {
    byte[] tar =
        new FileTar()
            .directory("run/", 0755)
            .directory("run/secrets/", 0755)
            .file("run/secrets/token", "tok\n".getBytes(StandardCharsets.UTF_8), 0440)
            .bytes();
    Path archive = dir.resolve("a.tar");
    Files.write(archive, tar);
    Path out = Files.createDirectory(dir.resolve("out"));
    Process p = new ProcessBuilder("tar", "-xf", archive.toString(), "-C", out.toString()).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes())).isZero();
    Path token = out.resolve("run/secrets/token");
    assertThat(Files.readString(token)).isEqualTo("tok\n");
    assertThat(Files.getPosixFilePermissions(token))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.GROUP_READ);
  }

  @Test
  void parse_splitsRepositoryAndTag_asImagesCreateWantsThem() {
    assertThat(ImageName.parse("127.0.0.1:5000/busybox:1.36"))
        .isEqualTo(new ImageName("127.0.0.1:5000/busybox", "1.36"));
    assertThat(ImageName.parse("127.0.0.1:5000/busybox"))
        .isEqualTo(new ImageName("127.0.0.1:5000/busybox", "latest"));
    assertThat(ImageName.parse("busybox@sha256:abc"))
        .isEqualTo(new ImageName("busybox", "sha256:abc"));
  }
}
