package dev.berth.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Stand-ins for compose-spec's conformance-tests images ({@code composespec/conformance-tests-
 * server} and {@code -client}, Go binaries on Docker Hub that cannot be fetched here), built from
 * busybox-static: the server answers {@code /ping}, {@code /volumefile} and {@code /scalechecker}
 * on port 8080 as the Go server does (an {@code nc -ll} loop running a shell handler) and echoes
 * UDP on 10001 (a small static C program compiled with the host's gcc); the client reports its
 * hostname to {@code server:8080/scalechecker} and exits.
 */
public final class ConformanceImages {
  /** The repository names the conformance compose files use. */
  public static final String SERVER = "composespec/conformance-tests-server";

  public static final String CLIENT = "composespec/conformance-tests-client";

  private static final String RESOURCES = "/dev/berth/testkit/conformance/";
  private static volatile Layer programs;

  private ConformanceImages() {}

  /** The server image, tagged {@code latest}: runs {@code /conformance/start.sh}. */
  public static TestImage server() {
    return new TestImage(
        SERVER,
        "latest",
        List.of(TestImages.busybox().layers().get(0), programs()),
        Map.of("dev.berth.test.image", "conformance-server"),
        List.of("/conformance/start.sh"));
  }

  /** The client image, tagged {@code latest}: runs {@code /conformance/client.sh}. */
  public static TestImage client() {
    return new TestImage(
        CLIENT,
        "latest",
        List.of(TestImages.busybox().layers().get(0), programs()),
        Map.of("dev.berth.test.image", "conformance-client"),
        List.of("/conformance/client.sh"));
  }

  private static Layer programs() {
    if (programs == null) {
      synchronized (ConformanceImages.class) {
        if (programs == null) {
          programs =
              Layer.of(
                  List.of(
                      LayerEntry.directory("conformance", 0755),
                      LayerEntry.file("conformance/start.sh", 0755, resource("start.sh")),
                      LayerEntry.file("conformance/handler.sh", 0755, resource("handler.sh")),
                      LayerEntry.file("conformance/client.sh", 0755, resource("client.sh")),
                      LayerEntry.directory("volumes", 0755),
                      LayerEntry.file("bin/udp-echo", 0755, udpEcho())));
        }
      }
    }
    return programs;
  }

  /** Compiles udp-echo.c statically with the host's gcc (bin/setup-host installs it). */
  private static byte[] udpEcho() {
    Path dir = TempDirs.create("udp-echo");
    try {
      Path source = dir.resolve("udp-echo.c");
      Files.write(source, resource("udp-echo.c"));
      Path binary = dir.resolve("udp-echo");
      HostCommand.runChecked(
          List.of("gcc", "-static", "-O2", "-s", "-o", binary.toString(), source.toString()),
          Duration.ofMinutes(1));
      return Files.readAllBytes(binary);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      TempDirs.deleteRecursively(dir);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = ConformanceImages.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("test kit resource missing: " + RESOURCES + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
