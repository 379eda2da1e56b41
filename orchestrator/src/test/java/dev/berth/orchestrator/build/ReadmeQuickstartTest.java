package dev.berth.orchestrator.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.orchestrator.engine.IsolatedDaemon;
import dev.berth.testkit.HostCommand;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's first command, run as written in a fresh clone of this repository, as a new user would:
 * it sets up the host, builds berth, starts berthd on demand, brings the quickstart up and fetches
 * its published URL. berthd gets a root and network names of its own through the environment (the
 * command is not changed) and everything is taken down afterwards.
 */
class ReadmeQuickstartTest {
  private static final Pattern QUICKSTART =
      Pattern.compile("\\*\\*Quickstart\\*\\*.*?```sh\\n(.*?)\\n\\s*```", Pattern.DOTALL);

  @Test
  void theQuickstartCommand_fromACleanClone_bringsUpTheExampleAndItsUrlAnswers(@TempDir Path temp)
      throws Exception {
    Path repo = ExamplesTest.example("quickstart").getParent().getParent();
    String command = quickstartCommand(Files.readString(repo.resolve("README.md")));
    assertThat(command).startsWith("bin/setup-host && bin/berth").contains("curl");
    assertThat(portInUse(8080))
        .as("the quickstart publishes 127.0.0.1:8080; it is taken")
        .isFalse();

    Path clone = temp.resolve("clone");
    HostCommand.runChecked(
        List.of("git", "clone", "-q", repo.toString(), clone.toString()), Duration.ofMinutes(2));
    IsolatedDaemon isolated = new IsolatedDaemon();
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("BERTH_ROOT", temp.resolve("root").toString());
    env.put("BERTH_EXEC_ROOT", temp.resolve("run").toString());
    env.remove("BERTH_HOST");
    env.putAll(isolated.env());
    // the warm CLI server the first command leaves: in a directory of this test's, ended below
    Path runtimeDir = Files.createDirectory(temp.resolve("xdg"));
    Files.setPosixFilePermissions(runtimeDir, PosixFilePermissions.fromString("rwx------"));
    env.put("XDG_RUNTIME_DIR", runtimeDir.toString());
    try {
      HostCommand.Result run = bash(clone, env, command, Duration.ofMinutes(15));
      assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
      assertThat(run.stdout()).contains("\"message\": \"hello from the api\"", "\"visits\": 1");
    } finally {
      bash(
          clone,
          env,
          "bin/berth -f examples/quickstart/compose.yaml down -v; bin/berth engine stop",
          Duration.ofMinutes(3));
      isolated.removeNetworks(temp.resolve("root"), temp.resolve("run"));
      stopWarmServers(runtimeDir.resolve("berth-cli"));
    }
  }

  /**
   * Ends the warm CLI servers whose pid files are in {@code dir} (started by this test's berth).
   */
  private static void stopWarmServers(Path dir) throws IOException, InterruptedException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path pidFile : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        var process = ProcessHandle.of(pid);
        if (process.isPresent()) {
          process.get().destroy();
          process.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
      }
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("a warm CLI server did not end", e);
    }
  }

  static String quickstartCommand(String readme) {
    Matcher m = QUICKSTART.matcher(readme);
    assertThat(m.find()).as("README.md has a Quickstart command in a sh block").isTrue();
    return m.group(1).strip();
  }

  private static HostCommand.Result bash(
      Path dir, Map<String, String> env, String script, Duration timeout) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("env");
    command.add("-i");
    env.forEach((k, v) -> command.add(k + "=" + v));
    command.addAll(List.of("bash", "-c", "cd " + dir + " && " + script));
    return HostCommand.run(command, timeout);
  }

  private static boolean portInUse(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
