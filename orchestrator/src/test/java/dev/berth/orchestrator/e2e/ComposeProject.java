package dev.berth.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.orchestrator.cli.HostContext;
import dev.berth.testkit.HostCommand;
import dev.berth.testkit.RegistryFixture;
import dev.berth.testkit.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A compose project of one test: a temp directory holding {@code compose.yaml}, a unique project
 * name, {@code IMAGE} set to the test kit's busybox in the local registry, and {@code berth} run
 * in-process against {@link TestEngine}. {@link #close} runs {@code down -v --remove-orphans} and
 * removes anything labelled with the project that is left, so a failing test leaves nothing.
 */
final class ComposeProject implements AutoCloseable {
  private final Path dir;
  private final String name;
  private final Map<String, String> env = new HashMap<>();

  private ComposeProject(Path dir, String name) {
    this.dir = dir;
    this.name = name;
  }

  static ComposeProject create(String yaml) {
    try {
      Path dir = Files.createTempDirectory("berth-e2e");
      Files.writeString(dir.resolve("compose.yaml"), yaml);
      ComposeProject p =
          new ComposeProject(
              dir, "bt" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
      p.env.put("IMAGE", TestImages.pushStandard(RegistryFixture.shared()).busybox().reference());
      p.env.put("PATH", System.getenv("PATH"));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The busybox image reference {@code IMAGE} names. */
  String image() {
    return env.get("IMAGE");
  }

  String name() {
    return name;
  }

  Path dir() {
    return dir;
  }

  ComposeProject env(String key, String value) {
    env.put(key, value);
    return this;
  }

  /** {@code berth --host <engine> -p <name> ARGS} in the project directory. */
  ComposeRun berth(String... args) {
    List<String> all =
        new ArrayList<>(List.of("--host", "unix://" + TestEngine.socket(), "-p", name));
    all.addAll(Arrays.asList(args));
    return ComposeRun.of(HostContext.of(dir, env), all);
  }

  /** As {@link #berth} with {@code input} as standard input. */
  ComposeRun berthWithInput(String input, String... args) {
    List<String> all =
        new ArrayList<>(List.of("--host", "unix://" + TestEngine.socket(), "-p", name));
    all.addAll(Arrays.asList(args));
    return ComposeRun.of(HostContext.withInput(dir, env, input), all);
  }

  /** {@code docker ARGS} against the same engine; stdout, checked. */
  String docker(String... args) {
    return TestEngine.docker().runChecked(args).stdout();
  }

  /** Ids or names of the engine's objects labelled with this project. */
  List<String> leftovers() {
    String label = "label=com.docker.compose.project=" + name;
    List<String> out = new ArrayList<>();
    lines(docker("ps", "-a", "-q", "--filter", label)).forEach(c -> out.add("container " + c));
    lines(docker("network", "ls", "-q", "--filter", label)).forEach(n -> out.add("network " + n));
    lines(docker("volume", "ls", "-q", "--filter", label)).forEach(v -> out.add("volume " + v));
    return out;
  }

  void assertNothingLeft() {
    assertThat(leftovers()).as("engine objects of project " + name).isEmpty();
  }

  static List<String> lines(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  @Override
  public void close() {
    berth("down", "-v", "--remove-orphans", "-t", "0");
    String label = "label=com.docker.compose.project=" + name;
    for (String c : lines(docker("ps", "-a", "-q", "--filter", label))) {
      TestEngine.docker().run(java.time.Duration.ofSeconds(30), "rm", "-f", "-v", c);
    }
    for (String n : lines(docker("network", "ls", "-q", "--filter", label))) {
      TestEngine.docker().run(java.time.Duration.ofSeconds(30), "network", "rm", n);
    }
    for (String v : lines(docker("volume", "ls", "-q", "--filter", label))) {
      TestEngine.docker().run(java.time.Duration.ofSeconds(30), "volume", "rm", v);
    }
    HostCommand.run(List.of("rm", "-rf", dir.toString()), java.time.Duration.ofSeconds(30));
  }
}
