package dev.berth.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.ConformanceImages;
import dev.berth.testkit.FreePort;
import dev.berth.testkit.ManifestFormat;
import dev.berth.testkit.RegistryFixture;
import dev.berth.testkit.TestImage;
import dev.berth.testkit.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scenarios of compose-spec's conformance tests ({@code compliance_test.go}) on their own
 * compose files, {@code ../shared/conformance/realworld/conformance-*}: {@code up -d}, what the Go
 * test checks, then {@code down -v} leaving nothing of the project. The Go test-server image is
 * replaced by the test kit's {@link ConformanceImages}, tagged under the names the files use.
 */
class ConformanceScenariosTest {
  private static final Path SCENARIOS =
      Path.of(System.getProperty("berth.shared.dir", "/work/shared"))
          .resolve("conformance/realworld");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String PONG = "{\"response\":\"PONG FROM TARGET\"}";

  @BeforeAll
  static void tagTheStandInImagesInTheEngine() {
    tagInEngine(ConformanceImages.server(), ConformanceImages.SERVER + ":latest");
    tagInEngine(ConformanceImages.client(), ConformanceImages.CLIENT + ":latest");
  }

  /** Pushes the stand-in to the test registry, pulls it into the engine and tags it there. */
  private static void tagInEngine(TestImage image, String name) {
    String reference =
        TestImages.push(image, RegistryFixture.shared(), ManifestFormat.OCI).reference();
    TestEngine.docker().runChecked("pull", "-q", reference);
    TestEngine.docker().runChecked("tag", reference, name);
  }

  @Test
  void simpleVolume_serverReadsTheBindMountedFile() {
    int http = FreePort.tcp();
    try (ComposeProject p = scenario("simple_volume", http);
        AllowedTraffic traffic = upDetached(p)) {
      assertThat(awaitGet(http, "/ping")).isEqualTo(PONG);
      assertThat(awaitGet(http, "/volumefile?filename=test_volume.txt"))
          .isEqualTo("{\"response\":\"MYVOLUME\"}");
      downLeavesNothing(p, traffic);
    }
  }

  @Test
  void simpleSecretfile_serverReadsTheSecretWhereComposeMountsIt() {
    int http = FreePort.tcp();
    try (ComposeProject p = scenario("simple_secretfile", http);
        AllowedTraffic traffic = upDetached(p)) {
      assertThat(awaitGet(http, "/volumefile?filename=test_secret.txt"))
          .isEqualTo("{\"response\":\"MYSECRET\"}");
      downLeavesNothing(p, traffic);
    }
  }

  @Test
  void simpleConfigfile_serverReadsTheConfigWhereComposeMountsIt() {
    int http = FreePort.tcp();
    try (ComposeProject p = scenario("simple_configfile", http);
        AllowedTraffic traffic = upDetached(p)) {
      assertThat(awaitGet(http, "/volumefile?filename=test_config.txt"))
          .isEqualTo("{\"response\":\"MYCONFIG\"}");
      downLeavesNothing(p, traffic);
    }
  }

  @Test
  void simpleNetwork_entryReachesTargetByServiceName() {
    int http = FreePort.tcp();
    try (ComposeProject p = scenario("simple_network", http);
        AllowedTraffic traffic = upDetached(p)) {
      assertThat(awaitGet(http, "/ping")).isEqualTo(PONG);
      try {
        assertThat(awaitGet(http, "/ping?address=target:8080/ping")).isEqualTo(PONG);
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError(
            "entry cannot reach target:8080; from entry: "
                + TestEngine.docker()
                    .run(
                        Duration.ofSeconds(30),
                        "exec",
                        p.name() + "-entry-1",
                        "sh",
                        "-c",
                        "nslookup target; wget -T 5 -O - http://target:8080/ping 2>&1; ip addr")
                + "\ntarget's log: "
                + TestEngine.docker().run(Duration.ofSeconds(30), "logs", p.name() + "-target-1"),
            e);
      }
      downLeavesNothing(p, traffic);
    }
  }

