package dev.berth.orchestrator.e2e;

import dev.berth.testkit.DockerCli;
import dev.berth.testkit.DockerdFixture;
import java.nio.file.Path;

/**
 * The engine the end-to-end suite drives, chosen in one place: system property {@code
 * berth.test.engine} = {@code dockerd} (default, Debian's dockerd from the test kit) or {@code
 * berthd}. A choice that cannot be honoured fails the tests; it never skips them.
 */
final class TestEngine {
  static final String PROPERTY = "berth.test.engine";

  private TestEngine() {}

  static String name() {
    return System.getProperty(PROPERTY, "dockerd");
  }

  /** The engine's unix socket. */
  static Path socket() {
    return switch (name()) {
      case "dockerd" -> DockerdFixture.shared().socket();
      case "berthd" ->
          throw new IllegalStateException(
              "berth.test.engine=berthd: berthd's container endpoints are not wired yet;"
                  + " run with -Dberth.test.engine=dockerd");
      default ->
          throw new IllegalStateException(
              "unknown " + PROPERTY + "=" + name() + ": use dockerd or berthd");
    };
  }

  /** {@code docker -H unix://<socket>}, to look at the engine independently of berth. */
  static DockerCli docker() {
    return new DockerCli("unix://" + socket());
  }
}
