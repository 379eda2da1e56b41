package dev.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Debian's {@code docker-registry} (distribution v2.8) serving plain HTTP on a free loopback port,
 * with its storage in a fresh temp dir.
 */
public final class RegistryFixture implements AutoCloseable {

  /** The registry binary, from Debian's {@code docker-registry} package. */
  public static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private static final Duration STARTUP = Duration.ofSeconds(20);
  private static final int PORT_ATTEMPTS = 3;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static RegistryFixture shared;

  private final Path dir;
  private final int port;
  private final OwnedProcess process;
  private final boolean sharedInstance;

  private RegistryFixture(Path dir, int port, OwnedProcess process, boolean sharedInstance) {
    this.dir = dir;
    this.port = port;
    this.process = process;
    this.sharedInstance = sharedInstance;
  }

  /** Starts a registry of its own; the caller closes it. */
  public static RegistryFixture start() {
    Path dir = TempDirs.create("registry");
    try {
      IllegalStateException lastFailure = null;
      for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
        int port = FreePort.onLoopback();
        OwnedProcess process =
            OwnedProcess.start(
                List.of(BINARY.toString(), "serve", writeConfig(dir, port).toString()),
                dir.resolve("registry.log"));
        RegistryFixture registry = new RegistryFixture(dir, port, process, false);
        try {
          registry.awaitReady();
          return registry;
        } catch (IllegalStateException e) {
          boolean died = !process.isAlive();
          process.stop(Duration.ofSeconds(5));
          if (!died) {
            throw e;
          }
          // most likely another process took the port between probing and binding: try again
          lastFailure = e;
        }
      }
      throw lastFailure;
    } catch (RuntimeException e) {
      TempDirs.deleteRecursively(dir);
      throw e;
    }
  }

  /** One registry per JVM, started on first use; closing it does nothing, JVM exit stops it. */
  public static synchronized RegistryFixture shared() {
    if (shared == null) {
      RegistryFixture started = start();
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "berth-test-registry"));
      shared = new RegistryFixture(started.dir, started.port, started.process, true);
    }
    return shared;
  }

  /** {@code 127.0.0.1:PORT}, the registry part of an image reference. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  /** {@code 127.0.0.1:PORT/<repoAndTag>}, e.g. {@code reference("busybox:latest")}. */
  public String reference(String repoAndTag) {
    return host() + "/" + repoAndTag;
  }

  /** The registry's base URL, {@code http://127.0.0.1:PORT}. */
  public URI baseUri() {
    return URI.create("http://" + host());
  }

  /** The file the registry logs to. */
  public Path log() {
    return dir.resolve("registry.log");
  }

  /** GETs {@code path} (e.g. {@code /v2/busybox/tags/list}) and returns status and body. */
  public HttpResponse<String> get(String path) {
    return get(path, "*/*");
  }

  /**
   * GETs {@code path} with an {@code Accept} header. The registry answers 404 for an OCI manifest
   * unless {@code accept} names {@code application/vnd.oci.image.manifest.v1+json}.
   */
  public HttpResponse<String> get(String path, String accept) {
    HttpRequest request =
        HttpRequest.newBuilder(baseUri().resolve(path))
            .header("Accept", accept)
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + baseUri().resolve(path) + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during GET " + path, e);
    }
  }

  /** Whether the registry process this fixture started is still running. */
  public boolean isRunning() {
    return process.isAlive();
  }

  /** Stops the registry this fixture started and deletes its storage; not the shared one. */
  @Override
  public void close() {
    if (!sharedInstance) {
      stop();
    }
  }

  private void stop() {
    process.stop(Duration.ofSeconds(5));
    TempDirs.deleteRecursively(dir);
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      process.failIfDead("answering GET /v2/");
      if (answers()) {
        return;
      }
      Pause.of(Duration.ofMillis(50));
    }
    throw new IllegalStateException(
        "registry "
            + process
            + " did not answer GET /v2/ within "
            + STARTUP
            + ":\n"
            + process.logTail());
  }

  private boolean answers() {
    try {
      return get("/v2/").statusCode() == 200;
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  private static Path writeConfig(Path dir, int port) {
    String config =
        String.join(
            "\n",
            "version: 0.1",
            "log:",
            "  level: info",
            "  accesslog:",
            "    disabled: true",
            "storage:",
            "  filesystem:",
            "    rootdirectory: " + dir.resolve("storage"),
            "  delete:",
            "    enabled: true",
            "http:",
            "  addr: 127.0.0.1:" + port,
            "");
    try {
      return Files.writeString(dir.resolve("config.yml"), config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the registry config in " + dir, e);
    }
  }
}
