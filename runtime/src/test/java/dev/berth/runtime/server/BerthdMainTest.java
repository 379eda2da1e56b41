package dev.berth.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.runtime.api.EngineClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The berthd command: exit codes, and SIGTERM as a real process receives it. */
class BerthdMainTest {
  @TempDir Path dir;
  private final IsolatedBerthds isolated = new IsolatedBerthds();

  @org.junit.jupiter.api.AfterEach
  void removeNetworks() throws Exception {
    isolated.cleanUp();
  }

  @Test
  void run_onARootAnotherBerthdHolds_exits1WithTheReason() throws Exception {
    Berthd.Config config = isolated.config(dir.resolve("root"), dir.resolve("exec"), null);
    try (Berthd first = Berthd.start(config)) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();

      int code =
          BerthdMain.run(
              new String[] {
                "--root", config.root().toString(), "--socket", dir.resolve("x.sock").toString()
              },
              new PrintWriter(out, true),
              new PrintWriter(err, true));

      assertThat(code).isEqualTo(1);
      assertThat(err.toString()).startsWith("berthd: another berthd (pid ");
      assertThat(out.toString()).isEmpty();
    }
  }

  @Test
  void run_withAConfigFileKeyBerthdDoesNotRead_exits1NamingFileAndKey() throws Exception {
    Path file = dir.resolve("daemon.json");
    java.nio.file.Files.writeString(
        file, "{\"registry-mirrors\": [\"https://m.example\"], \"log-driver\": \"journald\"}");
    StringWriter err = new StringWriter();

    int code =
        BerthdMain.run(
            new String[] {
              "--root", dir.resolve("root").toString(), "--config-file", file.toString()
            },
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true));

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("berthd: " + file + ": berthd does not support log-driver")
        .contains("registry-mirrors");
    assertThat(dir.resolve("root")).doesNotExist();
  }

  @Test
  void run_withAnUnknownOption_exits2() {
    StringWriter err = new StringWriter();
    int code =
        BerthdMain.run(
            new String[] {"--frobnicate"},
            new PrintWriter(new StringWriter()),
            new PrintWriter(err));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--frobnicate");
  }

  @Test
  void sigterm_stopsCleanly_removingTheSocketAndReleasingTheRoot() throws Exception {
    Path root = dir.resolve("root");
    Path socket = dir.resolve("exec/berth.sock");
    Path output = dir.resolve("output.txt");
    Berthd.Config config = isolated.config(root, dir.resolve("exec"), null);
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                BerthdMain.class.getName(),
                "--root",
                root.toString(),
                "--exec-root",
                dir.resolve("exec").toString()));
    command.addAll(IsolatedBerthds.options(config.network()));
    Process berthd =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(socket));
      try (EngineClient client = EngineClient.forUnixSocket(socket, Duration.ofSeconds(10))) {
        assertThat(client.version().isBerthd()).isTrue();
      }

      berthd.destroy();

      assertThat(berthd.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(berthd.exitValue()).isEqualTo(143);
      assertThat(socket).doesNotExist();
      assertThat(root.resolve(Berthd.LOG_FILE))
          .content()
          .contains("berthd stopped; containers keep running");
      assertThat(output).as("berthd writes only to its log file").isEmptyFile();
      Berthd.start(config).close();
    } finally {
      berthd.destroyForcibly();
      berthd.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
