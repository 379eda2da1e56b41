package dev.berth.orchestrator.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the CLI's class-data-sharing archive ({@code bin/.launch} runs it once after
 * a build, under {@code -XX:ArchiveClassesAtExit}): {@code config}, {@code ps}, {@code up} and
 * {@code down} of a small project, the engine commands against a stand-in on a temporary unix
 * socket that answers as an empty engine without images. Every later command then starts with the
 * loader's, the HTTP client's and the JSON mapping's classes already mapped. Output is discarded
 * ({@code -Dberth.cds.verbose=true} prints it); whatever fails, the run exits 0 (the archive holds
 * what was loaded).
 */
public final class CdsTraining {
  private static final String PROJECT =
      """
      services:
        web:
          image: berth-cds/web
          ports: ["8080:80"]
          depends_on:
            db:
              condition: service_healthy
          environment: {A: "${X:-1}"}
        db:
          image: berth-cds/db
          healthcheck: {test: ["CMD", "true"], interval: 1s}
          volumes: [data:/var/lib/data]
      volumes:
        data: {}
      """;

  private CdsTraining() {}

  public static void main(String[] args) throws IOException {
    train();
    System.exit(0);
  }

  /** Runs the commands; returns each one's exit code, by command. */
  static Map<String, Integer> train() throws IOException {
    Map<String, Integer> codes = new java.util.LinkedHashMap<>();
    Path dir = Files.createTempDirectory("berth-cds-");
    try {
      Files.writeString(dir.resolve("compose.yaml"), PROJECT);
      // the warm client's own path (no server answers in the directory it finds)
      WarmClient.endpoint(Map.of("XDG_RUNTIME_DIR", dir.toString()));
      WarmClient.mountNamespace();
      Path socket = dir.resolve("engine.sock");
      try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread engine = new Thread(() -> serve(server), "berth-cds-engine");
        engine.setDaemon(true);
        engine.start();
        HostContext host = HostContext.of(dir, Map.of());
        String[] common = {"--host", "unix://" + socket, "-p", "berth-cds", "--progress", "plain"};
        for (List<String> command :
            List.of(
                List.of("config"),
                List.of("ps", "-a"),
                List.of("up", "-d", "--pull", "missing"),
                List.of("down", "-v"))) {
          List<String> line = new ArrayList<>(List.of(common));
          line.addAll(command);
          StringWriter output = new StringWriter();
          int code =
              BerthMain.run(
                  line.toArray(String[]::new),
                  new PrintWriter(output),
                  new PrintWriter(output),
                  host);
          codes.put(String.join(" ", command), code);
          if (Boolean.getBoolean("berth.cds.verbose")) {
            System.err.println("berth " + String.join(" ", command) + ": " + code + "\n" + output);
          }
        }
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return codes;
  }

  /** Answers each request on its own connection (the client may keep several open). */
  private static void serve(ServerSocketChannel server) {
    while (server.isOpen()) {
      try {
        SocketChannel connection = server.accept();
        Thread t = new Thread(() -> answer(connection), "berth-cds-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static void answer(SocketChannel connection) {
    try (connection) {
      ByteArrayOutputStream pending = new ByteArrayOutputStream();
      ByteBuffer buffer = ByteBuffer.allocate(16384);
      while (connection.read(buffer) > 0) {
        pending.write(buffer.array(), 0, buffer.position());
        buffer.clear();
        String text = pending.toString(StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
          continue;
        }
        int length = contentLength(text.substring(0, headEnd));
        if (text.length() < headEnd + 4 + length) {
          continue;
        }
        String requestLine = text.substring(0, text.indexOf("\r\n"));
        byte[] rest = text.substring(headEnd + 4 + length).getBytes(StandardCharsets.ISO_8859_1);
        pending.reset();
        pending.write(rest, 0, rest.length);
        connection.write(ByteBuffer.wrap(response(requestLine)));
      }
    } catch (IOException | RuntimeException e) {
      // the client went away
    }
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
      }
    }
    return 0;
  }

  /** An empty engine: no containers, networks, volumes or images; creations succeed. */
  private static byte[] response(String requestLine) {
    String[] parts = requestLine.split(" ");
    String method = parts[0];
    String path = parts.length > 1 ? parts[1].replaceFirst("^/v[0-9.]+", "") : "/";
    int status = 200;
    String body; // null: 404
    if (path.startsWith("/_ping")) {
      body = "OK";
    } else if (path.startsWith("/version")) {
      body =
          "{\"Version\":\"0.0.0-cds\",\"ApiVersion\":\"1.43\",\"MinAPIVersion\":\"1.24\","
              + "\"Os\":\"linux\",\"Arch\":\"amd64\",\"Components\":[]}";
    } else if (method.equals("GET") && path.startsWith("/containers/json")) {
      body = "[]";
    } else if (method.equals("GET") && path.startsWith("/networks")) {
      body = path.startsWith("/networks?") || path.equals("/networks") ? "[]" : null;
    } else if (method.equals("GET") && path.startsWith("/volumes")) {
      body = path.startsWith("/volumes?") || path.equals("/volumes") ? "{\"Volumes\":[]}" : null;
    } else if (method.equals("POST") && path.startsWith("/networks/create")) {
      status = 201;
      body = "{\"Id\":\"" + "0".repeat(64) + "\",\"Warning\":\"\"}";
    } else if (method.equals("GET") && path.matches("/images/.+/json")) {
      body =
          "{\"Id\":\"sha256:"
              + "1".repeat(64)
              + "\",\"RepoTags\":[\"berth-cds/web:latest\"],\"RepoDigests\":[],"
              + "\"Os\":\"linux\",\"Architecture\":\"amd64\",\"Config\":{\"Cmd\":[\"sh\"],"
              + "\"Env\":[\"PATH=/bin\"],\"Labels\":{}}}";
    } else if (method.equals("POST") && path.startsWith("/containers/create")) {
      status = 201;
      body = "{\"Id\":\"" + "2".repeat(64) + "\",\"Warnings\":[]}";
    } else if (method.equals("POST") && path.matches("/containers/[^/]+/start.*")) {
      status = 204;
      body = "";
    } else if (method.equals("GET") && path.matches("/containers/[^/]+/json.*")) {
      body =
          "{\"Id\":\""
              + "2".repeat(64)
              + "\",\"Name\":\"/berth-cds-db-1\",\"Image\":\"sha256:"
              + "1".repeat(64)
              + "\",\"State\":{\"Status\":\"running\",\"Running\":true,\"ExitCode\":0,"
              + "\"Health\":{\"Status\":\"healthy\",\"FailingStreak\":0,\"Log\":[]}},"
              + "\"Config\":{\"Labels\":{},\"Tty\":false},\"HostConfig\":{},"
              + "\"NetworkSettings\":{\"Networks\":{}}}";
    } else if (method.equals("POST") && path.startsWith("/volumes/create")) {
      status = 201;
      body = "{\"Name\":\"berth-cds_data\",\"Driver\":\"local\",\"Mountpoint\":\"/x\"}";
    } else {
      body = null;
    }
    if (body == null) {
      status = 404;
      body = "{\"message\":\"no such object: berth-cds\"}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + (status == 404 ? " Not Found" : status == 204 ? " No Content" : " OK")
            + "\r\nApi-Version: 1.43\r\nOstype: linux\r\nServer: berth-cds\r\n"
            + "Content-Type: "
            + (body.startsWith("{") || body.startsWith("[") ? "application/json" : "text/plain")
            + "\r\nContent-Length: "
            + bytes.length
            + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[headBytes.length + bytes.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(bytes, 0, all, headBytes.length, bytes.length);
    return all;
  }
}