  @Test
  void udpPort_echoesDatagramsOnThePublishedPort() throws Exception {
    int http = FreePort.tcp();
    int udp = FreePort.udp();
    try (ComposeProject p = scenario("udp_port", http, udp);
        AllowedTraffic traffic = upDetached(p)) {
      assertThat(awaitGet(http, "/ping")).isEqualTo(PONG);
      assertThat(udpEcho(udp, "hello over udp")).isEqualTo("hello over udp");
      downLeavesNothing(p, traffic);
    }
  }

  @Test
  void scaling_threeClientReplicasEachReportTheirHostnameToTheServer() {
    int http = FreePort.tcp();
    try (ComposeProject p = scenario("scaling", http);
        AllowedTraffic traffic = upDetached(p)) {
      String n = p.name();
      List<String> clients = List.of(n + "-client-1", n + "-client-2", n + "-client-3");
      List<String> hostnames =
          clients.stream()
              .map(c -> p.docker("inspect", "-f", "{{.Config.Hostname}}", c).strip())
              .toList();
      assertThat(hostnames).doesNotHaveDuplicates();
      assertThat(awaitGet(http, "/ping")).isEqualTo(PONG);
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(
                          ComposeProject.lines(
                              p.docker("exec", n + "-server-1", "ls", "/tmp/scale")))
                      .containsExactlyInAnyOrderElementsOf(hostnames));
      downLeavesNothing(p, traffic);
    }
  }

  /**
   * {@code up --no-start}, then {@code up -d}: in between the engine fixture lets traffic flow
   * within the project's networks (the test kit's dockerd runs without iptables and the host's
   * FORWARD policy is DROP; berthd does this itself, so nothing is done for it).
   */
  private static AllowedTraffic upDetached(ComposeProject p) {
    p.berth("up", "--no-start").orFail();
    AllowedTraffic traffic = TestEngine.allowTrafficWithinNetworksOf(p.name());
    p.berth("up", "-d").orFail();
    return traffic;
  }

  private static void downLeavesNothing(ComposeProject p, AllowedTraffic traffic) {
    traffic.close();
    p.berth("down", "-v", "-t", "1").orFail();
    p.assertNothingLeft();
  }

  /**
   * The scenario's files in a project of their own. The fixed host ports of the original (8080 for
   * HTTP, 10001 for UDP) are replaced by free ones, so runs on a shared host never collide.
   */
  private static ComposeProject scenario(String name, int httpPort, int... udpPort) {
    Path source = SCENARIOS.resolve("conformance-" + name);
    try {
      String yaml = Files.readString(source.resolve("compose.yaml"));
      String edited = yaml.replace("- 8080:8080", "- " + httpPort + ":8080");
      if (udpPort.length > 0) {
        edited = edited.replace("published: 10001", "published: " + udpPort[0]);
      }
      assertThat(edited).as("the host ports of " + source + " were replaced").isNotEqualTo(yaml);
      ComposeProject p = ComposeProject.create(edited);
      try (Stream<Path> files = Files.list(source)) {
        for (Path file :
            files.filter(f -> !f.getFileName().toString().equals("compose.yaml")).toList()) {
          Files.copy(file, p.dir().resolve(file.getFileName()));
        }
      }
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body of {@code GET 127.0.0.1:PORT PATH}, once the server answers 200, stripped. */
  private static String awaitGet(int port, String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(
            () -> HTTP.send(request, HttpResponse.BodyHandlers.ofString()),
            r -> r.statusCode() == 200)
        .body()
        .strip();
  }

  private static String udpEcho(int port, String message) throws Exception {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(500);
      byte[] out = message.getBytes(StandardCharsets.UTF_8);
      byte[] in = new byte[1024];
      for (int attempt = 0; attempt < 40; attempt++) {
        socket.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), port));
        DatagramPacket reply = new DatagramPacket(in, in.length);
        try {
          socket.receive(reply);
          return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException retry) {
          // the echo may not be listening yet
        }
      }
      throw new AssertionError("no UDP echo from 127.0.0.1:" + port);
    }
  }
}
