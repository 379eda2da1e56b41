package dev.berth.runtime.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingProxyTest {
  @TempDir Path temp;

  @Test
  void normalize_dropsVersionAndQueryAndNamesObjectsGenerically() {
    assertThat(RecordingProxy.normalize("/v1.41/containers/abc123/json?size=1"))
        .isEqualTo("/containers/{id}/json");
    assertThat(RecordingProxy.normalize("/v1.44/containers/json?all=1"))
        .isEqualTo("/containers/json");
    assertThat(RecordingProxy.normalize("/networks/create")).isEqualTo("/networks/create");
    assertThat(RecordingProxy.normalize("/v1.41/images/127.0.0.1:5000/busybox:latest/json"))
        .isEqualTo("/images/{name}/json");
    assertThat(RecordingProxy.normalize("/images/create?fromImage=x")).isEqualTo("/images/create");
    assertThat(RecordingProxy.normalize("/_ping")).isEqualTo("/_ping");
  }

  @Test
  void proxy_forwardsBothWaysAndNotesTheRequestLine() throws Exception {
    Path engineSocket = temp.resolve("engine.sock");
    try (ServerSocketChannel engine = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      engine.bind(UnixDomainSocketAddress.of(engineSocket));
      try (RecordingProxy proxy = RecordingProxy.start(temp.resolve("proxy.sock"), engineSocket);
          SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(proxy.socket()))) {
        client.write(ascii("GET /v1.41/volumes/data HTTP/1.1\r\nHost: x\r\n\r\n"));
        try (SocketChannel accepted = engine.accept()) {
          assertThat(read(accepted)).startsWith("GET /v1.41/volumes/data HTTP/1.1\r\n");
          accepted.write(ascii("HTTP/1.1 200 OK\r\n\r\n"));
          assertThat(read(client)).isEqualTo("HTTP/1.1 200 OK\r\n\r\n");
        }
        assertThat(proxy.requests()).containsExactly("GET /volumes/{id}");
      }
    }
  }

  private static ByteBuffer ascii(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static String read(SocketChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    channel.read(buffer);
    buffer.flip();
    return StandardCharsets.US_ASCII.decode(buffer).toString();
  }
}
