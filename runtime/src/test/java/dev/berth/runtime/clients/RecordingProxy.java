package dev.berth.runtime.clients;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte-for-byte unix socket proxy between a client and an engine that notes each request line
 * ({@code POST /containers/{id}/start}), so a scenario run against dockerd tells which endpoints
 * berthd must serve for it. Off unless {@code berth.clients.recordTo} names a directory.
 */
final class RecordingProxy implements AutoCloseable {
  static final String PROPERTY = "berth.clients.recordTo";
  private static final Pattern REQUEST =
      Pattern.compile("(?m)^(GET|HEAD|POST|PUT|DELETE) (\\S+) HTTP/1\\.[01]\r\n");

  private final ServerSocketChannel server;
  private final Path listen;
  private final Set<String> seen = new ConcurrentSkipListSet<>();

  private RecordingProxy(ServerSocketChannel server, Path listen) {
    this.server = server;
    this.listen = listen;
  }

  /** Listens on {@code listen} and forwards every connection to {@code target}. */
  static RecordingProxy start(Path listen, Path target) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(listen));
    RecordingProxy proxy = new RecordingProxy(server, listen);
    Thread accept = new Thread(() -> proxy.acceptLoop(target), "recording-proxy");
    accept.setDaemon(true);
    accept.start();
    return proxy;
  }

  Path socket() {
    return listen;
  }

  /** The distinct requests seen, normalized, sorted. */
  Set<String> requests() {
    return Set.copyOf(seen);
  }

  private void acceptLoop(Path target) {
    while (server.isOpen()) {
      try {
        SocketChannel client = server.accept();
        SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(target));
        pump(client, engine, true);
        pump(engine, client, false);
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void pump(SocketChannel from, SocketChannel to, boolean record) {
    Thread thread =
        new Thread(
            () -> {
              ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
              try {
                while (from.read(buffer) >= 0) {
                  buffer.flip();
                  if (record) {
                    note(StandardCharsets.ISO_8859_1.decode(buffer.duplicate()).toString());
                  }
                  while (buffer.hasRemaining()) {
                    to.write(buffer);
                  }
                  buffer.clear();
                }
                to.shutdownOutput();
              } catch (IOException e) {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "recording-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private void note(String chunk) {
    Matcher m = REQUEST.matcher(chunk);
    while (m.find()) {
      seen.add(m.group(1) + " " + normalize(m.group(2)));
    }
  }

  /** {@code /v1.41/containers/abc/json?all=1} becomes {@code /containers/{id}/json}. */
  static String normalize(String target) {
    String path = target.replaceFirst("\\?.*$", "").replaceFirst("^/v[0-9]+\\.[0-9]+/", "/");
    path =
        path.replaceFirst(
            "^/(containers|networks|volumes|exec|plugins)/(?!json$|create$|prune$)[^/]+",
            "/$1/{id}");
    path =
        path.replaceFirst(
            "^/images/(?!json$|create$|load$|get$|prune$|search$)(.+?)(/(json|tag|push|get|history))?$",
            "/images/{name}$2");
    return path;
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // already closed by the other side
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    Files.deleteIfExists(listen);
  }
}
