package dev.berth.runtime.registry;

import dev.berth.testkit.HostCommand;
import dev.berth.testkit.OciLayout;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code docker-registry} with an auth or TLS section the test kit's plain fixture lacks,
 * on a fixed port and storage dir so a test can kill it mid-transfer and start it again.
 */
public final class LocalRegistry implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final String extraConfig;
  private Process process;

  private LocalRegistry(Path dir, int port, String extraConfig) {
    this.dir = dir;
    this.port = port;
    this.extraConfig = extraConfig;
  }

  /**
   * Starts a registry storing in {@code dir}; {@code extraConfig} goes under {@code http:}'s peers.
   */
  public static LocalRegistry start(Path dir, String extraConfig) throws IOException {
    LocalRegistry r = new LocalRegistry(dir, freePort(), extraConfig);
    r.startProcess();
    return r;
  }

  /** The one login a {@link #withLogin} registry accepts. */
  public static final String USER = "berth";

  public static final String PASSWORD = "s3cret";

  /**
   * A registry storing in {@code dir} that takes only {@link #USER}/{@link #PASSWORD} (htpasswd
   * basic auth).
   */
  public static LocalRegistry withLogin(Path dir) throws IOException {
    Path htpasswd = Files.createDirectories(dir).resolve("htpasswd");
    try (InputStream in =
        LocalRegistry.class.getResourceAsStream("/registry/htpasswd_berth_s3cret")) {
      Files.write(htpasswd, in.readAllBytes());
    }
    return start(dir, "auth:\n  htpasswd:\n    realm: berth-test\n    path: " + htpasswd + "\n");
  }

  /**
   * Pushes {@code layout} here as {@code repository} ({@code name:tag}) with skopeo, logged in as
   * {@link #USER} (which a registry without auth ignores).
   */
  public void push(OciLayout layout, String repository) {
    HostCommand.runChecked(
        List.of(
            "skopeo",
            "--insecure-policy",
            "copy",
            "--dest-tls-verify=false",
            "--dest-creds",
            USER + ":" + PASSWORD,
            layout.transportReference(),
            "docker://" + host() + "/" + repository),
        Duration.ofSeconds(120));
  }

  public String host() {
    return "127.0.0.1:" + port;
  }

  /** SIGKILL, as a crash or a pulled cable would look to the client. */
  public void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Starts the registry again on the same port and storage. */
  public void restart() throws IOException {
    startProcess();
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }

  private void startProcess() throws IOException {
    String config =
        String.join(
                "\n",
                "version: 0.1",
                "log:",
                "  level: warn",
                "  accesslog:",
                "    disabled: true",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + dir.resolve("storage"),
                "http:",
                "  addr: 127.0.0.1:" + port)
            + "\n"
            + extraConfig;
    Path file = Files.writeString(dir.resolve("config.yml"), config);
    process =
        new ProcessBuilder("/usr/bin/docker-registry", "serve", file.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("registry.log").toFile()))
            .start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException(
            "docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
      }
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        sleep();
      }
    }
    process.destroyForcibly();
    throw new IOException("docker-registry did not listen on " + port);
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
