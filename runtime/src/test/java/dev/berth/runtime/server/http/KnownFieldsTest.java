package dev.berth.runtime.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which body fields berthd would ignore, on the docker CLI's real create body. */
class KnownFieldsTest {
  private static final KnownFields CREATE =
      new KnownFields(
          Set.of("Image", "Cmd", "AttachStdout", "AttachStderr", "Labels", "HostConfig.AutoRemove"),
          Map.of(
              "HostConfig.NetworkMode", "default",
              "HostConfig.RestartPolicy.Name", "no",
              "HostConfig.MemorySwappiness", "-1"));

  private static ObjectNode dockerRunBody() throws Exception {
    try (InputStream in =
        KnownFieldsTest.class.getResourceAsStream("create_docker28_run_rm_echo.json")) {
      return (ObjectNode) Json.MAPPER.readTree(in);
    }
  }

  @Test
  void unsupported_ofDockerRunsDefaults_isEmpty() throws Exception {
    assertThat(CREATE.unsupported(dockerRunBody())).isEmpty();
  }

  @Test
  void unsupported_namesEachFieldSetBeyondItsDefault() throws Exception {
    ObjectNode body = dockerRunBody();
    ((ObjectNode) body.get("HostConfig"))
        .set("PortBindings", Json.MAPPER.readTree("{\"80/tcp\":[{\"HostPort\":\"8080\"}]}"));
    ((ObjectNode) body.get("HostConfig")).put("NetworkMode", "host");
    body.put("Hostname", "web");

    assertThat(CREATE.unsupported(body))
        .containsExactlyInAnyOrder("Hostname", "HostConfig.PortBindings", "HostConfig.NetworkMode");
  }

  @Test
  void unsupported_ofAnUnderstoodField_isEmptyWhateverItsValue() throws Exception {
    JsonNode body = Json.MAPPER.readTree("{\"Image\":\"x\",\"HostConfig\":{\"AutoRemove\":true}}");

    assertThat(CREATE.unsupported(body)).isEmpty();
  }

  @Test
  void aStarSegment_understandsAnyKey_butNotItsOtherFields() throws Exception {
    KnownFields endpoints =
        new KnownFields(Set.of("NetworkingConfig.EndpointsConfig.*.Aliases"), Map.of());
    ObjectNode body =
        (ObjectNode)
            Json.MAPPER.readTree(
                "{\"NetworkingConfig\":{\"EndpointsConfig\":{\"app_net\":"
                    + "{\"Aliases\":[\"web\"],\"MacAddress\":\"02:42:ac:11:00:02\"}}}}");

    assertThat(endpoints.unsupported(body))
        .containsExactly("NetworkingConfig.EndpointsConfig.app_net.MacAddress");
  }
}
