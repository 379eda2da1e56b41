package dev.berth.runtime.server.hijack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.server.TestServer;
import dev.berth.runtime.server.UnixHttp;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker's attach hijack on the wire: 101, framed output, and the client's half-close. */
class HijackedConnectionTest {
  @TempDir Path dir;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void attach_withUpgrade_answers101AndFramesStdoutAndStderr() throws Exception {
    String id = create("{\"Image\":\"busybox\",\"Cmd\":[\"echo\",\"hi\"]}");
    try (SocketChannel channel = UnixHttp.connect(server.socket)) {
      OutputStream out = Channels.newOutputStream(channel);
      InputStream in = Channels.newInputStream(channel);
      out.write(attachRequest(id, false).getBytes(StandardCharsets.US_ASCII));
      UnixHttp.Response head = UnixHttp.readHead(in);

      assertThat(head.status()).isEqualTo(101);
      assertThat(head.header("upgrade")).isEqualTo("tcp");
      assertThat(head.header("connection")).containsIgnoringCase("upgrade");
      assertThat(head.header("content-type"))
          .isEqualTo("application/vnd.docker.multiplexed-stream");
      assertThat(head.header("api-version")).isEqualTo("1.44");

      start(id);
      assertThat(readFrames(in)).isEqualTo("1:hi\n");
    }
  }

  @Test
  void attach_afterTheClientHalfCloses_keepsSendingOutput() throws Exception {
    String id = create("{\"Image\":\"busybox\",\"Cmd\":[\"cat\"],\"OpenStdin\":true}");
    try (SocketChannel channel = UnixHttp.connect(server.socket)) {
      OutputStream out = Channels.newOutputStream(channel);
      InputStream in = Channels.newInputStream(channel);
      out.write(attachRequest(id, true).getBytes(StandardCharsets.US_ASCII));
      assertThat(UnixHttp.readHead(in).status()).isEqualTo(101);
      start(id);

      out.write("typed before EOF\n".getBytes(StandardCharsets.UTF_8));
      channel.shutdownOutput();

      assertThat(readFrames(in)).isEqualTo("1:typed before EOF\n");
    }
  }

  @Test
  void attach_toAnUnknownContainer_answers404BeforeUpgrading() throws Exception {
    try (SocketChannel channel = UnixHttp.connect(server.socket)) {
      Channels.newOutputStream(channel)
          .write(attachRequest("nope", false).getBytes(StandardCharsets.US_ASCII));
      InputStream in = Channels.newInputStream(channel);
      UnixHttp.Response head = UnixHttp.readHead(in);

      assertThat(head.status()).isEqualTo(404);
    }
  }

  @Test
  void attach_withoutUpgradeHeaders_isA400NamingWhatIsMissing() throws Exception {
    String id = create("{\"Image\":\"busybox\",\"Cmd\":[\"echo\"]}");
    UnixHttp.Response response =
        UnixHttp.call(server.socket, "POST", "/containers/" + id + "/attach?stream=1", null);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("Upgrade: tcp");
  }

  private String create(String body) throws Exception {
    UnixHttp.Response created = UnixHttp.call(server.socket, "POST", "/containers/create", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.body().replaceAll("(?s).*\"Id\":\"([0-9a-f]+)\".*", "$1").strip();
  }

  private void start(String id) throws Exception {
    assertThat(UnixHttp.call(server.socket, "POST", "/containers/" + id + "/start", null).status())
        .isEqualTo(204);
  }

  private static String attachRequest(String id, boolean stdin) {
    return "POST /v1.44/containers/"
        + id
        + "/attach?stream=1&stdout=1&stderr=1"
        + (stdin ? "&stdin=1" : "")
        + " HTTP/1.1\r\nHost: berthd\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  /** Reads Docker frames until the server closes, as "stream:text" pieces. */
  private static String readFrames(InputStream raw) throws Exception {
    DataInputStream in = new DataInputStream(raw);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    while (true) {
      int type;
      try {
        type = in.readUnsignedByte();
      } catch (EOFException end) {
        return all.toString(StandardCharsets.UTF_8);
      }
      in.readFully(new byte[3]);
      byte[] payload = new byte[in.readInt()];
      in.readFully(payload);
      all.write((type + ":").getBytes(StandardCharsets.US_ASCII));
      all.write(payload);
    }
  }
}
