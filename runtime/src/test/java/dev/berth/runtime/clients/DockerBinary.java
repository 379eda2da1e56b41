package dev.berth.runtime.clients;

import java.nio.file.Files;
import java.nio.file.Path;

/** The docker CLI the scenarios use: the static v28 client in /usr/local/bin (bin/setup-host). */
final class DockerBinary {
  private static final Path V28 = Path.of("/usr/local/bin/docker");

  private DockerBinary() {}

  static Path path() {
    if (!Files.isExecutable(V28)) {
      throw new IllegalStateException(
          V28 + " is missing: bin/setup-host installs the docker CLI v28 the client tests need");
    }
    return V28;
  }
}
