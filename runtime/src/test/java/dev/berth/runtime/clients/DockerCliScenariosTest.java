package dev.berth.runtime.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * The docker CLI v28's common commands, each scenario against every engine of {@link
 * ClientEngines}: the expected results below are what dockerd gives, and berthd must give them too.
 */
class DockerCliScenariosTest {
  private static final String TEST_LABEL = "dev.berth.test.clients";

  @TempDir Path temp;

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(ClientEngines.class)
  void pull_thenImages_listsThePulledImage(EngineKind kind) throws Exception {
    String image = ScenarioImages.busybox();
    try (ClientEngine engine =
        kind.open(temp, "DockerCliScenariosTest.pull_thenImages_listsThePulledImage")) {
      ClientCommand docker = engine.docker();

      ClientCommand.Result pull = docker.runChecked("pull", image);
      ClientCommand.Result images =
          docker.runChecked("images", "--format", "{{.Repository}}:{{.Tag}}");

      assertThat(pull.stdout()).contains(image);
      assertThat(images.stdout().lines()).contains(image);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(ClientEngines.class)
  void runRm_passesOutputAndTheContainersExitCode_andLeavesNothing(EngineKind kind)
      throws Exception {
    String image = ScenarioImages.busybox();
    String name = ScenarioImages.unique("rm");
    try (ClientEngine engine =
        kind.open(
            temp,
            "DockerCliScenariosTest.runRm_passesOutputAndTheContainersExitCode_andLeavesNothing")) {
      ClientCommand docker = engine.docker();
      engine.removeOnClose("rm", "-f", name);

      ClientCommand.Result run =
          docker.run(
              "run",
              "--rm",
              "--name",
              name,
              image,
              "sh",
              "-c",
              "echo to stdout; echo to stderr >&2; exit 3");

      assertThat(run.exitCode()).as(run.stderr()).isEqualTo(3);
      assertThat(run.stdout()).isEqualTo("to stdout\n");
      assertThat(run.stderr()).contains("to stderr");
      assertThat(docker.runChecked("ps", "-a", "-q", "--filter", "name=" + name).out()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(ClientEngines.class)
  void runDetached_logsFollow_exec_stop_rm(EngineKind kind) throws Exception {
    String image = ScenarioImages.busybox();
    String name = ScenarioImages.unique("detached");
    try (ClientEngine engine =
        kind.open(temp, "DockerCliScenariosTest.runDetached_logsFollow_exec_stop_rm")) {
      ClientCommand docker = engine.docker();
      engine.removeOnClose("rm", "-f", name);

      String id =
          docker
              .runChecked(
                  "run",
                  "-d",
                  "--name",
                  name,
                  "--label",
                  TEST_LABEL + "=detached",
                  image,
                  "sh",
                  "-c",
                  "trap 'echo stopping; exit 0' TERM; echo started; while true; do sleep 0.1; done")
              .out();
      assertThat(id).matches("[0-9a-f]{64}");
      Path followed = temp.resolve("logs-f.txt");
      Process logs = docker.start(followed, "logs", "-f", name);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(followed).content().contains("started\n"));

      ClientCommand.Result exec = docker.runChecked("exec", name, "sh", "-c", "echo hi from $0");
      assertThat(exec.stdout()).isEqualTo("hi from sh\n");
      assertThat(docker.runChecked("inspect", "-f", "{{.State.Status}}", name).out())
          .isEqualTo("running");

      assertThat(docker.runChecked("stop", "-t", "10", name).out()).isEqualTo(name);
      assertThat(logs.waitFor(30, TimeUnit.SECONDS))
          .as("logs -f ends when the container does")
          .isTrue();
      assertThat(logs.exitValue()).isZero();
      assertThat(Files.readString(followed, StandardCharsets.UTF_8))
          .isEqualTo("started\nstopping\n");
      assertThat(
              docker
                  .runChecked("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", name)
                  .out())
          .isEqualTo("exited 0");

      assertThat(docker.runChecked("rm", name).out()).isEqualTo(name);
      assertThat(docker.runChecked("ps", "-a", "-q", "--filter", "name=" + name).out()).isEmpty();
      assertThat(docker.run("inspect", name).exitCode()).isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(ClientEngines.class)
  void psFilterLabel_andInspect_showOnlyTheLabelledContainer(EngineKind kind) throws Exception {
    String image = ScenarioImages.busybox();
    String run = ScenarioImages.unique("ps");
    String a = run + "-a";
    String b = run + "-b";
    try (ClientEngine engine =
        kind.open(
            temp, "DockerCliScenariosTest.psFilterLabel_andInspect_showOnlyTheLabelledContainer")) {
      ClientCommand docker = engine.docker();
      engine.removeOnClose("rm", "-f", a, b);
      for (String name : new String[] {a, b}) {
        docker.runChecked(
            "run",
            "-d",
            "--name",
            name,
            "--label",
            TEST_LABEL + "=" + run,
            "--label",
            "role=" + name.substring(name.length() - 1),
            image,
            "sleep",
            "300");
      }

      String labelled =
          docker
              .runChecked(
                  "ps",
                  "--filter",
                  "label=role=a",
                  "--filter",
                  "label=" + TEST_LABEL + "=" + run,
                  "--format",
                  "{{.Names}}")
              .out();
      String both =
          docker
              .runChecked(
                  "ps", "--filter", "label=" + TEST_LABEL + "=" + run, "--format", "{{.Names}}")
              .out();
      String inspected =
          docker
              .runChecked(
                  "inspect",
                  "-f",
                  "{{.Name}} {{.Config.Image}} {{index .Config.Labels \"role\"}} {{.State.Running}}"
                      + " {{json .Config.Cmd}}",
                  a)
              .out();

      assertThat(labelled).isEqualTo(a);
      assertThat(both.lines().sorted()).containsExactly(a, b);
      assertThat(inspected).isEqualTo("/" + a + " " + image + " a true [\"sleep\",\"300\"]");
      docker.runChecked("rm", "-f", a, b);
      assertThat(
              docker
                  .runChecked("ps", "-a", "-q", "--filter", "label=" + TEST_LABEL + "=" + run)
                  .out())
          .isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(ClientEngines.class)
  void networkCreateConnectRm_letsContainersReachEachOtherByName(EngineKind kind) throws Exception {
    String image = ScenarioImages.busybox();
    String network = ScenarioImages.unique("net");
    String server = ScenarioImages.unique("srv");
    try (ClientEngine engine =
        kind.open(
            temp,
            "DockerCliScenariosTest.networkCreateConnectRm_letsContainersReachEachOtherByName")) {
      ClientCommand docker = engine.docker();
      engine.removeOnClose("network", "rm", network);
      engine.removeOnClose("rm", "-f", server);

      String networkId = docker.runChecked("network", "create", network).out();
      docker.runChecked("run", "-d", "--name", server, image, "sleep", "300");
      docker.runChecked("network", "connect", network, server);
      String networks =
          docker
              .runChecked(
                  "inspect",
                  "-f",
                  "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}",
                  server)
              .out();
      String address =
          docker
              .runChecked(
                  "inspect",
                  "-f",
                  "{{(index .NetworkSettings.Networks \"" + network + "\").IPAddress}}",
                  server)
              .out();
      // Only the name lookup is compared: the test kit's private dockerd runs without iptables,
      // and with this host's FORWARD policy DROP and br_netfilter, bridged packets are dropped.
      ClientCommand.Result ping =
          docker.run(
              "run", "--rm", "--network", network, image, "ping", "-c", "1", "-W", "1", server);

      assertThat(networkId).matches("[0-9a-f]{64}");
      assertThat(networks.split(" ")).containsExactlyInAnyOrder("bridge", network);
      assertThat(address).matches("[0-9.]+");
      assertThat(ping.stdout())
          .as(ping.stderr())
          .startsWith("PING " + server + " (" + address + ")");

      docker.runChecked("rm", "-f", server);
      assertThat(docker.runChecked("network", "rm", network).out()).isEqualTo(network);
      assertThat(docker.runChecked("network", "ls", "-q", "--filter", "name=" + network).out())
          .isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(ClientEngines.class)
  void volumeCreateRm_keepsDataBetweenContainers(EngineKind kind) throws Exception {
    String image = ScenarioImages.busybox();
    String volume = ScenarioImages.unique("vol");
    try (ClientEngine engine =
        kind.open(temp, "DockerCliScenariosTest.volumeCreateRm_keepsDataBetweenContainers")) {
      ClientCommand docker = engine.docker();
      engine.removeOnClose("volume", "rm", "-f", volume);

      assertThat(docker.runChecked("volume", "create", volume).out()).isEqualTo(volume);
      docker.runChecked(
          "run", "--rm", "-v", volume + ":/data", image, "sh", "-c", "echo kept > /data/f");
      String read =
          docker.runChecked("run", "--rm", "-v", volume + ":/data", image, "cat", "/data/f").out();
      String driver = docker.runChecked("volume", "inspect", "-f", "{{.Driver}}", volume).out();

      assertThat(read).isEqualTo("kept");
      assertThat(driver).isEqualTo("local");
      assertThat(docker.runChecked("volume", "rm", volume).out()).isEqualTo(volume);
      assertThat(docker.runChecked("volume", "ls", "-q", "--filter", "name=" + volume).out())
          .isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(ClientEngines.class)
  void cp_copiesFilesIntoAndOutOfARunningContainer(EngineKind kind) throws Exception {
    String image = ScenarioImages.busybox();
    String name = ScenarioImages.unique("cp");
    try (ClientEngine engine =
        kind.open(temp, "DockerCliScenariosTest.cp_copiesFilesIntoAndOutOfARunningContainer")) {
      ClientCommand docker = engine.docker();
      engine.removeOnClose("rm", "-f", name);
      Path hostFile = temp.resolve("in.txt");
      Files.writeString(hostFile, "from the host\n");
      Path outDir = Files.createDirectories(temp.resolve("out"));

      docker.runChecked("run", "-d", "--name", name, image, "sleep", "300");
      docker.runChecked("cp", hostFile.toString(), name + ":/tmp/in.txt");
      String inside = docker.runChecked("exec", name, "cat", "/tmp/in.txt").stdout();
      docker.runChecked(
          "exec", name, "sh", "-c", "mkdir -p /tmp/d && echo from inside > /tmp/d/out.txt");
      docker.runChecked("cp", name + ":/tmp/d", outDir.toString());

      assertThat(inside).isEqualTo("from the host\n");
      assertThat(outDir.resolve("d/out.txt")).content().isEqualTo("from inside\n");
    }
  }
}
