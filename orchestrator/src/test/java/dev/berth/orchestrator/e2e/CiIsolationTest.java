package dev.berth.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.orchestrator.cli.HostContext;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Parallel CI jobs on one host: port collisions named, replicas, and cleanup after a killed up. */
class CiIsolationTest {
  private static final String WEB =
      """
      services:
        web:
          image: ${IMAGE}
          command: ["sh", "-c", "exec sleep 600"]
          ports:
            - "127.0.0.1:${PORT}:80"
      """;

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void aTakenHostPort_isNamedWithTheProjectHoldingIt() throws Exception {
    String port = Integer.toString(freePort());
    try (ComposeProject first = ComposeProject.create(WEB);
        ComposeProject second = ComposeProject.create(WEB)) {
      first.env("PORT", port).berth("up", "-d").orFail();
      ComposeRun up = second.env("PORT", port).berth("up", "-d");
      assertThat(up.exitCode()).isEqualTo(1);
      assertThat(up.err())
          .contains(
              "port "
                  + port
                  + " is held by container "
                  + first.name()
                  + "-web-1 of project "
                  + first.name());
    }
  }

  @Test
  void aPortHeldOutsideTheEngine_isSaidSo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ComposeProject p = ComposeProject.create(WEB)) {
      ComposeRun up = p.env("PORT", Integer.toString(taken.getLocalPort())).berth("up", "-d");
      assertThat(up.exitCode()).isEqualTo(1);
      assertThat(up.err()).contains("held by a process outside the engine");
    }
  }

  @Test
  void scale_andDeployReplicas_numberTheContainers_andScaleDownRemovesTheExtra() throws Exception {
    String yaml =
        """
        services:
          worker:
            image: ${IMAGE}
            command: ["sh", "-c", "exec sleep 600"]
            deploy:
              replicas: 2
        """;
    try (ComposeProject p = ComposeProject.create(yaml)) {
      p.berth("up", "-d").orFail();
      assertThat(names(p)).containsExactly(p.name() + "-worker-1", p.name() + "-worker-2");
      p.berth("up", "-d", "--scale", "worker=3").orFail();
      assertThat(names(p))
          .containsExactly(p.name() + "-worker-1", p.name() + "-worker-2", p.name() + "-worker-3");
      p.berth("up", "-d", "--scale", "worker=1").orFail();
      assertThat(names(p)).containsExactly(p.name() + "-worker-1");
    }
  }

  @Test
  void afterUpIsKilledMidway_downByProjectNameAlone_removesEverything() throws Exception {
    String yaml =
        """
        services:
          db:
            image: ${IMAGE}
            command: ["sh", "-c", "exec sleep 600"]
            healthcheck:
              test: ["CMD-SHELL", "sleep 600"]
              interval: 1s
              timeout: 600s
            volumes: [data:/data]
          app:
            image: ${IMAGE}
            command: ["sh", "-c", "exec sleep 600"]
            depends_on:
              db:
                condition: service_healthy
        volumes:
          data:
        """;
    try (ComposeProject p = ComposeProject.create(yaml)) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(
          List.of(
              "-cp",
              System.getProperty("java.class.path"),
              "dev.berth.orchestrator.cli.BerthMain"));
      command.addAll(
          List.of("--host", "unix://" + TestEngine.socket(), "-p", p.name(), "up", "-d"));
      ProcessBuilder pb = new ProcessBuilder(command).directory(p.dir().toFile());
      pb.environment().put("IMAGE", p.image());
      pb.redirectErrorStream(true).redirectOutput(p.dir().resolve("up.out").toFile());
      Process up = pb.start();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(p.dir().resolve("up.out")).contains("-db-1  Waiting")
            && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        new ProcessBuilder("kill", "-KILL", Long.toString(up.pid())).start().waitFor();
        up.waitFor(10, TimeUnit.SECONDS);
      } finally {
        up.destroyForcibly();
      }
      assertThat(p.leftovers()).isNotEmpty();

      Path elsewhere = Files.createTempDirectory("berth-no-compose-file");
      try {
        ComposeRun down =
            ComposeRun.of(
                HostContext.of(elsewhere, Map.of()),
                List.of(
                    "--host",
                    "unix://" + TestEngine.socket(),
                    "-p",
                    p.name(),
                    "down",
                    "-v",
                    "-t",
                    "0"));
        assertThat(down.exitCode()).as(down.err()).isZero();
        p.assertNothingLeft();
      } finally {
        Files.deleteIfExists(elsewhere);
      }
    }
  }

  private static List<String> names(ComposeProject p) {
    return ComposeProject.lines(
            p.docker(
                "ps",
                "--format",
                "{{.Names}}",
                "--filter",
                "label=com.docker.compose.project=" + p.name()))
        .stream()
        .sorted()
        .toList();
  }
}
