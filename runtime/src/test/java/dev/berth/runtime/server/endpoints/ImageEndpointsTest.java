package dev.berth.runtime.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.server.DockerCli;
import dev.berth.runtime.server.ResourceServer;
import dev.berth.runtime.server.UnixHttp;
import dev.berth.runtime.server.engine.EngineEvent;
import dev.berth.runtime.server.engine.EventBus;
import dev.berth.testkit.RegistryFixture;
import dev.berth.testkit.StandardImages;
import dev.berth.testkit.TestImages;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /images} over berthd's socket with the real store, the test registry and the docker CLI.
 */
class ImageEndpointsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static RegistryFixture registry;
  private static StandardImages images;

  @TempDir Path dir;
  private ResourceServer server;
  private DockerCli docker;

  @BeforeAll
  static void pushImages() {
    registry = RegistryFixture.shared();
    images = TestImages.pushStandard(registry);
  }

  @BeforeEach
  void start() throws Exception {
    server = ResourceServer.start(dir);
    docker = new DockerCli(server.socket, Files.createDirectories(dir.resolve("cli")));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private DockerCli.Result ok(String... args) throws Exception {
    DockerCli.Result result = docker.run(null, args);
    assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.stderr()).isZero();
    return result;
  }

  private String busybox() {
    return images.busybox().reference();
  }

  @Test
  void dockerPull_streamsDockerdsProgressAndASecondPullIsUpToDate() throws Exception {
    DockerCli.Result first = ok("pull", busybox());
    DockerCli.Result second = ok("pull", busybox());

    assertThat(first.stdout())
        .contains("latest: Pulling from busybox")
        .contains("Digest: " + images.busybox().manifestDigest())
        .contains("Status: Downloaded newer image for " + busybox());
    assertThat(second.stdout()).contains("Status: Image is up to date for " + busybox());
    assertThat(server.images.find(busybox())).isPresent();
  }

  @Test
  void pull_overTheApi_sendsPerLayerLinesWithProgressDetail() throws Exception {
    String from = busybox().substring(0, busybox().lastIndexOf(':'));
    UnixHttp.Response response =
        UnixHttp.call(
            server.socket,
            "POST",
            "/v1.44/images/create?fromImage="
                + URLEncoder.encode(
                    images.layered().reference().replace(":latest", ""), StandardCharsets.UTF_8)
                + "&tag=latest",
            null);

    assertThat(response.status()).isEqualTo(200);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : response.body().split("\n")) {
      lines.add(JSON.readTree(line));
    }
    assertThat(lines.get(0).get("status").asText()).isEqualTo("Pulling from layered");
    assertThat(lines.get(0).get("id").asText()).isEqualTo("latest");
    assertThat(lines)
        .filteredOn(l -> l.path("status").asText().equals("Pulling fs layer"))
        .hasSize(3);
    assertThat(lines).filteredOn(l -> l.path("status").asText().equals("Pull complete")).hasSize(3);
    assertThat(lines)
        .filteredOn(l -> l.path("status").asText().equals("Downloading"))
        .allSatisfy(l -> assertThat(l.at("/progressDetail/total").asLong()).isPositive());
    assertThat(lines.get(lines.size() - 1).get("status").asText())
        .startsWith("Status: Downloaded newer image for");
    assertThat(from).isNotEmpty();
  }

  @Test
  void dockerPull_byDigest_recordsTheRepoDigestWithoutATag() throws Exception {
    String byDigest = images.busybox().referenceByDigest();

    DockerCli.Result pull = ok("pull", byDigest);
    DockerCli.Result inspect =
        ok("image", "inspect", "--format", "{{len .RepoTags}} {{index .RepoDigests 0}}", byDigest);

    assertThat(pull.stdout())
        .contains(byDigest + ": Pulling from busybox")
        .contains("Status: Downloaded newer image for " + byDigest);
    assertThat(inspect.stdout().strip()).isEqualTo("0 " + byDigest);
  }

  @Test
  void pull_ofAnUnknownImage_isAnHttpErrorBeforeAnyStream() throws Exception {
    DockerCli.Result missing = docker.run(null, "pull", registry.reference("nothing-here:latest"));
    UnixHttp.Response allTags =
        UnixHttp.call(server.socket, "POST", "/images/create?fromImage=busybox", null);

    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stderr()).contains("Error response from daemon").contains("nothing-here");
    assertThat(allTags.status()).isEqualTo(400);
    assertThat(allTags.body()).contains("every tag");
  }

  @Test
  void dockerImagesAndInspect_showTheImageAsDockerd() throws Exception {
    ok("pull", busybox());

    DockerCli.Result ls = ok("images", "--format", "{{.Repository}}|{{.Tag}}|{{.ID}}");
    DockerCli.Result inspect =
        ok(
            "image",
            "inspect",
            "--format",
            "{{.Os}}/{{.Architecture}} {{len .RootFS.Layers}} {{index .RepoTags 0}} {{.Config.Labels}}",
            busybox());
    JsonNode full =
        JSON.readTree(
            UnixHttp.call(server.socket, "GET", "/images/" + busybox() + "/json", null).body());
    DockerCli.Result filtered =
        ok("images", "--filter", "reference=*/busy*", "--format", "{{.Repository}}");
    DockerCli.Result none = ok("images", "--filter", "reference=nomatch*", "-q");

    String repo = busybox().substring(0, busybox().lastIndexOf(':'));
    assertThat(ls.stdout()).contains(repo + "|latest|");
    assertThat(inspect.stdout().strip()).startsWith("linux/amd64 1 " + busybox());
    assertThat(full.get("Id").asText()).matches("sha256:[0-9a-f]{64}");
    assertThat(full.get("RepoDigests").get(0).asText())
        .isEqualTo(repo + "@" + images.busybox().manifestDigest());
    assertThat(full.at("/RootFS/Type").asText()).isEqualTo("layers");
    assertThat(full.get("Created").asText()).endsWith("Z");
    assertThat(filtered.stdout().strip()).isEqualTo(repo);
    assertThat(none.stdout()).isEmpty();
    UnixHttp.Response byPrefix =
        UnixHttp.call(
            server.socket,
            "GET",
            "/images/" + full.get("Id").asText().substring(7, 19) + "/json",
            null);
    assertThat(byPrefix.status()).isEqualTo(200);
  }

  @Test
  void tagAndRmi_untagThenDelete_andAnImageInUseIsA409NamingTheContainer() throws Exception {
    ok("pull", busybox());
    ok("tag", busybox(), "my/app:1");
    String id = server.images.get("my/app:1").id().toString();

    DockerCli.Result untag = ok("rmi", "my/app:1");
    server.links.usesImage("c0ffee0123456789", id);
    DockerCli.Result inUse = docker.run(null, "rmi", busybox());
    server.links.forget("c0ffee0123456789");
    DockerCli.Result delete = ok("rmi", busybox());

    assertThat(untag.stdout()).contains("Untagged: my/app:1").doesNotContain("Deleted");
    assertThat(inUse.exitCode()).isEqualTo(1);
    assertThat(inUse.stderr()).contains("conflict").contains("c0ffee012345");
    assertThat(delete.stdout()).contains("Untagged: " + busybox()).contains("Deleted: " + id);
    assertThat(server.images.list()).isEmpty();
    assertThat(events()).contains("image pull", "image tag", "image untag", "image delete");
  }

  @Test
  void dockerSaveThenLoad_givesBackTheSameImage() throws Exception {
    ok("pull", images.layered().reference());
    String id = server.images.get(images.layered().reference()).id().toString();
    Path tar = dir.resolve("saved.tar");

    ok("save", "-o", tar.toString(), images.layered().reference());
    ok("rmi", images.layered().reference());
    DockerCli.Result load = ok("load", "-i", tar.toString());

    assertThat(load.stdout()).contains("Loaded image: " + images.layered().reference());
    assertThat(server.images.get(images.layered().reference()).id().toString()).isEqualTo(id);
    UnixHttp.Response missing = UnixHttp.call(server.socket, "GET", "/images/get?names=nope", null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(events()).contains("image save", "image load");
  }

  @Test
  void prune_removesDanglingImagesOnly() throws Exception {
    ok("pull", busybox());
    ok("pull", images.layered().reference());
    String layered = server.images.get(images.layered().reference()).id().toString();
    server.images.untag(dev.berth.runtime.image.ImageReference.parse(images.layered().reference()));

    JsonNode pruned =
        JSON.readTree(UnixHttp.call(server.socket, "POST", "/images/prune", null).body());

    assertThat(pruned.get("ImagesDeleted").findValuesAsText("Deleted")).containsExactly(layered);
    assertThat(server.images.find(busybox())).isPresent();
  }

  private List<String> events() {
    List<String> seen = new ArrayList<>();
    server
        .events
        .subscribe(
            e -> true,
            Optional.of(Instant.EPOCH),
            new EventBus.Listener() {
              @Override
              public void event(EngineEvent event) {
                seen.add(event.type() + " " + event.action());
              }

              @Override
              public void closed() {}
            })
        .close();
    return seen;
  }
}
