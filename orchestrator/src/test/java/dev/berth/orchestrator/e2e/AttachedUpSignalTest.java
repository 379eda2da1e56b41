package dev.berth.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An attached {@code up} in its own process: the first SIGINT stops the containers gracefully. */
class AttachedUpSignalTest {

  @Test
  void firstInterrupt_stopsTheContainersGracefully_andUpExitsZero() throws Exception {
    String yaml =
        """
        services:
          web:
            image: ${IMAGE}
            command: ["sh", "-c", "trap 'echo got TERM; exit 0' TERM; echo serving; while true; do sleep 0.2; done"]
        """;
    try (ComposeProject p = ComposeProject.create(yaml)) {
      Path out = p.dir().resolve("up.out");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add("dev.berth.orchestrator.cli.BerthMain");
      command.addAll(
          List.of("--host", "unix://" + TestEngine.socket(), "-p", p.name(), "up", "-t", "5"));
      ProcessBuilder pb = new ProcessBuilder(command).directory(p.dir().toFile());
      pb.environment().put("IMAGE", p.image());
      pb.redirectErrorStream(true).redirectOutput(out.toFile());
      Process up = pb.start();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(out).contains("web-1  | serving")
            && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertThat(Files.readString(out)).contains("web-1  | serving");
        new ProcessBuilder("kill", "-INT", Long.toString(up.pid())).start().waitFor();
        assertThat(up.waitFor(30, TimeUnit.SECONDS)).as(Files.readString(out)).isTrue();
        String text = Files.readString(out);
        assertThat(up.exitValue()).as(text).isZero();
        assertThat(text)
            .contains("Gracefully stopping...")
            .contains("web-1  | got TERM")
            .contains("web-1 exited with code 0");
        assertThat(p.docker("inspect", "-f", "{{.State.Status}}", p.name() + "-web-1").strip())
            .isEqualTo("exited");
      } finally {
        up.destroyForcibly();
        up.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
