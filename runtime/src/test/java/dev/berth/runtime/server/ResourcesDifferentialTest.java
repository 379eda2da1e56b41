package dev.berth.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.DockerdFixture;
import dev.berth.testkit.ManifestFormat;
import dev.berth.testkit.PushedImage;
import dev.berth.testkit.RegistryFixture;
import dev.berth.testkit.TestImage;
import dev.berth.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker CLI's image, network and volume commands against berthd and against Debian's dockerd
 * (the test kit's): the observable results, with each engine's own names put back to placeholders,
 * must be the same. It never skips: dockerd is started when none answers.
 */
class ResourcesDifferentialTest {
  private static RegistryFixture registry;
  private static PushedImage image;

  @TempDir Path dir;

  @BeforeAll
  static void pushUniqueImage() {
    registry = RegistryFixture.shared();
    TestImage busybox = TestImages.busybox();
    String repo = "berth-diff-" + UUID.randomUUID().toString().substring(0, 8);
    image =
        TestImages.push(
            // a label of its own gives this image an ID no other test's image has: dockerd's
            // store is shared, and an image with the same ID pulled earlier from another
            // repository would change what `images --digests` shows there
            new TestImage(
                repo, "v1", busybox.layers(), java.util.Map.of("dev.berth.test.image", repo)),
            registry,
            ManifestFormat.OCI);
  }

  @Test
  void imageNetworkAndVolumeCommands_giveTheSameResultsOnBerthdAndDockerd() throws Exception {
    List<String> berthd;
    dev.berth.runtime.network.OwnLeaks leaks = new dev.berth.runtime.network.OwnLeaks();
    leaks.marker(dir.toString());
    try (ResourceServer server =
        ResourceServer.start(
            Files.createDirectories(dir.resolve("b")),
            network -> leaks.link(network.bridge().value()))) {
      berthd =
          scenario(
              new DockerCli(server.socket, cliConfig("cli-b")), "10.219.251", dir.resolve("b"));
    }
    leaks.awaitNone(java.time.Duration.ofSeconds(5));
    DockerdFixture dockerd = DockerdFixture.shared();
    DockerCli reference = new DockerCli(dockerd.socket(), cliConfig("cli-d"));
    List<String> observed =
        scenario(reference, "10.218.251", Files.createDirectories(dir.resolve("d")));

    assertThat(String.join("\n", berthd)).isEqualTo(String.join("\n", observed));
  }

  @Test
  void inspectAndListAnswers_carryEveryFieldDockerdsDo() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    DockerCli dockerd = new DockerCli(DockerdFixture.shared().socket(), cliConfig("cli-d"));
    Map<String, java.util.Set<String>> reference;
    try {
      reference = shapes(dockerd, DockerdFixture.shared().socket(), suffix, "10.218.252");
    } finally {
      cleanUp(dockerd, suffix);
    }
    try (ResourceServer server = ResourceServer.start(Files.createDirectories(dir.resolve("b")))) {
      DockerCli berth = new DockerCli(server.socket, cliConfig("cli-b"));
      Map<String, java.util.Set<String>> berthd =
          shapes(berth, server.socket, suffix, "10.219.252");
      for (Map.Entry<String, java.util.Set<String>> answer : reference.entrySet()) {
        assertThat(berthd.get(answer.getKey()))
            .as("fields of " + answer.getKey())
            .containsAll(answer.getValue());
      }
    }
  }

  /** The JSON field paths (two levels) of each answer, after creating the same objects. */
  private Map<String, java.util.Set<String>> shapes(
      DockerCli docker, Path socket, String suffix, String subnetPrefix) throws Exception {
    String net = "bd-shape-" + suffix;
    String vol = "bd-shape-" + suffix;
    assertThat(docker.run(null, "pull", image.reference()).exitCode()).isZero();
    assertThat(
            docker
                .run(null, "network", "create", "--subnet", subnetPrefix + ".0/24", net)
                .exitCode())
        .isZero();
    assertThat(docker.run(null, "volume", "create", vol).exitCode()).isZero();
    Map<String, String> calls =
        Map.of(
            "image inspect",
            "/v1.41/images/" + image.reference() + "/json",
            "image list",
            "/v1.41/images/json",
            "network inspect",
            "/v1.41/networks/" + net,
            "network list",
            "/v1.41/networks",
            "volume inspect",
            "/v1.41/volumes/" + vol,
            "volume list",
            "/v1.41/volumes");
    Map<String, java.util.Set<String>> shapes = new java.util.TreeMap<>();
    for (Map.Entry<String, String> call : calls.entrySet()) {
      UnixHttp.Response response = UnixHttp.call(socket, "GET", call.getValue(), null);
      assertThat(response.status()).as(call.getKey() + ": " + response.body()).isEqualTo(200);
      com.fasterxml.jackson.databind.JsonNode json =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
      if (json.isArray()) {
        json = json.get(0);
      } else if (json.has("Volumes")) {
        json = json.get("Volumes").get(0);
      }
      java.util.Set<String> fields = new java.util.TreeSet<>();
      json.fields()
          .forEachRemaining(
              f -> {
                fields.add(f.getKey());
                if (f.getValue().isObject()
                    && !f.getKey().equals("Labels")
                    && !f.getKey().equals("Options")
                    && !f.getKey().equals("Containers")
                    && !f.getKey().equals("Data")) {
                  f.getValue().fieldNames().forEachRemaining(n -> fields.add(f.getKey() + "." + n));
                }
              });
      shapes.put(call.getKey(), fields);
    }
    cleanUp(docker, suffix);
    return shapes;
  }

  private static void cleanUp(DockerCli docker, String suffix) throws Exception {
    docker.run(null, "rmi", "-f", image.reference());
    docker.run(null, "network", "rm", "bd-shape-" + suffix);
    docker.run(null, "volume", "rm", "-f", "bd-shape-" + suffix);
  }

  @Test
  void dockerdLoadsTheArchiveBerthdSaved() throws Exception {
    Path tar = dir.resolve("berth.tar");
    try (ResourceServer server = ResourceServer.start(Files.createDirectories(dir.resolve("b")))) {
      DockerCli berth = new DockerCli(server.socket, cliConfig("cli-b"));
      assertThat(berth.run(null, "pull", image.reference()).exitCode()).isZero();
      assertThat(berth.run(null, "save", "-o", tar.toString(), image.reference()).exitCode())
          .isZero();
    }
    DockerCli dockerd = new DockerCli(DockerdFixture.shared().socket(), cliConfig("cli-d"));
    try {
      DockerCli.Result load = dockerd.run(null, "load", "-i", tar.toString());
      DockerCli.Result inspect =
          dockerd.run(
              null, "image", "inspect", "--format", "{{len .RootFS.Layers}}", image.reference());

      assertThat(load.exitCode()).as(load.stderr()).isZero();
      assertThat(load.stdout()).contains("Loaded image: " + image.reference());
      assertThat(inspect.stdout().strip()).isEqualTo("1");
    } finally {
      dockerd.run(null, "rmi", "-f", image.reference());
    }
  }

  private Path cliConfig(String name) throws Exception {
    return Files.createDirectories(dir.resolve(name));
  }

  /** Runs the CLI scenario, returning one normalized line per observation. */
  private List<String> scenario(DockerCli docker, String subnetPrefix, Path work) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String net = "bd-net-" + suffix;
    String vol = "bd-vol-" + suffix;
    String tmpfs = "bd-tmp-" + suffix;
    String opts = "bd-opts-" + suffix;
    String optsPrefix = subnetPrefix.substring(0, subnetPrefix.lastIndexOf('.')) + ".253";
    String ref = image.reference();
    String repo = ref.substring(0, ref.lastIndexOf(':'));
    Map<String, String> placeholders =
        Map.of(
            net,
            "NET",
            vol,
            "VOL",
            tmpfs,
            "TMPFS",
            opts,
            "OPTS",
            subnetPrefix,
            "SUBNET",
            optsPrefix,
            "SUBNET2");
    Observations seen = new Observations(placeholders);
    try {
      seen.add(
          "pull by digest",
          docker.run(null, "pull", image.referenceByDigest()),
          "Pulling from",
          "Digest:",
          "Status:");
      seen.add(
          "digest only",
          docker.run(
              null,
              "image",
              "inspect",
              "--format",
              "{{len .RepoTags}} {{index .RepoDigests 0}}",
              image.referenceByDigest()));
      seen.add("pull", docker.run(null, "pull", ref), "Pulling from", "Digest:", "Status:");
      seen.add("pull again", docker.run(null, "pull", ref), "Status:");
      seen.add(
          "images",
          docker.run(
              null,
              "images",
              "--filter",
              "reference=" + repo,
              "--format",
              "{{.Repository}}:{{.Tag}}"));
      seen.add(
          "inspect",
          docker.run(
              null,
              "image",
              "inspect",
              "--format",
              "{{.Id}} {{index .RepoTags 0}} {{index .RepoDigests 0}} {{.Os}}/{{.Architecture}} {{len .RootFS.Layers}} {{.Config.Labels}}",
              ref));
      seen.add("tag", docker.run(null, "tag", ref, repo + ":v2"));
      seen.add(
          "tags",
          docker.run(null, "images", "--filter", "reference=" + repo, "--format", "{{.Tag}}"));
      seen.add("rmi tag", docker.run(null, "rmi", repo + ":v2"), "Untagged:");
      Path tar = work.resolve("saved.tar");
      seen.add("save", docker.run(null, "save", "-o", tar.toString(), ref));
      seen.add("rmi", docker.run(null, "rmi", ref), "Untagged: " + ref);
      seen.add("load", docker.run(null, "load", "-i", tar.toString()), "Loaded image");
      seen.add("rmi missing", docker.run(null, "rmi", repo + ":nope"));

      seen.add(
          "net create",
          docker.run(
              null, "network", "create", "--subnet", subnetPrefix + ".0/24", "--label", "a=b", net),
          "");
      seen.add("net dup", docker.run(null, "network", "create", net));
      seen.add(
          "net ls",
          docker.run(
              null,
              "network",
              "ls",
              "--filter",
              "name=" + net,
              "--format",
              "{{.Name}} {{.Driver}} {{.Scope}}"));
      seen.add(
          "net inspect",
          docker.run(
              null,
              "network",
              "inspect",
              "--format",
              "{{.Name}} {{.Driver}} {{.Scope}} {{.Internal}} {{.Attachable}} {{.EnableIPv6}} {{range .IPAM.Config}}{{.Subnet}}{{end}} {{.Labels}} {{len .Containers}}",
              net));
      seen.add(
          "net ls builtin",
          docker.run(
              null,
              "network",
              "ls",
              "--filter",
              "name=^host$",
              "--filter",
              "type=builtin",
              "--format",
              "{{.Name}} {{.Driver}}"));
      seen.add(
          "net options",
          docker.run(
              null,
              "network",
              "create",
              "--internal",
              "--attachable",
              "--subnet",
              optsPrefix + ".0/24",
              "--ip-range",
              optsPrefix + ".128/25",
              "--gateway",
              optsPrefix + ".254",
              "-o",
              "com.docker.network.driver.mtu=1400",
              opts),
          "");
      seen.add(
          "net options inspect",
          docker.run(
              null,
              "network",
              "inspect",
              "--format",
              "{{.Internal}} {{.Attachable}} {{.Options}} {{range .IPAM.Config}}{{.Subnet}} {{.IPRange}} {{.Gateway}}{{end}}",
              opts));
      seen.add(
          "net dangling",
          docker.run(
              null,
              "network",
              "ls",
              "--filter",
              "dangling=true",
              "--filter",
              "name=" + suffix,
              "--format",
              "{{.Name}}"));
      seen.add("net rm options", docker.run(null, "network", "rm", opts));
      seen.add("net rm host", docker.run(null, "network", "rm", "host"));
      seen.add("net rm", docker.run(null, "network", "rm", net));
      seen.add("net gone", docker.run(null, "network", "inspect", net));

      seen.add("vol create", docker.run(null, "volume", "create", "--label", "a=b", vol));
      seen.add(
          "vol tmpfs",
          docker.run(
              null,
              "volume",
              "create",
              "--opt",
              "type=tmpfs",
              "--opt",
              "device=tmpfs",
              "--opt",
              "o=size=1m",
              tmpfs));
      seen.add(
          "vol ls",
          docker.run(
              null,
              "volume",
              "ls",
              "--filter",
              "name=bd-vol-" + suffix,
              "--format",
              "{{.Driver}} {{.Name}}"));
      seen.add(
          "vol inspect",
          docker.run(
              null,
              "volume",
              "inspect",
              "--format",
              "{{.Name}} {{.Driver}} {{.Scope}} {{.Labels}} {{.Options}}",
              vol,
              tmpfs));
      seen.add("vol rm", docker.run(null, "volume", "rm", vol, tmpfs));
      seen.add("vol gone", docker.run(null, "volume", "inspect", vol));
    } finally {
      docker.run(null, "rmi", "-f", ref, repo + ":v2", image.referenceByDigest());
      docker.run(null, "network", "rm", net, opts);
      docker.run(null, "volume", "rm", "-f", vol, tmpfs);
    }
    return seen.lines;
  }

  /** What a scenario observed: exit codes, and chosen output lines with placeholders. */
  private static final class Observations {
    final List<String> lines = new ArrayList<>();
    private final Map<String, String> placeholders;

    Observations(Map<String, String> placeholders) {
      this.placeholders = placeholders;
    }

    /** Exit code and all stdout lines, or only those starting with one of {@code prefixes}. */
    void add(String step, DockerCli.Result result, String... prefixes) {
      lines.add(step + ": exit " + result.exitCode());
      List<String> out =
          Arrays.stream(result.stdout().split("\n"))
              .map(String::strip)
              .filter(l -> !l.isEmpty())
              .filter(
                  l ->
                      prefixes.length == 0
                          || Arrays.stream(prefixes).anyMatch(p -> !p.isEmpty() && l.contains(p)))
              .sorted()
              .collect(Collectors.toList());
      out.forEach(l -> lines.add(step + ": " + normalize(l)));
      if (result.exitCode() != 0) {
        lines.add(step + ": error mentions the object: " + mentions(result.stderr()));
      }
    }

    private String mentions(String stderr) {
      String lower = stderr.toLowerCase(java.util.Locale.ROOT);
      for (String word :
          List.of(
              "no such image", "already exists", "pre-defined", "not found", "no such volume")) {
        if (lower.contains(word)) {
          return word;
        }
      }
      return "?? " + normalize(stderr.strip());
    }

    private String normalize(String text) {
      String result = text;
      for (Map.Entry<String, String> p : placeholders.entrySet()) {
        result = result.replace(p.getKey(), p.getValue());
      }
      return result;
    }
  }
}
