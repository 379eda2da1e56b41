package dev.berth.runtime.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Raw HTTP/1.1 over a unix socket for tests: exact bytes out, the whole answer back. */
public final class UnixHttp {
  private UnixHttp() {}

  /** One parsed response: status, headers (lower-case names), body (de-chunked). */
  public record Response(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Sends {@code method path} with {@code Connection: close} and an optional body. */
  public static Response call(Path socket, String method, String path, String body)
      throws IOException {
    StringBuilder request = new StringBuilder();
    request.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    request.append("Host: berthd\r\nConnection: close\r\n");
    if (body != null) {
      request.append("Content-Type: application/json\r\n");
      request.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length);
      request.append("\r\n\r\n").append(body);
    } else {
      request.append("\r\n");
    }
    return exchange(socket, request.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Sends raw bytes and reads until the server closes. */
  public static Response exchange(Path socket, byte[] request) throws IOException {
    try (SocketChannel channel = connect(socket)) {
      Channels.newOutputStream(channel).write(request);
      byte[] answer = Channels.newInputStream(channel).readAllBytes();
      return parse(answer);
    }
  }

  public static SocketChannel connect(Path socket) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(socket));
    return channel;
  }

  /** Reads the status line and headers of a response, leaving the stream at the body. */
  public static Response readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in the response head: " + head);
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return parseHead(head.toString(StandardCharsets.ISO_8859_1), "");
  }

  static Response parse(byte[] answer) {
    String text = new String(answer, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IllegalStateException("no complete response head in: " + text);
    }
    Response head = parseHead(text.substring(0, end + 4), "");
    String body = text.substring(end + 4);
    if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Response(
        head.status(),
        head.headers(),
        new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
  }

  private static Response parseHead(String head, String body) {
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    return new Response(status, headers, body);
  }

  private static String dechunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int lineEnd = chunked.indexOf("\r\n", at);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
      if (size == 0) {
        break;
      }
      body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
    return body.toString();
  }
}
