package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The conformance stand-in images behave as the Go server does, run by a real dockerd. */
class ConformanceImagesTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void server_answersPingVolumeFileAndEchoesUdp_underDockerd() throws Exception {
    DockerdFixture dockerd = DockerdFixture.shared();
    PushedImage image =
        TestImages.push(ConformanceImages.server(), RegistryFixture.shared(), ManifestFormat.OCI);
    int http = FreePort.tcp();
    int udp = FreePort.udp();
    Path volumeFile = TempDirs.create("conformance").resolve("test_volume.txt");
    java.nio.file.Files.writeString(volumeFile, "MYVOLUME");
    String name = "berth-conformance-image-test-" + ProcessHandle.current().pid();
    try {
      dockerd
          .cli()
          .runChecked(
              "run",
              "-d",
              "--name",
              name,
              "-p",
              "127.0.0.1:" + http + ":8080",
              "-p",
              "127.0.0.1:" + udp + ":10001/udp",
              "-v",
              volumeFile + ":/volumes/test_volume.txt:ro",
              image.reference());
      String base = "http://127.0.0.1:" + http;
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .ignoreExceptions()
          .until(() -> get(base + "/ping").statusCode() == 200);

      assertThat(get(base + "/ping").body()).isEqualTo("{\"response\":\"PONG FROM TARGET\"}\n");
      assertThat(get(base + "/volumefile?filename=test_volume.txt").body())
          .isEqualTo("{\"response\":\"MYVOLUME\"}\n");
      assertThat(get(base + "/ping?address=127.0.0.1:8080/ping").body())
          .as("relayed to a server that answers")
          .isEqualTo("{\"response\":\"PONG FROM TARGET\"}\n");
      HttpResponse<String> unreachable = get(base + "/ping?address=notatarget:8080/ping");
      assertThat(unreachable.statusCode()).isEqualTo(400);
      assertThat(unreachable.body())
          .isEqualTo("{\"response\":\"Could not reach address: notatarget:8080/ping\"}\n");
      assertThat(udpEcho(udp, "hello over udp")).isEqualTo("hello over udp");
    } finally {
      dockerd.cli().run(Duration.ofSeconds(30), "rm", "-f", name);
      TempDirs.deleteRecursively(volumeFile.getParent());
    }
  }

  private static HttpResponse<String> get(String uri) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String udpEcho(int port, String message) throws Exception {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(500);
      byte[] out = message.getBytes(StandardCharsets.UTF_8);
      byte[] in = new byte[1024];
      for (int attempt = 0; attempt < 20; attempt++) {
        socket.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), port));
        DatagramPacket reply = new DatagramPacket(in, in.length);
        try {
          socket.receive(reply);
          return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
        } catch (java.net.SocketTimeoutException retry) {
          // the echo may not be listening yet
        }
      }
      throw new AssertionError("no UDP echo from 127.0.0.1:" + port);
    }
  }
}
