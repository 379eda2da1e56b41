package dev.berth.runtime.clients;

import dev.berth.runtime.server.Berthd;
import dev.berth.runtime.server.IsolatedBerthds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * One engine, open for one test: its socket, the clients bound to it, and what the test created
 * there, removed on close (even when the test failed) before a berthd the test started stops.
 */
public final class ClientEngine implements AutoCloseable {
  private final EngineKind kind;
  private final Path socket;
  private final Path temp;
  private final Berthd berthd;
  private final RecordingProxy recorder;
  private final String scenario;
  private final Deque<List<String>> cleanups = new ArrayDeque<>();

  ClientEngine(EngineKind kind, Path engineSocket, Path temp, Berthd berthd, String scenario) {
    this.kind = kind;
    this.scenario = scenario;
    this.temp = temp;
    this.berthd = berthd;
    this.recorder = recorderFor(engineSocket, temp);
    this.socket = recorder == null ? engineSocket : recorder.socket();
  }

  /** With {@code -Dberth.clients.recordTo=DIR}, clients talk through a {@link RecordingProxy}. */
  private static RecordingProxy recorderFor(Path engineSocket, Path temp) {
    if (System.getProperty(RecordingProxy.PROPERTY) == null) {
      return null;
    }
    try {
      return RecordingProxy.start(temp.resolve("rec.sock"), engineSocket);
    } catch (IOException e) {
      throw new UncheckedIOException("starting the recording proxy", e);
    }
  }

  /** Writes the endpoints the scenario used to {@code DIR/ENGINE-SCENARIO.txt} when recording. */
  private void record() {
    if (recorder == null) {
      return;
    }
    Path dir = Path.of(System.getProperty(RecordingProxy.PROPERTY));
    try {
      Files.createDirectories(dir);
      Files.write(
          dir.resolve(kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + scenario + ".txt"),
          new java.util.TreeSet<>(recorder.requests()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public EngineKind kind() {
    return kind;
  }

  /** {@code unix:///...}, for {@code DOCKER_HOST} and {@code docker -H}. */
  public String host() {
    return "unix://" + socket;
  }

  public Path socket() {
    return socket;
  }

  /** The docker CLI (v28) bound to this engine, with an empty config directory of its own. */
  public ClientCommand docker() {
    return new ClientCommand(List.of(DockerBinary.path().toString()), env(), temp);
  }

  /** Debian's docker-compose v1 bound to this engine. */
  public ClientCommand dockerComposeV1() {
    return new ClientCommand(List.of("/usr/bin/docker-compose"), env(), temp);
  }

  /** What every client gets: this engine as DOCKER_HOST and a private, empty client config. */
  public Map<String, String> env() {
    Path config = temp.resolve("docker-config");
    try {
      Files.createDirectories(config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of("DOCKER_HOST", host(), "DOCKER_CONFIG", config.toString());
  }

  /** Removes {@code docker ARGS} on close, e.g. {@code rm -f NAME}; later ones go first. */
  public void removeOnClose(String... dockerArgs) {
    cleanups.push(List.of(dockerArgs));
  }

  @Override
  public void close() {
    try {
      while (!cleanups.isEmpty()) {
        docker().runQuietly(cleanups.pop().toArray(String[]::new));
      }
    } finally {
      closeRecorder();
      if (berthd != null) {
        try {
          IsolatedBerthds.removeNetworks(berthd); // its bridges and firewall state go too
        } catch (Exception e) {
          throw new IllegalStateException("removing the test berthd's networks: " + e, e);
        } finally {
          berthd.close();
        }
      }
    }
  }

  private void closeRecorder() {
    if (recorder != null) {
      try {
        record();
        recorder.close();
      } catch (IOException e) {
        // a stale proxy socket in the test's temp dir goes with it
      }
    }
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " at " + socket;
  }
}
