package dev.berth.orchestrator.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth build} and the builds {@code up} makes, against a berthd started here. Every image
 * is built {@code FROM scratch} with the host's busybox as the additional context {@code bb}.
 */
class BuildTest {
  private static final String BASE =
      """
      FROM scratch
      COPY --from=bb busybox /bin/busybox
      RUN ["/bin/busybox", "--install", "-s", "/bin"]
      """;

  private static LocalBerthd berthd;

  @BeforeAll
  static void startBerthd() throws Exception {
    berthd = LocalBerthd.start();
    berthd.assertIsBerthd();
  }

  @AfterAll
  static void stopBerthd() throws Exception {
    if (berthd != null) {
      berthd.close();
    }
  }

  private static Path project(Path dir, String compose, String dockerfile) throws Exception {
    Files.writeString(dir.resolve("compose.yaml"), compose);
    Files.writeString(dir.resolve("Dockerfile"), BASE + dockerfile);
    return dir;
  }

  private static void projectWithOwnDockerfile(Path dir, String compose, String dockerfile)
      throws Exception {
    Files.writeString(dir.resolve("compose.yaml"), compose);
    Files.writeString(dir.resolve("Dockerfile"), dockerfile);
  }

  private static LocalBerthd.Run berth(Path dir, String... args) {
    return berthd.berth(dir, Map.of("PATH", System.getenv("PATH")), args);
  }

  private static String images() {
    return berthd
        .docker()
        .runChecked("image", "ls", "--format", "{{.Repository}}:{{.Tag}}")
        .stdout();
  }

  @Test
  void build_namesImagesProjectDashService_andBuildsASharedImageOnce(@TempDir Path dir)
      throws Exception {
    project(
        dir,
        """
        name: bnames
        x-build: &b
          context: .
          additional_contexts: {bb: /bin}
        services:
          one: {build: *b, image: bnames/shared, command: ["true"]}
          two: {build: *b, image: bnames/shared, command: ["true"]}
          own:
            build:
              <<: *b
              args: {GREETING: from-compose}
              labels: {dev.berth.test: built}
              tags: ["bnames/extra:1"]
            command: ["true"]
        """,
        """
        ARG GREETING=unset
        RUN echo "greeting=$GREETING" > /greeting && cat /greeting
        """);

    LocalBerthd.Run run = berth(dir, "build", "--build-arg", "GREETING=from-cli").orFail();

    assertThat(run.err()).containsOnlyOnce("Image bnames/shared  Building");
    assertThat(run.err()).contains("Image bnames-own  Built").contains("one  | greeting=from-cli");
    assertThat(images()).contains("bnames/shared:latest", "bnames-own:latest", "bnames/extra:1");
    assertThat(
            berthd
                .docker()
                .runChecked(
                    "image",
                    "inspect",
                    "--format",
                    "{{index .Config.Labels \"dev.berth.test\"}}",
                    "bnames-own")
                .stdout())
        .contains("built");
  }

  @Test
  void up_buildsMissingImagesOnly_rebuildsWithBuild_andNoBuildRefusesMissingOnes(@TempDir Path dir)
      throws Exception {
    project(
        dir,
        """
        name: bup
        services:
          app:
            build: {context: ., additional_contexts: {bb: /bin}}
            command: ["sleep", "30"]
        """,
        "");
    try {
      LocalBerthd.Run noBuild = berth(dir, "up", "-d", "--no-build");
      assertThat(noBuild.exitCode()).isNotZero();
      assertThat(noBuild.err()).contains("bup-app", "not found", "--no-build");

      assertThat(berth(dir, "up", "-d").orFail().err()).contains("Image bup-app  Built");
      assertThat(berth(dir, "up", "-d").orFail().err()).doesNotContain("Building");
      assertThat(berth(dir, "up", "-d", "--build").orFail().err())
          .contains("Image bup-app  Building");
      assertThat(berth(dir, "up", "-d", "--no-build").orFail().err()).doesNotContain("Building");
      assertThat(berth(dir, "ps", "--format", "{{.Image}}").orFail().out()).contains("bup-app");
    } finally {
      berth(dir, "down", "-v", "-t", "0").orFail();
    }
  }

  @Test
  void upBuild_afterASourceChange_recreatesTheContainerOnTheNewImage(@TempDir Path dir)
      throws Exception {
    project(
        dir,
        """
        name: brecreate
        services:
          app:
            build: {context: ., additional_contexts: {bb: /bin}}
            command: ["sleep", "30"]
        """,
        "COPY version.txt /\n");
    Files.writeString(dir.resolve("version.txt"), "1\n");
    try {
      berth(dir, "up", "-d").orFail();
      String first = containerId(dir);
      berth(dir, "up", "-d", "--build").orFail();
      assertThat(containerId(dir))
          .as("unchanged sources: same image, same container")
          .isEqualTo(first);

      Files.writeString(dir.resolve("version.txt"), "2\n");
      berth(dir, "up", "-d", "--build").orFail();

      assertThat(containerId(dir)).isNotEqualTo(first);
      assertThat(
              berthd.docker().runChecked("exec", "brecreate-app-1", "cat", "/version.txt").stdout())
          .isEqualTo("2\n");
    } finally {
      berth(dir, "down", "-v", "-t", "0").orFail();
    }
  }

  private static String containerId(Path dir) {
    return berth(dir, "ps", "-q").orFail().out().strip();
  }

