package dev.berth.orchestrator.e2e;

import dev.berth.testkit.DockerCli;
import dev.berth.testkit.DockerdFixture;
import dev.berth.testkit.HostCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine the end-to-end suite drives, chosen in one place: system property {@code
 * berth.test.engine} = {@code dockerd} (default, Debian's dockerd from the test kit) or {@code
 * berthd} (a berthd this JVM starts, see {@link SharedBerthd}). The orchestrator's build runs the
 * suite once with each. A choice that cannot be honoured fails the tests; it never skips them.
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
      case "berthd" -> SharedBerthd.socket();
      default ->
          throw new IllegalStateException(
              "unknown " + PROPERTY + "=" + name() + ": use dockerd or berthd");
    };
  }

  /** The name of the first component {@code /version} reports: {@code berthd} for berthd. */
  static String reportedComponent() {
    return docker()
        .runChecked("version", "--format", "{{(index .Server.Components 0).Name}}")
        .stdout()
        .strip();
  }

  /**
   * Lets containers on the networks of {@code project} reach each other until closed. The test
   * kit's dockerd runs with {@code --iptables=false} while the host's FORWARD policy is DROP (and
   * bridged frames pass iptables), so for dockerd an ACCEPT rule per network bridge ({@code br-} +
   * id) is inserted and removed again; berthd manages its own forwarding, so nothing is done.
   */
  static AllowedTraffic allowTrafficWithinNetworksOf(String project) {
    List<List<String>> rules = new ArrayList<>();
    if (!name().equals("dockerd")) {
      return new AllowedTraffic(rules);
    }
    String ids =
        docker()
            .runChecked(
                "network",
                "ls",
                "-q",
                "--no-trunc",
                "--filter",
                "label=com.docker.compose.project=" + project)
            .stdout();
    for (String id : ComposeProject.lines(ids)) {
      String bridge = "br-" + id.substring(0, 12);
      List<String> rule = List.of("FORWARD", "-i", bridge, "-o", bridge, "-j", "ACCEPT");
      iptables("-I", rule);
      rules.add(rule);
    }
    return new AllowedTraffic(rules);
  }

  static void iptables(String action, List<String> rule) {
    List<String> command = new ArrayList<>(List.of("iptables", "-w", action));
    command.addAll(rule);
    HostCommand.runChecked(command, Duration.ofSeconds(30));
  }

  /** {@code docker -H unix://<socket>}, to look at the engine independently of berth. */
  static DockerCli docker() {
    return new DockerCli("unix://" + socket());
  }
}
