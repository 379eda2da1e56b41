package dev.berth.runtime.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.server.DockerCli;
import dev.berth.runtime.server.ResourceServer;
import dev.berth.runtime.server.UnixHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /volumes} over berthd's socket, with the real volume store and the docker CLI. */
class VolumeEndpointsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private ResourceServer server;
  private DockerCli docker;

  @BeforeEach
  void start() throws Exception {
    server = ResourceServer.start(dir);
    docker = new DockerCli(server.socket, Files.createDirectories(dir.resolve("cli")));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private JsonNode json(UnixHttp.Response response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Test
  void create_withLabels_isInspectedWithMountpointCreatedAtAndScope() throws Exception {
    UnixHttp.Response created =
        UnixHttp.call(
            server.socket,
            "POST",
            "/v1.44/volumes/create",
            "{\"Name\":\"db\",\"Labels\":{\"tier\":\"data\"}}");

    assertThat(created.status()).isEqualTo(201);
    JsonNode volume = json(UnixHttp.call(server.socket, "GET", "/volumes/db", null));
    assertThat(volume.get("Name").asText()).isEqualTo("db");
    assertThat(volume.get("Driver").asText()).isEqualTo("local");
    assertThat(volume.get("Scope").asText()).isEqualTo("local");
    assertThat(volume.get("Labels").get("tier").asText()).isEqualTo("data");
    assertThat(volume.get("Mountpoint").asText())
        .isEqualTo(dir.resolve("volumes/db/_data").toString());
    assertThat(volume.get("CreatedAt").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(Path.of(volume.get("Mountpoint").asText())).isDirectory();
  }

  @Test
  void create_withoutName_makesAnAnonymousVolumeThatPruneRemoves() throws Exception {
    String name =
        json(UnixHttp.call(server.socket, "POST", "/volumes/create", "{}")).get("Name").asText();
    UnixHttp.call(server.socket, "POST", "/volumes/create", "{\"Name\":\"kept\"}");

    JsonNode pruned = json(UnixHttp.call(server.socket, "POST", "/volumes/prune", null));

    assertThat(name).matches("[0-9a-f]{64}");
    assertThat(pruned.get("VolumesDeleted")).extracting(JsonNode::asText).containsExactly(name);
    assertThat(server.volumes.exists("kept")).isTrue();
  }

  @Test
  void create_withAnotherDriverOrUnknownOption_isA400NamingIt() throws Exception {
    UnixHttp.Response driver =
        UnixHttp.call(
            server.socket, "POST", "/volumes/create", "{\"Name\":\"x\",\"Driver\":\"nfs\"}");
    UnixHttp.Response option =
        UnixHttp.call(
            server.socket,
            "POST",
            "/volumes/create",
            "{\"Name\":\"x\",\"DriverOpts\":{\"type\":\"ext4\",\"device\":\"/dev/sdz\"}}");
    UnixHttp.Response missing =
        UnixHttp.call(
            server.socket,
            "POST",
            "/volumes/create",
            "{\"Name\":\"x\",\"DriverOpts\":{\"type\":\"tmpfs\"}}");

    assertThat(driver.status()).isEqualTo(400);
    assertThat(driver.body()).contains("nfs");
    assertThat(option.status()).isEqualTo(400);
    assertThat(option.body()).contains("ext4");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("missing required option: \\\"device\\\"");
    assertThat(server.volumes.exists("x")).isFalse();
  }

  @Test
  void aTmpfsVolume_isMountedWhenActivatedAndUnmountedOnRemoval() throws Exception {
    UnixHttp.Response created =
        UnixHttp.call(
            server.socket,
            "POST",
            "/volumes/create",
            "{\"Name\":\"scratch\",\"DriverOpts\":{\"type\":\"tmpfs\",\"device\":\"tmpfs\",\"o\":\"size=1m\"}}");
    assertThat(created.status()).isEqualTo(201);
    Path data = dir.resolve("volumes/scratch/_data");
    server.volumes.activate("scratch");
    try {
      assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo")))
          .anyMatch(l -> l.contains(" " + data + " ") && l.contains(" tmpfs "));
      assertThat(
              json(UnixHttp.call(server.socket, "GET", "/volumes/scratch", null))
                  .get("Options")
                  .get("o")
                  .asText())
          .isEqualTo("size=1m");
    } finally {
      assertThat(UnixHttp.call(server.socket, "DELETE", "/volumes/scratch", null).status())
          .isEqualTo(204);
    }
    assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo")))
        .noneMatch(l -> l.contains(data.toString()));
  }

  @Test
  void aBindVolume_showsTheHostDirectoryAndRemovalKeepsItsContent() throws Exception {
    Path host = Files.createDirectories(dir.resolve("host-data"));
    Files.writeString(host.resolve("keep.txt"), "kept");
    UnixHttp.call(
        server.socket,
        "POST",
        "/volumes/create",
        "{\"Name\":\"bound\",\"DriverOpts\":{\"type\":\"none\",\"o\":\"bind\",\"device\":\""
            + host
            + "\"}}");
    server.volumes.activate("bound");

    assertThat(dir.resolve("volumes/bound/_data/keep.txt")).hasContent("kept");
    assertThat(UnixHttp.call(server.socket, "DELETE", "/volumes/bound", null).status())
        .isEqualTo(204);
    assertThat(host.resolve("keep.txt")).hasContent("kept");
  }

  @Test
  void remove_ofAVolumeInUse_isA409NamingTheContainer() throws Exception {
    UnixHttp.call(server.socket, "POST", "/volumes/create", "{\"Name\":\"busy\"}");
    server.links.usesVolume("c0ffee00", "busy");

    UnixHttp.Response removed = UnixHttp.call(server.socket, "DELETE", "/volumes/busy", null);

    assertThat(removed.status()).isEqualTo(409);
    assertThat(removed.body()).contains("volume is in use - [c0ffee00]");
    assertThat(server.volumes.exists("busy")).isTrue();
  }

  @Test
  void list_filtersByNameLabelAndDangling() throws Exception {
    UnixHttp.call(
        server.socket,
        "POST",
        "/volumes/create",
        "{\"Name\":\"app-db\",\"Labels\":{\"app\":\"x\"}}");
    UnixHttp.call(server.socket, "POST", "/volumes/create", "{\"Name\":\"app-cache\"}");
    UnixHttp.call(server.socket, "POST", "/volumes/create", "{\"Name\":\"other\"}");
    server.links.usesVolume("c1", "app-cache");

    assertThat(names("{\"name\":[\"app\"]}")).containsExactly("app-cache", "app-db");
    assertThat(names("{\"label\":[\"app=x\"]}")).containsExactly("app-db");
    assertThat(names("{\"dangling\":[\"true\"]}")).containsExactly("app-db", "other");
    UnixHttp.Response bad =
        UnixHttp.call(
            server.socket, "GET", "/volumes?filters=%7B%22colour%22%3A%5B%22x%22%5D%7D", null);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("invalid filter 'colour'");
  }

  private List<String> names(String filters) throws Exception {
    String query = java.net.URLEncoder.encode(filters, java.nio.charset.StandardCharsets.UTF_8);
    JsonNode list = json(UnixHttp.call(server.socket, "GET", "/volumes?filters=" + query, null));
    assertThat(list.get("Warnings").isArray()).isTrue();
    return StreamSupport.stream(list.get("Volumes").spliterator(), false)
        .map(v -> v.get("Name").asText())
        .sorted()
        .toList();
  }

  @Test
  void theDockerCli_createsListsInspectsAndRemovesAVolume() throws Exception {
    DockerCli.Result create = docker.run(null, "volume", "create", "--label", "a=b", "cli-vol");
    DockerCli.Result ls = docker.run(null, "volume", "ls", "--format", "{{.Driver}} {{.Name}}");
    DockerCli.Result inspect =
        docker.run(
            null, "volume", "inspect", "--format", "{{.Name}} {{.Labels.a}} {{.Scope}}", "cli-vol");
    DockerCli.Result rm = docker.run(null, "volume", "rm", "cli-vol");
    DockerCli.Result gone = docker.run(null, "volume", "inspect", "cli-vol");

    assertThat(create.exitCode()).as(create.stderr()).isZero();
    assertThat(create.stdout().strip()).isEqualTo("cli-vol");
    assertThat(ls.stdout()).contains("local cli-vol");
    assertThat(inspect.stdout().strip()).isEqualTo("cli-vol b local");
    assertThat(rm.exitCode()).as(rm.stderr()).isZero();
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.stderr()).contains("no such volume");
    assertThat(dev.berth.runtime.server.engine.EventHistory.of(server.events))
        .containsExactly("volume create cli-vol", "volume destroy cli-vol");
  }
}
