package dev.berth.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecJsonTest {

  @Test
  void write_usesTheSpecsFieldNamesAndOmitsUnsetOnes() throws Exception {
    RuntimeSpec spec =
        new RuntimeSpec(
            RuntimeSpec.VERSION,
            new RuntimeSpec.Process(
                false,
                new RuntimeSpec.User(1000, 1000, null),
                List.of("sh"),
                List.of("A=1"),
                "/",
                null,
                null,
                true,
                null),
            new RuntimeSpec.Root("/r", true),
            "web",
            null,
            DockerDefaults.mounts(DockerDefaults.SHM_SIZE, false),
            new RuntimeSpec.Linux(
                List.of(new RuntimeSpec.Namespace("pid", null)),
                new RuntimeSpec.Resources(
                    DockerDefaults.deviceRules(),
                    new RuntimeSpec.Memory(1L << 20, null),
                    null,
                    new RuntimeSpec.Pids(10)),
                "/berth/abc",
                Map.of(),
                null,
                DockerDefaults.MASKED_PATHS,
                DockerDefaults.READONLY_PATHS,
                null),
            null);

    JsonNode json = new ObjectMapper().readTree(SpecJson.write(spec));

    assertThat(json.at("/process/noNewPrivileges").asBoolean()).isTrue();
    assertThat(json.at("/process/user").has("additionalGids")).isFalse();
    assertThat(json.has("domainname")).isFalse();
    assertThat(json.at("/linux/cgroupsPath").asText()).isEqualTo("/berth/abc");
    assertThat(json.at("/linux/resources/pids/limit").asLong()).isEqualTo(10);
    assertThat(json.at("/linux/resources/devices/0/allow").asBoolean()).isFalse();
    assertThat(json.at("/mounts/6/options/4").asText()).isEqualTo("size=67108864");
    assertThat(SpecJson.read(SpecJson.write(spec))).isEqualTo(spec);
  }

  @Test
  void mounts_keepSysReadOnlyUnlessPrivileged() {
    assertThat(DockerDefaults.mounts(1, false).get(3).options()).contains("ro");
    assertThat(DockerDefaults.mounts(1, true).get(3).options()).contains("rw");
  }
}
