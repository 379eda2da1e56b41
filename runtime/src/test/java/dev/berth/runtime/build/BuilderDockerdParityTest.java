package dev.berth.runtime.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.testkit.DockerdFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same Dockerfile built by berth and by dockerd's classic builder (the reference engine): the
 * image configs and the files the images hold must agree.
 */
class BuilderDockerdParityTest {
  private static final String DOCKERFILE =
      "FROM scratch AS base\n"
          + "COPY busybox /bin/busybox\n"
          + "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n"
          + "RUN mkdir -p /gone-dir && echo doomed > /gone-dir/doomed\n"
          + "FROM base\n"
          + "ARG V=7\n"
          + "ENV A=$V B=\"x y\" C=${UNSET:-dflt}\n"
          + "LABEL l1=a \"l 2\"=b\n"
          + "EXPOSE 80 53/udp\n"
          + "VOLUME /vol\n"
          + "WORKDIR /w\n"
          + "COPY --chown=1000:1000 f.txt sub/\n"
          + "COPY dir /w/dir/\n"
          + "RUN echo made-$A > made && rm -rf /gone-dir && chmod 751 /w/dir\n"
          + "STOPSIGNAL SIGQUIT\n"
          + "HEALTHCHECK --interval=3s --retries=4 CMD true\n"
          + "SHELL [\"/bin/sh\", \"-xc\"]\n"
          + "USER 1000:1000\n"
          + "CMD echo hi\n";
  private static final String[] LISTING = {
    "sh",
    "-c",
    "stat -c '%n %a %u:%g %s' /w /w/sub /w/sub/f.txt /w/dir /w/dir/a /w/made; cat /w/made;"
        + " ls / | grep gone; echo end"
  };

  private static BuildEngine engine;
  private static DockerdFixture dockerd;
  private static final String TAG = "berth-parity-" + ProcessHandle.current().pid() + ":1";

  @TempDir Path context;

  @BeforeAll
  static void start() throws Exception {
    dockerd = DockerdFixture.shared();
    engine = new BuildEngine();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      dockerd.cli().run(java.time.Duration.ofSeconds(60), "rmi", "-f", TAG);
    } finally {
      engine.close();
    }
  }

  @Test
  void build_sameDockerfile_givesTheSameConfigAndFilesAsDockerd() throws Exception {
    Files.copy(
        Path.of("/bin/busybox"), context.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.writeString(context.resolve("f.txt"), "file\n");
    Files.createDirectories(context.resolve("dir"));
    Files.writeString(context.resolve("dir/a"), "aaa\n");
    Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);

    engine.build(BuildRequest.of(context, TAG), new ArrayList<>());
    String built = docker("build", "--network", "none", "-t", TAG, context.toString());
    assertThat(built).contains("Successfully tagged");

    JsonNode theirs =
        new ObjectMapper()
            .readTree(docker("image", "inspect", "--format", "{{json .Config}}", TAG));
    JsonNode ours =
        new ObjectMapper()
            .readTree(engine.store.blobs().read(engine.store.get(TAG).id()))
            .get("config");
    for (String field :
        List.of(
            "Env",
            "Cmd",
            "Entrypoint",
            "WorkingDir",
            "User",
            "ExposedPorts",
            "Volumes",
            "Labels",
            "StopSignal",
            "Healthcheck",
            "Shell")) {
      assertThat(normalize(ours.get(field))).as(field).isEqualTo(normalize(theirs.get(field)));
    }
    List<String> dockerFiles =
        docker("run", "--rm", "--network", "none", TAG, LISTING[0], LISTING[1], LISTING[2])
            .lines()
            .toList();
    assertThat(engine.run(TAG, LISTING)).isEqualTo(dockerFiles);
  }

  /** JSON null and empty values mean the same; object keys compare in order. */
  private static Object normalize(JsonNode node) {
    if (node == null || node.isNull() || (node.isContainerNode() && node.isEmpty())) {
      return "";
    }
    if (node.isObject()) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      node.fields().forEachRemaining(e -> sorted.put(e.getKey(), normalize(e.getValue())));
      return sorted;
    }
    return node.toString();
  }

  private static String docker(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("docker", "-H", dockerd.host()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("DOCKER_BUILDKIT", "0");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("docker " + String.join(" ", args) + " failed:\n" + out);
    }
    return out;
  }
}