  @Test
  void pullPolicyBuild_buildsOnEveryUp(@TempDir Path dir) throws Exception {
    project(
        dir,
        """
        name: bpolicy
        services:
          app:
            build: {context: ., additional_contexts: {bb: /bin}}
            pull_policy: build
            command: ["true"]
        """,
        "");
    try {
      assertThat(berth(dir, "up", "-d").orFail().err()).contains("Image bpolicy-app  Built");
      assertThat(berth(dir, "up", "-d").orFail().err()).contains("Image bpolicy-app  Built");
    } finally {
      berth(dir, "down", "-v", "-t", "0").orFail();
    }
  }

  @Test
  void build_honoursDockerignore_andDockerfileInline(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(".dockerignore"), "secret*\n!secret-but-kept\n");
    Files.writeString(dir.resolve("secret.key"), "hidden");
    Files.writeString(dir.resolve("secret-but-kept"), "kept");
    Files.writeString(dir.resolve("plain.txt"), "plain");
    Files.writeString(
        dir.resolve("compose.yaml"),
        """
        name: bignore
        services:
          app:
            build:
              context: .
              additional_contexts: {bb: /bin}
              dockerfile_inline: |
                FROM scratch
                COPY --from=bb busybox /bin/busybox
                RUN ["/bin/busybox", "--install", "-s", "/bin"]
                COPY . /ctx/
                RUN ls /ctx | sort | tr '\\n' ' ' && echo
        """);

    LocalBerthd.Run run = berth(dir, "build", "--no-cache").orFail();

    assertThat(run.err()).contains("app  | compose.yaml plain.txt secret-but-kept");
    assertThat(run.err()).doesNotContain("secret.key");
  }

  @Test
  void downRmi_localRemovesDefaultNamedBuilds_allRemovesEveryServiceImage(@TempDir Path dir)
      throws Exception {
    project(
        dir,
        """
        name: brmi
        x-build: &b
          context: .
          additional_contexts: {bb: /bin}
        services:
          plain: {build: *b, command: ["sleep", "600"]}
          tagged: {build: *b, image: brmi/tagged, command: ["sleep", "600"]}
        """,
        "");
    berth(dir, "up", "-d").orFail();
    assertThat(images()).contains("brmi-plain:latest", "brmi/tagged:latest");

    LocalBerthd.Run local = berth(dir, "down", "-t", "0", "--rmi", "local").orFail();

    assertThat(local.err()).contains("Image brmi-plain  Removed");
    assertThat(images()).doesNotContain("brmi-plain:latest").contains("brmi/tagged:latest");
    berth(dir, "down", "--rmi", "all").orFail();
    assertThat(images()).doesNotContain("brmi/tagged:latest");
    assertThat(berth(dir, "down", "--rmi", "all").orFail().err()).doesNotContain("Image");
    LocalBerthd.Run bad = berth(dir, "down", "--rmi", "some");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--rmi");
  }

  @Test
  void build_passesExtraHostsShmSizeAndTarget_toTheBuilder(@TempDir Path dir) throws Exception {
    projectWithOwnDockerfile(
        dir,
        """
        name: bopts
        services:
          app:
            build:
              context: .
              additional_contexts: {bb: /bin}
              target: second
              extra_hosts: ["buildhost=10.1.2.3"]
              shm_size: 96m
        """,
        """
        FROM scratch AS second
        COPY --from=bb busybox /bin/busybox
        RUN ["/bin/busybox", "--install", "-s", "/bin"]
        RUN grep buildhost /etc/hosts
        RUN df -k /dev/shm | tail -1
        FROM second AS third
        RUN echo stage-after-the-target
        """);

    LocalBerthd.Run run = berth(dir, "build", "--no-cache").orFail();

    assertThat(run.err()).contains("10.1.2.3").contains("buildhost").contains("98304");
    assertThat(run.err()).doesNotContain("stage-after-the-target");
  }

  @Test
  void build_withADockerfileOutsideTheContext_readsIt(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("ctx"));
    Files.writeString(dir.resolve("ctx/data.txt"), "from-the-context\n");
    Files.writeString(
        dir.resolve("elsewhere.Dockerfile"), BASE + "COPY data.txt /\nRUN cat /data.txt\n");
    Files.writeString(
        dir.resolve("compose.yaml"),
        """
        name: boutside
        services:
          app:
            build:
              context: ./ctx
              dockerfile: ../elsewhere.Dockerfile
              additional_contexts: {bb: /bin}
        """);

    LocalBerthd.Run run = berth(dir, "build", "--no-cache").orFail();

    assertThat(run.err()).contains("app  | from-the-context");
  }

  @Test
  void failingRun_showsTheStepsOutputAndMessage_andExitsOne(@TempDir Path dir) throws Exception {
    project(
        dir,
        """
        name: bfail
        services:
          broken:
            build: {context: ., additional_contexts: {bb: /bin}}
        """,
        "RUN echo output-before-failing && exit 7\n");

    LocalBerthd.Run run = berth(dir, "build");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("broken  | output-before-failing");
    assertThat(run.err()).contains("service \"broken\" failed to build").contains("7");
    assertThat(run.err()).doesNotContain("Exception");
  }

  @Test
  void build_quiet_printsNoOutput(@TempDir Path dir) throws Exception {
    project(
        dir,
        """
        name: bquiet
        services:
          app:
            build: {context: ., additional_contexts: {bb: /bin}}
        """,
        "RUN echo noisy-line\n");

    LocalBerthd.Run run = berth(dir, "build", "-q", "--no-cache").orFail();

    assertThat(run.out() + run.err()).doesNotContain("noisy-line").doesNotContain("Building");
    assertThat(images()).contains("bquiet-app:latest");
  }
}
