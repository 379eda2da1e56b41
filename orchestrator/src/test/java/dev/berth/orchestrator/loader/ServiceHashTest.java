package dev.berth.orchestrator.loader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.orchestrator.loader.yaml.YamlReader;
import dev.berth.orchestrator.model.MapNode;
import org.junit.jupiter.api.Test;

class ServiceHashTest {

  private static MapNode service(String yaml) throws Exception {
    return (MapNode) YamlReader.readAll("s.yaml", yaml).get(0);
  }

  @Test
  void of_ignoresScaleBuildAndPullPolicy_soScalingDoesNotRecreate() throws Exception {
    String a = ServiceHash.of(service("image: x\nscale: 1\ndeploy: {replicas: 1}\n"));
    String b =
        ServiceHash.of(
            service("image: x\nscale: 3\ndeploy: {replicas: 3}\npull_policy: always\nbuild: .\n"));
    assertThat(a).isEqualTo(b).hasSize(64);
  }

  @Test
  void of_changesWithWhatTheContainerRuns() throws Exception {
    assertThat(ServiceHash.of(service("image: x\n")))
        .isNotEqualTo(ServiceHash.of(service("image: x\ncommand: [sh]\n")));
  }

  @Test
  void input_isTheCanonicalJsonThatIsHashed() throws Exception {
    assertThat(ServiceHash.input(service("image: x\nscale: 2\n")))
        .contains("\"image\": \"x\"")
        .doesNotContain("scale");
  }
}
