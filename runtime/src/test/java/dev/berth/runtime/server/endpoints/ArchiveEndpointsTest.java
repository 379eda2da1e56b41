package dev.berth.runtime.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.container.ContainerStatus;
import dev.berth.runtime.server.DockerCli;
import dev.berth.runtime.server.UnixHttp;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker cp through berthd's socket on real containers: both ways, files and directories. */
class ArchiveEndpointsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ContainerOpsServer server;
  private static DockerCli docker;
  private static Path dir;
  private static Path volume;
  private static String running;
  private static String stopped;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("berth-cp-");
    server = ContainerOpsServer.start(dir.resolve("server"));
    docker = new DockerCli(server.socket, Files.createDirectories(dir.resolve("docker-config")));
    volume = Files.createDirectories(dir.resolve("volume"));
    running = server.run("cp-running", ContainerOpsServer.bind(volume, "/mnt/vol"), "sleep", "600");
    stopped = server.run("cp-stopped", "sh", "-c", "mkdir -p /out && echo done > /out/result.txt");
    server.containers.waitFor(stopped, Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    dev.berth.runtime.state.FileTrees.deleteTree(dir);
  }

  @Test
  void dockerCp_fileIntoAContainer_landsAtThePath() throws Exception {
    Path file = Files.writeString(dir.resolve("hello.txt"), "hello berth\n");

    DockerCli.Result result =
        docker.run(null, "cp", file.toString(), "cp-running:/tmp/greeting.txt");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(server.rootfs(running).resolve("tmp/greeting.txt")).hasContent("hello berth");
  }

  @Test
  void dockerCp_runningContainer_isFrozenOnlyWhileCopying() throws Exception {
    Path freezer =
        Path.of(
            "/sys/fs/cgroup/freezer/berth", "berth-" + running.substring(0, 12), "freezer.state");
    Path file = Files.writeString(dir.resolve("thaw.txt"), "x\n");

    assertThat(docker.run(null, "cp", file.toString(), "cp-running:/tmp/").exitCode()).isZero();
    assertThat(
            docker
                .run(null, "cp", "cp-running:/tmp/thaw.txt", dir.resolve("t2").toString())
                .exitCode())
        .isZero();

    assertThat(server.containers.inspect(running).status()).isEqualTo(ContainerStatus.RUNNING);
    if (Files.exists(freezer)) {
      assertThat(Files.readString(freezer).strip()).isEqualTo("THAWED");
    }
  }

  @Test
  void dockerCp_pausedContainer_staysPaused() throws Exception {
    String paused = server.run("cp-paused", "sleep", "600");
    server.containers.pause(paused);
    Path file = Files.writeString(dir.resolve("paused.txt"), "p\n");

    DockerCli.Result result = docker.run(null, "cp", file.toString(), "cp-paused:/tmp/");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(server.rootfs(paused).resolve("tmp/paused.txt")).hasContent("p");
    assertThat(server.containers.inspect(paused).status()).isEqualTo(ContainerStatus.PAUSED);
  }

  @Test
  void dockerCp_directoryIntoAContainer_copiesTheTree() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("site/assets"));
    Files.writeString(tree.resolve("app.css"), "body{}\n");

    DockerCli.Result result =
        docker.run(null, "cp", dir.resolve("site").toString(), "cp-running:/srv");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(server.rootfs(running).resolve("srv/assets/app.css")).hasContent("body{}");
  }

  @Test
  void dockerCp_fileOutOfAStoppedContainer_copiesIt() throws Exception {
    Path target = dir.resolve("result-copy.txt");

    DockerCli.Result result =
        docker.run(null, "cp", "cp-stopped:/out/result.txt", target.toString());

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(target).hasContent("done");
  }

  @Test
  void dockerCp_directoryOutOfAContainer_copiesTheTree() throws Exception {
    Path target = dir.resolve("etc-copy");

    DockerCli.Result result = docker.run(null, "cp", "cp-running:/data", target.toString());

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(target.resolve("seed.txt")).hasContent("from the image");
  }

  @Test
  void dockerCp_intoABindMount_writesTheHostSource() throws Exception {
    Path file = Files.writeString(dir.resolve("vol.txt"), "to the volume\n");

    DockerCli.Result result = docker.run(null, "cp", file.toString(), "cp-running:/mnt/vol/");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(volume.resolve("vol.txt")).hasContent("to the volume");
  }

  @Test
  void dockerCp_missingPath_failsNamingIt() throws Exception {
    DockerCli.Result result =
        docker.run(null, "cp", "cp-running:/no/such/file", dir.resolve("x").toString());

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("/no/such/file");
  }

  @Test
  void head_statHeader_isBase64JsonWithGoFileMode() throws Exception {
    UnixHttp.Response response =
        UnixHttp.call(
            server.socket, "HEAD", "/containers/" + running + "/archive?path=/data", null);

    assertThat(response.status()).isEqualTo(200);
    JsonNode stat =
        JSON.readTree(Base64.getDecoder().decode(response.header("X-Docker-Container-Path-Stat")));
    assertThat(stat.path("name").asText()).isEqualTo("data");
    assertThat(stat.path("mode").asLong() & (1L << 31)).as("directory bit").isNotZero();
    assertThat(stat.path("mode").asLong() & 0777).isEqualTo(0755);
    assertThat(stat.has("mtime")).isTrue();
    assertThat(stat.path("linkTarget").asText()).isEmpty();
  }

  @Test
  void put_tarEscapingTheContainer_isRefusedAndWritesNothingOutside() throws Exception {
    Path victim = Files.createDirectories(dir.resolve("victim"));
    byte[] tar = tar("../../../../../../../.." + victim + "/pwned.txt");

    UnixHttp.Response response = put("/containers/" + running + "/archive?path=/tmp", tar);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("points outside the target directory");
    assertThat(victim.resolve("pwned.txt")).doesNotExist();
  }

  @Test
  void put_withoutPath_isABadRequest() throws Exception {
    UnixHttp.Response response = put("/containers/" + running + "/archive", tar("a.txt"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("needs a path=");
  }

  @Test
  void get_unknownContainer_isNotFound() throws Exception {
    UnixHttp.Response response =
        UnixHttp.call(server.socket, "GET", "/containers/nope/archive?path=/etc", null);

    assertThat(response.status()).isEqualTo(404);
  }

  private static byte[] tar(String name) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      TarArchiveEntry entry = new TarArchiveEntry(name, true);
      entry.setSize(4);
      tar.putArchiveEntry(entry);
      tar.write("evil".getBytes(StandardCharsets.UTF_8));
      tar.closeArchiveEntry();
    }
    return out.toByteArray();
  }

  private static UnixHttp.Response put(String path, byte[] body) throws Exception {
    String head =
        "PUT "
            + path
            + " HTTP/1.1\r\nHost: berthd\r\nConnection: close\r\n"
            + "Content-Type: application/x-tar\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    try (SocketChannel channel = UnixHttp.connect(server.socket)) {
      var out = Channels.newOutputStream(channel);
      try {
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
      } catch (java.io.IOException e) {
        // the server may answer a bad request (and close) before reading the body: read the answer
      }
      InputStream in = Channels.newInputStream(channel);
      UnixHttp.Response response = UnixHttp.readHead(in);
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new UnixHttp.Response(response.status(), response.headers(), text);
    }
  }
}
